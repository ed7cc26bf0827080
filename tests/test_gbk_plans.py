"""``gbk_plans``: a page's plan, built from the plan shared by pages of its script that write
none of the slot's characters and touched up where the page does, is the plan priced in full."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gbk import HIGH_TRAILS
from extractor.gbk_candidates import Candidates
from extractor.gbk_plans import _repriced, _shared_plan
from extractor.gbk_score import Scorer
from extractor.gbk_slots import Slot
from extractor.lm import language_model

_PLAN_SLOTS = [
    Slot(None, 0xC9),  # a lost lead byte
    Slot(0xB5, None, trails=HIGH_TRAILS),  # a lost trail byte
    Slot(None, None, "xué", trails=HIGH_TRAILS),  # a character known by its reading
    Slot(0xD1, None, "xué", dropped_before=True),
]


@settings(max_examples=60, deadline=None)
@given(
    slot=st.sampled_from(_PLAN_SLOTS),
    page=st.text(alphabet="學学校校會会發发展國国地的工作干幹部群眾众還还為为", max_size=40),
    traditional=st.booleans(),
)
def test_a_pages_plan_prices_every_option_as_the_page_would(slot, page, traditional):
    """A plan priced once for pages that write none of its characters, then touched up for
    those the page writes (or writes in its script's form), is the plan priced in full."""
    scorer = Scorer(language_model(), page, traditional)
    shared = _shared_plan(slot, scorer.model)
    full = _repriced(shared, scorer.own_priors(slot, shared.options))
    found = Candidates(scorer).plan(slot)
    assert (found.options, found.ranked) == (full.options, full.ranked)


def test_the_plan_slots_have_characters_pages_write_in_either_script():
    for slot in _PLAN_SLOTS:
        chars = set(slot.candidates())
        assert chars & set("學学校會会發发國国地的干幹部眾众還还為为")
