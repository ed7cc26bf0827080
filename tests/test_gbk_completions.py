"""``gbk_completions``: the characters a slot offers after one as the likeliest words it starts
complete, and what a page writes after a character."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import gbk_completions
from extractor.gbk import HIGH_TRAILS, table, two_bytes
from extractor.gbk_slots import Slot
from extractor.lm import language_model
from tests.test_gbk_search import _all_word_starts

_COMPLETED_SLOTS = [
    Slot(None, None, trails=HIGH_TRAILS),  # both bytes lost: many fit
    Slot(0xD1, None),  # a lost trail byte
    Slot(None, 0xA7),  # a lost lead byte
]


@settings(max_examples=100, deadline=None)
@given(
    previous=st.sampled_from(sorted(language_model().char_counts)),
    slot=st.sampled_from(_COMPLETED_SLOTS),
)
def test_a_slots_completions_come_likeliest_word_first(previous, slot):
    """After a character, the characters that fit the slot and complete one of the likeliest
    words it starts, likeliest word first (ties by character, last first)."""
    words = {second: logprob for logprob, second in _all_word_starts().get(previous, [])}
    expected = sorted(
        (words[form], char)
        for char, form in table().simplified.items()
        if form in words and slot.allows(two_bytes(char))
    )
    found = gbk_completions._completing(slot, previous, frozenset())
    assert [char for char, *_ in found] == [char for _, char in reversed(expected)]


@settings(max_examples=200, deadline=None)
@given(document=st.text(alphabet="審计計局岩腳村的", max_size=40))
def test_what_a_page_writes_after_a_character_comes_commonest_first(document):
    """``_written_after``: the characters written after ``previous`` at least PAGE_WORD_USES
    times, commonest first, ties in the order first written (as a ``Counter`` ranks them)."""
    view = document.replace("計", "计")  # the page's Simplified view, aligned
    uses = Counter(document[place + 1] for place in range(len(view) - 1) if view[place] == "计")
    expected = "".join(
        [char for char, count in uses.most_common() if count >= gbk_completions.PAGE_WORD_USES]
    )
    assert gbk_completions._written_after("计", view, document) == expected
