"""Property tests for the offset map: the log replays, spans stay in bounds and in order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.offsets import EditableText, RepairRecord, Splice, replay

ALPHABET = "甲乙丙丁ab(),\n"


@st.composite
def edit_rounds(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    """An original text and several rounds of random non-overlapping edits on it; some edits
    are insertions (start == end), which may fall inside an earlier edit's replacement."""
    original = draw(st.text(alphabet=ALPHABET, max_size=40))
    length = len(original)
    rounds = []
    for _ in range(draw(st.integers(0, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, length), max_size=6, unique=True)))
        edits = []
        for start, end in zip(cuts[::2], cuts[1::2], strict=False):
            if draw(st.booleans()):
                edits.append((start, start, draw(st.text(alphabet="XYZ", min_size=1, max_size=2))))
                continue
            replacement = draw(st.text(alphabet="XYZ", max_size=3))
            edits.append((start, end, replacement))
        rounds.append(edits)
        length += sum(len(r) - (e - s) for s, e, r in edits)
    return original, rounds


def _naive(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


@settings(max_examples=400)
@given(edit_rounds())
def test_log_replays_to_text_and_spans_stay_in_bounds(case):
    original, rounds = case
    editable = EditableText(original)
    expected = original
    for number, edits in enumerate(rounds):
        editable.apply(Splice(s, e, r, kind=f"k{number}") for s, e, r in edits)
        expected = _naive(expected, edits)
        assert editable.text == expected
        records = editable.repairs()
        assert replay(original, records) == expected
        raw_edges = [(r.raw_start, r.raw_end) for r in records]
        assert raw_edges == sorted(raw_edges)
        for record in records:
            assert editable.text[record.start : record.start + len(record.after)] == record.after
        previous = 0
        for position in range(len(editable.text)):
            raw_start, raw_end = editable.raw_span(position, position + 1)
            assert 0 <= raw_start <= raw_end <= len(original)
            assert raw_start >= previous
            previous = raw_start


@settings(max_examples=400)
@given(edit_rounds())
def test_copied_characters_map_back_to_themselves(case):
    """Every character no repair wrote, those between two splices of a round too, stands for
    the same character of the original, and the lookups agree both ways."""
    original, rounds = case
    editable = EditableText(original)
    for number, edits in enumerate(rounds):
        editable.apply(Splice(s, e, r, kind=f"k{number}") for s, e, r in edits)
        written = {
            position
            for record in editable.repairs()
            for position in range(record.start, record.start + len(record.after))
        }
        for position in set(range(len(editable.text))) - written:
            raw = editable.raw_start_of(position)
            assert original[raw] == editable.text[position]
            assert editable.raw_end_of(position) == raw + 1
            assert editable.text_position(raw) == position


@given(st.text(alphabet=ALPHABET, max_size=30))
def test_untouched_text_maps_to_itself(text):
    editable = EditableText(text)
    editable.apply([])
    assert editable.repairs() == []
    for position in range(len(text)):
        assert editable.raw_span(position, position + 1) == (position, position + 1)


def test_unchanged_characters_keep_their_evidence():
    editable = EditableText("畢節(jié)地區(qū)審計局")
    editable.apply([Splice(2, 7, "", "pinyin_annotation"), Splice(9, 13, "", "pinyin_annotation")])
    assert editable.text == "畢節地區審計局"
    assert editable.original[slice(*editable.raw_span(2, 4))] == "地區"
    assert editable.original[slice(*editable.raw_span(4, 7))] == "審計局"


def test_a_later_edit_swallows_the_earlier_one_it_covers():
    editable = EditableText("abc(x)def")
    editable.apply([Splice(3, 6, "", "pinyin_annotation")])
    editable.apply([Splice(0, 6, "", "boilerplate")])
    (record,) = editable.repairs()
    assert (record.kind, record.before, record.after) == ("boilerplate", "abc(x)def", "")
    assert record.absorbed == ["pinyin_annotation"]


@given(edit_rounds())
def test_a_first_round_logs_each_edit_at_its_own_span(case):
    original, rounds = case
    editable = EditableText(original)
    edits = [(s, e, r) for s, e, r in (rounds[0] if rounds else []) if original[s:e] != r]
    editable.apply(Splice(s, e, r, kind="k") for s, e, r in edits)
    logged = [(r.raw_start, r.raw_end, r.before, r.after) for r in editable.repairs()]
    assert logged == [(s, e, original[s:e], r) for s, e, r in edits]


def _applied(original: str, rounds: list) -> EditableText:
    """``original`` with each round of splices applied in turn, a kind per round."""
    editable = EditableText(original)
    for number, edits in enumerate(rounds):
        editable.apply(Splice(s, e, r, kind=f"k{number}") for s, e, r in edits)
    return editable


@given(edit_rounds(), st.data())
def test_documents_share_the_log_by_where_each_replacement_begins(case, data):
    editable = _applied(*case)
    length = len(editable.text)
    cuts = sorted(data.draw(st.lists(st.integers(0, length), max_size=3)))
    spans = list(zip([0, *cuts], [*cuts, length], strict=True))
    shares = [
        editable.repair_rows(start, end, last=index == len(spans) - 1)
        for index, (start, end) in enumerate(spans)
    ]
    # every change once, in order, each in the document its replacement begins in (a removal
    # at a cut goes to the document after it), its start counted from that document's start
    moved_back = [
        record._replace(start=record.start + start)
        for share, (start, _) in zip(shares, spans, strict=True)
        for record in map(RepairRecord._make, share)
    ]
    assert moved_back == editable.repairs()
    for index, (share, (start, end)) in enumerate(zip(shares, spans, strict=True)):
        limit = end - start + (index == len(spans) - 1)  # the last takes removals at its end
        assert all(0 <= RepairRecord._make(row).start < limit for row in share)


@given(edit_rounds(), st.data())
def test_a_span_is_backed_by_its_first_and_last_characters(case, data):
    editable = _applied(*case)
    length = len(editable.text)
    for _ in range(5):
        start = data.draw(st.integers(0, length))
        end = data.draw(st.integers(0, length))
        first = editable.raw_start_of(start)
        expected = (first, first) if end <= start else (first, editable.raw_end_of(end - 1))
        assert editable.raw_span(start, end) == expected


def test_splices_out_of_order_apply_as_sorted_and_overlapping_ones_are_refused():
    in_order, shuffled = EditableText("甲乙丙丁ab"), EditableText("甲乙丙丁ab")
    splices = [Splice(0, 1, "X", "k"), Splice(2, 2, "YZ", "k"), Splice(4, 6, "", "k")]
    in_order.apply(splices)
    shuffled.apply(reversed(splices))
    assert shuffled.text == in_order.text == "X乙YZ丙丁"
    assert shuffled.repairs() == in_order.repairs()
    with pytest.raises(ValueError, match="overlapping splices at 2"):
        EditableText("甲乙丙丁").apply([Splice(2, 3, "X", "k"), Splice(1, 3, "Y", "k")])
