"""The shifted-GBK search's shortcuts give what the full search gives: pages damaged by hand
with the codec (``test_mojibake._shifted``), each hypothesis searched with and without them."""

from __future__ import annotations

import math
from collections import Counter
from functools import cache
from itertools import pairwise, product

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from extractor import gbk_ranking, gbk_search, gbk_slots, gbk_words, mojibake
from extractor.gbk import (
    HIGH_TRAILS,
    HINT_MATCH,
    HINT_MISS,
    HINT_TONELESS,
    SWALLOWED,
    decode_pair,
    hint_bonus,
    pua_partners,
    pua_starters,
    table,
    two_bytes,
)
from extractor.gbk_candidates import Candidates
from extractor.gbk_hypotheses import hypotheses
from extractor.gbk_pairs import page_pair_bonus
from extractor.gbk_punctuation import breaks_before, enumeration_lead
from extractor.gbk_rivals import (
    BOUND_SLACK,
    SLOT_MARGIN,
    Judged,
    _clause_after,
    _lead_two,
    _log_sum,
)
from extractor.gbk_runs import suspect_segments
from extractor.gbk_score import Scorer, known_pair
from extractor.gbk_search import Search, unfillable
from extractor.gbk_shifted import reads_shifted
from extractor.gbk_slots import CANDIDATES_WHOLE, CANDIDATES_WITH_TRAIL, Slot
from extractor.gbk_swallowed import counted_twice
from extractor.gbk_tables import _page_pairs, _PairCounts
from extractor.gbk_words import SUCCESSORS, pair_ends
from extractor.lm import COMMON_PUNCTUATION, language_model
from extractor.pinyin_table import character_readings, toneless
from extractor.running_text import PHRASE_CAP, RunningPhrases, phrase_lead, running_pairs
from extractor.views import is_traditional, to_simplified
from tests.test_mojibake import _shifted

# Runs whose reach crosses sound characters with an ASCII-range trail byte (學 = 8c 57, 農 =
# de 72, 業 = 98 49): re-paired from there, a middle character's lead byte would be ASCII.
PAGES = [
    "全縣各級" + _shifted("干部群眾踴躍參與") + ",活動",
    "發展農業學校" + _shifted("地干部群眾樹立") + "l展",
    "開展確保農業" + _shifted("支教周期适当延長") + ";二是加強管理。",
    "我們堅持把各項" + _shifted("工作。現") + "將一年來的情況總結如下。",
]


def _searched(page: str, search: Search | None = None) -> list[tuple[tuple, object]]:
    """Every hypothesis of every segment of a page, with its best reading (by ``search``, when
    given, a search of that page)."""
    search = search or Search(language_model(), page, is_traditional(page))
    found = []
    for segment in suspect_segments(page, {}):
        for hypothesis in hypotheses(page, segment, {}, search.model):
            left = to_simplified(page[max(0, hypothesis.start - 4) : hypothesis.start])
            right = to_simplified(page[hypothesis.end : hypothesis.end + 4])
            reading = search.best_reading(hypothesis.steps, left, right)
            found.append((hypothesis.steps, reading))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_an_unfillable_hypothesis_is_one_the_full_search_gives_up(page, monkeypatch):
    shortcut = _searched(page)
    monkeypatch.setattr(gbk_search, "unfillable", lambda steps: False)
    assert [reading for _, reading in _searched(page)] == [reading for _, reading in shortcut]
    for steps, reading in shortcut:
        assert reading is not None or unfillable(steps) or not steps


def test_the_pages_have_unfillable_and_fillable_hypotheses():
    found = [unfillable(steps) for page in PAGES for steps, _ in _searched(page)]
    assert any(found) and not all(found)


_BYTES = st.one_of(st.none(), st.integers(0, 0xFF))


@settings(max_examples=300, deadline=None)
@given(
    lead=_BYTES,
    trail=_BYTES,
    hint=st.sampled_from([None, "xué", "zhōng", "q"]),
    trails=st.sampled_from([None, HIGH_TRAILS, pua_starters()]),
    dropped=st.booleans(),
    previous=st.sampled_from(["", "教", "的", "工", "发", "中", "学", "人"]),
)
def test_a_slot_that_offers_nothing_offers_nothing_after_any_character(
    lead, trail, hint, trails, dropped, previous
):
    slot = Slot(lead, trail, hint, trails=trails, dropped_before=dropped)
    if gbk_search._offers_nothing(slot):
        search = Search(language_model(), "教学工作中的人发展", False)
        assert search.candidates.offered(slot, previous) == []


def test_a_middle_character_with_an_ascii_lead_byte_offers_nothing():
    assert gbk_search._offers_nothing(Slot(0x48, 0x96))
    assert not gbk_search._offers_nothing(Slot(0xB5, None))


def test_slots_differing_in_any_one_field_are_different_keys():
    fields = (
        0xB5,
        None,
        "dì",
        frozenset({0xB5}),
        HIGH_TRAILS,
        True,
        ",",
        "下",
        "全縣",
        "名",
        "所",
        True,
        "村",
    )
    slot = Slot(*fields)
    others = (0xB6, 0x40, "de", frozenset({0xB6}), None, False, "", "上", "全省", "", "", False, "")
    assert Slot(*fields) in {slot}
    for field, other in zip(Slot._fields, others, strict=True):
        assert Slot(**{**slot._asdict(), field: other}) not in {slot}


def _exhaustive_judge(search, chars, slots, bonus, left, right, score, after=""):
    """``Rivals.judge`` with every rival scored to the end, the lead computed outright."""
    reading = Judged(chars, slots, bonus, left, right, score, after)
    written, uncertain = list(chars), []
    for index, slot in enumerate(slots):
        if not slot.lost_bytes:
            continue
        clear = (
            _clear(search, reading, index) if _fits_what_follows(search, reading, index) else None
        )
        if clear is None:
            uncertain.append(index)
        else:
            written[index] = clear
    return "".join(written), tuple(uncertain)


def _clear(search, reading, index):
    """Of the winner and its rivals, the one SLOT_MARGIN ahead of all others, running text's
    phrases counted; a byte a ``?`` swallowed, the winner ahead of all rivals together."""
    chars, slots, bonus, left, right, score, after = reading
    simplified, slot = table().simplified, slots[index]
    base = bonus - search.slot_bonus(chars[index], slot)
    head = left + "".join(simplified.get(c, c) for c in chars[:index])
    rest = "".join(simplified.get(c, c) for c in chars[index + 1 :]) + right
    rivals = search._rivals(chars, slots, index, search.run(head), (rest,))
    totals = [search.run(rest, state).score + base + prior for state, prior, _ in rivals]
    if slot.swallowed:
        if not totals:
            return chars[index]
        top = max(totals)
        spread = math.log(sum(math.exp(t - top) for t in totals))
        return chars[index] if score - top - spread >= SLOT_MARGIN else None
    winner, fit = simplified.get(chars[index], chars[index]), search.phrases.fit
    own, clause = fit(head, winner, rest), _clause_after(chars, slots, index, after or right)

    def lead(rival_fit, rival):
        found = phrase_lead(own, rival_fit) + enumeration_lead(chars[index], rival, clause)
        return max(-PHRASE_CAP, min(PHRASE_CAP, found))

    scored = [(score, chars[index])] + [
        (total - lead(fit(head, state.last, rest), rival), rival)
        for total, (state, _, rival) in zip(totals, rivals, strict=True)
    ]
    scored.sort(reverse=True)
    if len(scored) == 1 or scored[0][0] - scored[1][0] >= SLOT_MARGIN:
        return scored[0][1]
    return None


def _fits_what_follows(search, reading, index):
    """Before a byte a ``?`` swallowed: the mark's grammar with it, and when it is uncertain
    the judgement over all it may be."""
    chars, slots = reading.chars, reading.slots
    if index + 1 >= len(slots) or not slots[index + 1].swallowed:
        return True
    if breaks_before(chars[index], chars[index + 1]):
        return False
    if _clear(search, reading, index + 1) is not None:
        return True
    return search._judged_over(reading, index)


@cache
def _asked() -> list[tuple[Search, tuple]]:
    """The arguments of every ``judge`` the searches of the pages ask."""
    asked = []
    original = Search.judge

    def spy(self, *args):
        asked.append((self, args))
        return original(self, *args)

    Search.judge = spy
    try:
        for page in PAGES:
            _searched(page)
        page = "教學成績?" + _shifted("如下：")[:-1] + "?/p>\n一、"  # a colon nothing tells apart
        search = Search(language_model(), page, True)
        search.best_reading(*_steps_and_contexts(page, {4: ("nèi",)}))
    finally:
        Search.judge = original
    return asked


def _steps_and_contexts(page, hints):
    segment = next(iter(suspect_segments(page, hints)))
    hypothesis = hypotheses(page, segment, hints, language_model())[0]
    left = to_simplified(page[max(0, hypothesis.start - 4) : hypothesis.start])
    return hypothesis.steps, left, to_simplified(page[hypothesis.end : hypothesis.end + 4])


def test_rivals_cut_short_leave_the_same_characters_uncertain():
    assert len(_asked()) > 10
    found = [search.judge(*args) for search, args in _asked()]
    assert found == [_exhaustive_judge(search, *args) for search, args in _asked()]
    assert any(uncertain for _, uncertain in found) and not all(u for _, u in found)


def test_a_close_call_goes_to_the_character_running_text_writes_in_that_phrase():
    """A filled character a rival comes within SLOT_MARGIN of is written once the runs of
    three it makes with its neighbours are phrases of running text (made up here) and the
    rival's are not: the margin falls by their lead (at most PHRASE_CAP). (Not before a byte
    a ``?`` swallowed, which is judged with that byte.)"""
    simplified, settled = table().simplified, 0
    for search, args in _asked():
        chars, slots, _, left, right, *_ = args
        view = left + "".join(simplified.get(c, c) for c in chars) + right
        for index in search.judge(*args)[1]:
            if any(slot.swallowed for slot in slots[index : index + 2]):
                continue
            at = len(left) + index
            kept, search.phrases = search.phrases, RunningPhrases({view[at - 1 : at + 2]: 9.0})
            try:
                assert index not in search.judge(*args)[1]
            finally:
                search.phrases = kept
            settled += 1
    assert settled


@settings(max_examples=60, deadline=None)
@given(shift=st.floats(-12.0, 12.0), pick=st.integers(0, 10**6))
def test_rivals_cut_short_near_the_margin_too(shift, pick):
    """Scores moved so that the winner's lead falls anywhere near SLOT_MARGIN."""
    search, (chars, slots, bonus, left, right, score, *after) = _asked()[pick % len(_asked())]
    args = (chars, slots, bonus, left, right, score + shift, *after)
    assert search.judge(*args) == _exhaustive_judge(search, *args)


@settings(max_examples=80, deadline=None)
@given(
    lead=st.one_of(st.none(), st.integers(0x81, 0xFE)),
    trail=st.one_of(st.none(), st.integers(0x40, 0xFE)),
    hint=st.sampled_from([None, "xué", "zhōng", "shì"]),
    trails=st.sampled_from([None, HIGH_TRAILS, pua_starters()]),
)
def test_a_slots_candidates_are_ranked_by_their_counts_and_reading(lead, trail, hint, trails):
    """The ranking sorts by a table of counts (in C when there is no reading): the same order
    as the counts and reading bonus worked out for each character."""
    counts, gbk = language_model().char_counts, table()
    slot = Slot(lead, trail, hint, trails=trails)
    ranked = slot.candidates()
    for better, worse in pairwise(ranked):
        if better in COMMON_PUNCTUATION or worse in COMMON_PUNCTUATION:
            continue

        def key(c):
            return math.log(counts.get(gbk.simplified[c], 0) + 1) + hint_bonus(c, hint)

        assert key(better) >= key(worse)


@settings(max_examples=80, deadline=None)
@given(
    byte=st.integers(0x40, 0xFE),
    lead_known=st.booleans(),
    kinds=st.sampled_from([None, HIGH_TRAILS, pua_starters(), frozenset(range(0xB0, 0xD8))]),
)
def test_a_known_bytes_candidates_are_its_rows_share_sorted(byte, lead_known, kinds):
    """One byte known and no reading: the candidates come from the row kept sorted by count,
    the same characters in the same order (ties in table order) as the share of the row the
    other byte's kinds allow sorted alone."""
    lead, trail = (byte, None) if lead_known else (None, byte)
    leads, trails = (kinds, kinds) if lead_known else (kinds, None)
    found = Slot(lead, trail, leads=leads, trails=trails).candidates()
    shared = gbk_slots._sorted_by_count(lead, trail, leads, trails, None)
    width = gbk_slots._width(lead, trail, leads, trails, None)
    assert found == shared[:width] + [c for c in shared[width:] if c in COMMON_PUNCTUATION]


@given(
    char=st.one_of(st.sampled_from("行长重乐了的干么?,1a還还"), st.characters()),
    hint=st.sampled_from(["xíng", "háng", "hang", "zhǎng", "zhong", "le", "lü", "lv", "qq", ""]),
)
def test_a_reading_nudges_as_the_characters_own_readings_say(char, hint):
    """``hint_bonus`` looks a character up among those a reading has (tones aside or not):
    the same answers as its own readings give, for any character."""
    marked = frozenset((character_readings().get(ord(char)) or "").split(",")) - {""}
    plain = {toneless(reading) for reading in marked}
    expected = (
        HINT_MATCH if hint in marked else HINT_TONELESS if toneless(hint) in plain else HINT_MISS
    )
    assert hint_bonus(char, hint) == expected


def test_a_character_that_left_no_byte_tries_the_commonest():
    """Known only to end in a byte that starts a private-use pair, a character tries as many
    candidates as one with its trail byte known, not as many as one a seam or reading narrows."""
    vanished = Slot(None, None, trails=pua_starters()).candidates()
    whole = Slot(None, None, trails=HIGH_TRAILS).candidates()
    assert len([c for c in vanished if c not in COMMON_PUNCTUATION]) == CANDIDATES_WITH_TRAIL
    assert len([c for c in whole if c not in COMMON_PUNCTUATION]) == CANDIDATES_WHOLE


def _full_paired(candidates, slot, context, after):
    """The forms a slot's choices score in full, sought among all its options."""
    local = candidates._local(slot)
    plan, in_document = local.plan, local.in_document
    previous, document = context[-1:], candidates.scorer.bigram_counts
    following = candidates._follow.get(previous, "")
    paired = {simple for simple in plan.simples if simple in following}
    paired |= {simple for simple in in_document if previous + simple in document}
    return paired | candidates._paired_before(local, after) if after else paired


def _sorted_calls() -> tuple[list[Search], list[tuple]]:
    """The slot of every ``Candidates._sorted`` call the search of PAGES makes, and the call's
    arguments: one for each choices a slot keeps, by their keys (a compiled class's method
    cannot be spied on); and the searches, which the caller keeps while it calls again (their
    candidates refer to them weakly)."""
    searches, asked = [], []
    for page in PAGES:
        search = Search(language_model(), page, is_traditional(page))
        searches.append(search)
        _searched(page, search)
        candidates = search.candidates
        asked += [
            (candidates, slot, local, *_previous_and_before(local, key), after)
            for slot, local in candidates._plans.items()
            for after, kept in local.choices.items()
            for key in kept
        ]
    return searches, asked


def _previous_and_before(local, key) -> tuple[str, str]:
    """A choices' key within its ``after``: the character before (Simplified), and as written
    only after a dropped pair, whose leads allowed depend on it."""
    return key if local.dropped_before else (key, "")


def test_choices_after_a_dropped_pair_are_those_sought_among_all_options():
    """After a dropped pair, paired forms are sought among the allowed options only: the
    options scored in full, and those skipped as paired, are the same."""
    original = Candidates._sorted
    _searches_kept, asked = _sorted_calls()  # their candidates are read after the search
    dropped = [item for item in asked if item[1].dropped_before]
    assert dropped and any(original(c, local, *rest).scored for c, _, local, *rest in dropped)
    for candidates, slot, local, previous, before, after in asked:
        choices = original(candidates, local, previous, before, after)
        full = _full_paired(candidates, slot, previous, after)
        offered = [
            (place, option)
            for place, option in enumerate(candidates.plan(slot).options)
            if choices.allowed is None or option[3] in choices.allowed
        ]
        in_full = [item for item in offered if item[1][1] in full]
        assert choices.scored[: len(in_full)] == [place for place, _ in in_full]
        assert [o[1] in choices.paired for _, o in offered] == [o[1] in full for _, o in offered]


def test_a_slot_after_a_dropped_pair_shares_its_twins_plan_not_its_choices():
    """A slot after a dropped pair is priced and completed as the same slot without one (the
    plan found once for both), but offers only the lead bytes the dropped pair allows."""
    scorer = Scorer(language_model(), "工作中的問題，管理工作", True)
    candidates = Candidates(scorer)
    plain = Slot(None, 0xB3)
    dropped = plain._replace(dropped_before=True)
    assert candidates.plan(dropped) is candidates.plan(plain)
    completed = candidates.offered(dropped, "工")  # 匠 (bd b3) completes 工匠
    assert completed == candidates.offered(plain, "工")
    assert "匠" in [option[0] for option in completed[len(candidates.plan(plain).options) :]]
    [after_pair], [after_none] = (
        candidates.choices(slot, ["工"], ["工"], "") for slot in (dropped, plain)
    )
    assert after_pair.allowed == pua_partners(0xA4)  # 工 = b9 a4
    assert after_none.allowed is None and after_pair.count < after_none.count


def test_trails_with_the_same_private_use_partners_share_one_set_of_them():
    """After a trail byte AA or AF (rows of one user-defined area) the same lead bytes make a
    private-use pair: one set, by which a slot's plan keeps what it allows (``_allowed``), found
    by identity rather than by comparing two equal sets member by member."""
    assert pua_partners(0xAA) == pua_partners(0xAF)
    assert pua_partners(0xAA) is pua_partners(0xAF)
    assert pua_partners(0xAA) != pua_partners(0xA1)


def test_options_not_paired_make_no_pair_anything_knows():
    """An option left out of ``paired`` is scored by its own log-probability alone: it makes
    no pair with the character before it, nor with ``after``, that the dictionary, running
    text (``Scorer.is_known``) or the page knows."""
    original = Candidates._sorted
    _searches_kept, asked = _sorted_calls()  # their candidates are read after the search
    running = 0
    for candidates, slot, local, previous, before, after in asked:
        choices = original(candidates, local, previous, before, after)
        scorer = candidates.scorer
        document = scorer.bigram_counts
        allowed = choices.allowed
        for _, simple, _, lead in candidates.plan(slot).options:
            if simple in choices.paired or (allowed is not None and lead not in allowed):
                continue
            for pair in (previous + simple, simple + after):
                assert len(pair) < 2 or not (scorer.is_known(pair) or pair in document)
        running += any(previous + simple in scorer.running for simple in choices.paired)
    assert running  # some option is paired by running text


@settings(max_examples=60, deadline=None)
@given(
    page=st.text(alphabet="2019年,全村脱贫。3月5人(共)\n", max_size=30),
    then=st.text(alphabet="019年月人,(共)\n", max_size=5),
    line=st.text(alphabet="截至(共)", max_size=30),
)
def test_a_swallowed_bytes_priors_sum_the_pages_counts_once_a_slot(page, then, line):
    """A ``?``'s priors, their counts summed once a slot, are each its count over the sum
    of all, summed afresh (less the page's pair of a bracket and what follows, when that
    bracket closes nothing soon after: see ``counted_twice``)."""
    scorer = Scorer(language_model(), page, traditional=False)
    slot = Slot(None, None, swallowed=SWALLOWED, then=then, line=line)
    follows = scorer.swallowed.context(then, line)
    counts = [scorer.swallowed.mark_count(mark, follows, slot) for mark in SWALLOWED]
    options = tuple((mark, mark, 0.0, -1) for mark in SWALLOWED)
    found = [prior for _, _, prior, _ in scorer.own_priors(slot, options)]
    twice = [
        page_pair_bonus(scorer.bigram_counts, mark + then[:1])
        if counted_twice(mark, follows, then)
        else 0.0
        for mark in SWALLOWED
    ]
    assert found == [
        math.log(count / sum(counts)) - extra for count, extra in zip(counts, twice, strict=True)
    ]
    assert [scorer.swallowed.prior(mark, slot) for mark in reversed(SWALLOWED)] == found[::-1]


def _reads_shifted_pair_by_pair(text: str, start: int, end: int) -> bool:
    words, previous = language_model().words, ""
    for position in range(start, end - 1):
        left, right = two_bytes(text[position]), two_bytes(text[position + 1])
        pair = decode_pair(left[1], right[0]) if left and right else None
        char = table().simplified.get(pair, pair) if pair else ""
        if previous and char and previous + char in words:
            return True
        previous = char
    return False


@settings(max_examples=200, deadline=None)
@given(
    # with characters that have no two bytes: an ASCII mark, an astral one
    text=st.text(
        alphabet=_shifted("工作总结全县各级干部群众") + "a1,#。工作\U0001f600", max_size=16
    ),
    start=st.integers(0, 16),
    end=st.integers(0, 16),
)
def test_re_paired_at_once_reads_as_pair_by_pair(text, start, end):
    end = min(end, len(text))  # a run's stretch lies in its text
    found = reads_shifted(text, start, end, language_model())
    assert found == _reads_shifted_pair_by_pair(text, start, end)


def test_the_re_paired_pages_read_shifted_somewhere():
    assert any(_reads_shifted_pair_by_pair(page, 0, len(page)) for page in PAGES)


@pytest.mark.skipif(
    not gbk_ranking.__file__.endswith(".py"), reason="compiled: _Ranking's methods are C's only"
)
@pytest.mark.parametrize("page", PAGES)
def test_candidates_pruned_by_the_floor_give_the_readings_of_all_scored(page, monkeypatch):
    """The ranking keeps a floor (the ``width``-th best key) to skip candidates that cannot
    be kept: without it, every candidate is scored, and the readings are the same."""
    pruned = _searched(page)
    placed = gbk_ranking._Ranking._place

    def unfloored(ranking, key: float, order: int) -> int:
        """``_place``, the floor left at -inf: every candidate is scored and offered."""
        place = placed(ranking, key, order)
        ranking.floor = -math.inf
        return place

    monkeypatch.setattr(gbk_ranking._Ranking, "_place", unfloored)
    assert _searched(page) == pruned
    assert any(reading is not None for _, reading in pruned)


@pytest.mark.skipif(
    not gbk_ranking.__file__.endswith(".py"), reason="compiled: the C heap is the only one"
)
@pytest.mark.parametrize("page", PAGES)
def test_the_c_heap_of_a_ranking_gives_the_readings_of_heapqs(page, monkeypatch):
    """Compiled, a ranking keeps its best candidates in a heap of C arrays; interpreted, in
    ``heapq``'s heap of tuples: the C heap run interpreted gives the same readings."""
    with_heapq = _searched(page)
    monkeypatch.setattr(gbk_ranking, "_COMPILED", True)
    assert _searched(page) == with_heapq


@pytest.mark.skipif(
    not gbk_ranking.__file__.endswith(".py"), reason="compiled: _Ranking's methods are C's only"
)
@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(st.sampled_from([-3.5, -2.0, -2.0, -1.25, 0.0, 0.5]), max_size=40),
    width=st.integers(1, 3 * gbk_ranking.BEAM_WIDTH),  # the widest a step ranks
    compiled=st.booleans(),
)
def test_a_ranking_keeps_the_best_keys_ties_in_the_order_offered(keys, width, compiled):
    """Either heap keeps the best ``width`` keys, ties to the earliest, and its floor is the
    worst of them once there are ``width``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gbk_ranking, "_COMPILED", compiled)
        ranking = gbk_ranking._Ranking(None)
        ranking.start(width, "", 0.0)
        places = {ranking._place(key, order): order for order, key in enumerate(keys)}
        found = [places[place] for place in ranking._places()]
    best = sorted(range(len(keys)), key=lambda order: (-keys[order], order))[:width]
    assert found == best
    assert ranking.floor == (keys[best[-1]] if len(keys) >= width else -math.inf)


def _each_afresh(page: str, hints: dict[int, tuple[str, ...]]) -> list:
    """``find_repairs`` with every segment searched on its own: a new search, nothing kept."""
    model, traditional = language_model(), is_traditional(page)
    chosen = [
        found
        for segment in suspect_segments(page, hints)
        if (
            found := mojibake._repair(
                page,
                segment,
                hypotheses(page, segment, hints, model),
                hints,
                Search(model, page, traditional),
                {},
            )
        )
    ]
    return mojibake._without_overlaps(chosen)


_SEAMED = [("要讓當", "地群眾脫貧致富", "l展", "shù"), ("課題變", "為有課題", ",由", "huà")]


def _seamed_page(before: str, damaged: str, after: str) -> str:
    """A seam ``?`` (its reading given as a hint) before a run, as the mirrors show them."""
    return before + "?" + _shifted(damaged) + after + "。"


def test_a_seam_before_a_run_makes_a_hypothesis_two_segments_share():
    before, damaged, after, reading = _SEAMED[0]
    page, hints = _seamed_page(before, damaged, after), {len(before): (reading,)}
    spans = [
        (h.start, h.end, h.steps, h.kept)
        for segment in suspect_segments(page, hints)
        for h in hypotheses(page, segment, hints, language_model())
    ]
    assert len(set(spans)) < len(spans)


@settings(max_examples=25, deadline=None)
@given(
    seamed=st.sampled_from(_SEAMED),
    plain=st.sampled_from(PAGES),
    seam=st.booleans(),
    reading=st.sampled_from(["shù", "dì", None]),
)
def test_hypotheses_scored_once_a_page_give_the_repairs_of_each_searched_afresh(
    seamed, plain, seam, reading
):
    before, damaged, after, _ = seamed
    page = (_seamed_page(before, damaged, after) if seam else "") + plain
    hints = {len(before): (reading,)} if seam and reading else {}
    assert mojibake.find_repairs(page, hints) == _each_afresh(page, hints)


@cache
def _all_word_starts() -> dict[str, list[tuple[float, str]]]:
    """Every character's two-character words, grouped from the whole dictionary at once."""
    groups: dict[str, list[tuple[float, str]]] = {}
    for word, logprob in language_model().words.items():
        if len(word) == 2:
            groups.setdefault(word[0], []).append((logprob, word[1]))
    return {first: sorted(found, reverse=True)[:SUCCESSORS] for first, found in groups.items()}


@settings(max_examples=200, deadline=None)
@given(previous=st.sampled_from(sorted(language_model().char_counts)) | st.characters())
def test_the_words_a_character_starts_are_found_among_those_that_follow_it(previous):
    """Asked for one character, the likeliest words it starts are those grouped and ranked
    from the whole dictionary."""
    scores, seconds = gbk_words._word_starts(previous)
    found = sorted(zip(scores, seconds, strict=True), reverse=True)
    assert found == _all_word_starts().get(previous, [])


def test_common_characters_start_more_words_than_are_tried():
    assert all(len(gbk_words._word_starts(char)[1]) == SUCCESSORS for char in "工作发展")


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="中人个,\n𠀀a", max_size=30),
    st.lists(st.text(alphabet="中人个,\n𠀀a", max_size=3), max_size=6),
)
def test_pairs_counted_by_key_answer_as_a_counter_of_the_pairs_does(view, asked):
    # what the compiled module counts a page's pairs in (``_PairCounts``), read and
    # adjusted as ``_page_pairs`` and the scorer's readers do a ``Counter`` of them
    found, expected = _PairCounts(view), Counter(map(str.__add__, view, view[1:]))
    for pair in asked:
        assert (pair in found, found.get(pair, 0)) == (pair in expected, expected.get(pair, 0))
        assert found.pop(pair, None) == expected.pop(pair, None)
        if len(pair) == 2:
            found[pair] = expected[pair] = len(asked)
    assert sorted(found.items()) == sorted(expected.items())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="12０个人万,.。，\n中aa", max_size=20))
def test_the_pages_pairs_are_counted_place_by_place(view):
    # every pair but those holding a digit, less each unit and mark right after a digit
    digits = "0123456789０１２３４５６７８９"
    expected: dict[str, int] = {}
    for place in range(len(view) - 1):
        pair = view[place : place + 2]
        after_digit = place > 0 and view[place - 1] in digits and pair[1] in "，。、：；,.:;"
        if not (set(pair) & set(digits)):
            expected[pair] = expected.get(pair, 0) + (not after_digit)
    for chars in (list(view), None):  # interpreted, and as the compiled module counts them
        found = _page_pairs(view, chars)
        assert dict(found.items()) == {pair: count for pair, count in expected.items() if count}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="教学成绩工作总结会议人民政府完成得到提高", min_size=7, max_size=7))
def test_a_rivals_lead_after_a_byte_bounds_it_past_text_no_longer_word_reaches_into(text):
    """``_judged_over`` bounds a rival's lead over the winner after a swallowed byte and the
    two characters after it by their last two scores after the byte, when neither pair of
    those two ends a longer word: no word reaches from the rival into them; a rival that
    makes no known pair with the byte has those scores unextended."""
    before, rival, winner, byte, near = text[:2], text[2], text[3], text[4], text[5:]
    tails = language_model().long_word_tails
    assume(near not in tails and byte + near[0] not in tails)
    scorer = Scorer(language_model(), "工作总结会议。教学成绩得到提高", False)
    state = scorer.run(before + rival)
    first = scorer.extend(state, byte)
    if not scorer.is_known(rival + byte) and rival + byte not in scorer.bigram_counts:
        # nor is it extended: its scores are its own, and that with the byte's alone
        assert (first.score, first.b2) == (state.score + scorer.char_logprob(byte), state.score)
    own_first = scorer.extend(scorer.run(before + winner), byte)
    lead = scorer.run(near, first).lead(scorer.run(near, own_first))
    assert lead <= _lead_two(first, own_first) + 1e-9


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=-80.0, max_value=5.0), min_size=1, max_size=30))
@example([-3.25] * 21)
@example([0.0] * 30)
def test_summed_odds_exceed_their_largest_by_the_log_of_their_number_at_most(totals):
    """``_judged_over`` drops a rival by the largest of its bounds after each byte plus the
    log of their number, before summing their odds: rounding aside, the sum is never above."""
    assert _log_sum(totals) <= max(totals) + (math.log(len(totals)) + BOUND_SLACK)


def test_every_pair_the_model_or_running_text_knows_ends_in_a_listed_character():
    # ``_Alone`` and ``_leads`` test a pair ending in no listed character against the
    # page alone: none may be a word, a longer word's tail or a pair of running text
    model, running = language_model(), running_pairs()
    ends = pair_ends(model, running)
    assert all(word[1] in ends for word in model.words if len(word) == 2)
    assert all(pair[1] in ends for pair in model.long_word_tails)
    assert all(pair[1] in ends for pair in running.bonus)
    assert "," not in ends


def test_the_characters_listed_after_one_are_those_it_makes_a_known_pair_with():
    # ``Candidates._sorted`` and ``_paired_before`` find a known pair among the characters
    # ``pair_follow`` and ``known_follow`` list after its first one, making no pair
    scorer = Scorer(language_model(), "工作中的問題，管理工作", True)
    known = gbk_words.known_follow(scorer.model)
    follow = gbk_words.pair_follow(scorer.model, scorer.running)
    chars = "工作中的问题管理发展经济社会人民政府建设学校教育，"
    assert any(known_pair(first + second, scorer.model) for first, second in product(chars, chars))
    for first, second in product(chars, chars):
        assert (second in known.get(first, "")) == known_pair(first + second, scorer.model)
        assert (second in follow.get(first, "")) == scorer.is_known(first + second)
