"""The characters a slot offers after a partial reading, sorted for a search that prunes.

A slot's own candidates come with their prior in the document; after a known character come
also the characters that make a dictionary word with it (a lost byte is usually filled inside
a word). Most candidates make no word with their neighbours, end none and are no pair of the
page: such a one scores its prior and own log-probability alone, whatever the reading before
it, so those are kept best first once per slot and a search tries them only while they can
still be among the readings it keeps. The rest (a few per slot) are listed to be scored in full.
"""

from __future__ import annotations

from weakref import proxy

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted: its decorators change nothing
    from types import SimpleNamespace

    cython = SimpleNamespace(no_gc=lambda cls: cls, cclass=lambda cls: cls)

from extractor.gbk import pua_partners, table, two_bytes
from extractor.gbk_completions import _completing, _written_after
from extractor.gbk_known_pairs import (
    _NONE,
    _among,
    _among_following,
    _paired_after,
    _paired_before,
)
from extractor.gbk_plans import (
    Option,
    Plan,
    _all_unwritten,
    _phrased,
    _read_as,
    _shared_plan,
    _touched_up,
    _unwritten,
    _unwritten_costs,
    _unwritten_plan,
)
from extractor.gbk_score import Scorer, fixed_priors
from extractor.gbk_slots import DROPPED_BEFORE, WRITTEN, Slot, replaced
from extractor.gbk_words import pair_follow
from extractor.pinyin_table import fits_reading


# No cycle can go through a slot's page plan or its choices (they hold strings, numbers and
# their containers), so the collector skips them: Cython reads ``no_gc`` here, not in the .pxd
@cython.no_gc
@cython.cclass
class _Local:
    """A slot's plan on one page, and what the page keeps of it (by strings: a slot hashes in
    Python, strings in C, so a slot is looked up once a call). A class, not a named tuple: its
    fields are read thousands of times a page, in C when compiled (``gbk_candidates.pxd``), the
    slot's own among them (a named tuple's field is a Python call to read)."""

    def __init__(
        self,
        slot: Slot,
        plan: Plan,
        forms: frozenset[str],
        in_document: frozenset[str],
        completions: dict[str, tuple[Option, ...]],
        paired_before: dict[str, frozenset[str]],
    ) -> None:
        self.slot = slot
        self.plan = plan
        self.forms = forms  # the Simplified forms of its candidates (``_shared_plan``'s)
        self.in_document = in_document  # Simplified forms the page's Simplified view has
        # by ``after``, then by the character before (and as written, after a dropped pair)
        self.choices: dict[str, dict[object, Choices]] = {}
        self.completions = completions  # by the character before
        self.paired_before = paired_before  # by ``after``
        self.lead = -1 if slot.lead is None else slot.lead  # -1: lost
        self.trail = -1 if slot.trail is None else slot.trail
        self.hint = slot.hint
        self.swallowed = bool(slot.swallowed)
        self.read_alone = slot.read_alone
        self.dropped_before = slot.dropped_before


@cython.no_gc  # as ``_Local``
@cython.cclass
class Choices:
    """What a slot offers after one reading, and before ``after`` (when compared with it). A
    class, not a named tuple: a page makes thousands, in C fields when compiled, made by
    ``_choices``. ``count``: how many options, all told; ``scored``: the places of those to be
    scored in full, in order (past the plan's options, those of ``completing``: no pair made
    for each); ``paired``: the Simplified forms of the plan's options
    scored in full; ``tied``: the Simplified forms that make a known pair with ``after``;
    ``allowed``: the lead bytes allowed (after a dropped private-use pair)."""

    __slots__ = ("allowed", "completing", "count", "paired", "scored", "tied")


def _choices(
    count: int,
    scored: list[int],
    paired: frozenset[str],
    tied: frozenset[str],
    allowed: frozenset[int] | None,
    completing: tuple[Option, ...],
) -> Choices:
    """``Choices`` made as ``_beam`` makes a beam (``gbk_ranking``): its fields set in C, not
    six arguments parsed by an ``__init__``."""
    new = Choices.__new__(Choices)
    new.count = count
    new.scored = scored
    new.paired = paired
    new.tied = tied
    new.allowed = allowed
    new.completing = completing
    return new


class Candidates:
    """Per document: each slot's plan, completions and choices, kept (a segment's hypotheses
    share most of their slots, and the beams of a step most of their last characters). The
    options of plans and completions are shared across documents, their priors are the page's
    own (its script, the characters it uses, its marks after a ``?``)."""

    def __init__(self, scorer: Scorer) -> None:
        """``scorer``: the page's, which keeps its candidates (``Rivals``), referred to weakly
        so that a page's search is no reference cycle: freed when the page is done, not left
        to the cyclic collector. The caller keeps the scorer while it uses them."""
        self.scorer = proxy(scorer)
        self._follow = pair_follow(scorer.model, scorer.running)
        self._document = scorer.bigram_counts  # the page's pairs (one table, added to in place)
        self._plans: dict[Slot, _Local] = {}
        self._written_after: dict[str, str] = {}  # by the character before

    def choices(
        self, slot: Slot, lasts: list[str], written: list[str], after: str
    ) -> list[Choices]:
        """What ``slot`` offers after each reading, given as its last character (Simplified,
        "" for none: ``State.last``) and, in ``written``, as written (two lists: no pair made
        a reading)."""
        local = self._local(slot)
        kept, dropped = local.choices.get(after), local.dropped_before
        if kept is None:
            kept = local.choices[after] = {}
        found = []
        for index in range(len(lasts)):
            previous = lasts[index]
            char = written[index]
            # after a dropped pair, the leads allowed depend on the character as written
            key = (previous, char) if dropped else previous
            listed = kept.get(key)
            if listed is None:
                before = char if dropped else ""
                listed = kept[key] = self._sorted(local, previous, before, after)
            found.append(listed)
        return found

    def offered(self, slot: Slot, previous: str) -> list[Option]:
        """Every option of a slot after ``previous`` (Simplified, "" for none), in order."""
        local = self._local(slot)
        return [*local.plan.options, *self._completing(local, previous)]

    def in_order(self, slot: Slot, choices: Choices) -> list[Option]:
        """All the options, in the order a plain search tries them."""
        allowed = choices.allowed
        return [
            option
            for option in (*self._local(slot).plan.options, *choices.completing)
            if allowed is None or option[3] in allowed
        ]

    def _sorted(self, local: _Local, previous: str, before: str, after: str) -> Choices:
        allowed, plan = _leads_after(before) if local.dropped_before else None, local.plan
        count, simples, listed = (
            (len(plan.options), plan.simples, plan.listed)
            if allowed is None
            else _allowed(plan, allowed)
        )
        # forms that make a known pair (``Scorer.is_known``) with ``previous`` or a pair of the
        # page after it, among those allowed (the others are not offered), and with ``after``
        document = self._document
        following = self._follow.get(previous, "")
        if previous not in self.scorer.view_chars:  # a pair of the page starts in its view
            in_document = _NONE
        elif allowed is None:
            in_document = local.in_document
        else:
            in_document = local.in_document & simples
        paired = _among_following(simples, listed, following) if following else _NONE
        paired = _paired_after(paired, in_document, previous, document)
        tied = self._paired_before(local, after) if after else _NONE
        if tied:  # no set made for none (a page keeps thousands of choices)
            paired = paired.union(tied) if paired else tied
        completing = self._completing(local, previous)
        if after and completing:  # a known pair is one ``pair_follow`` lists: no pair made
            follow = self._follow
            tied |= {
                option[1]
                for option in completing
                if after in follow.get(option[1], "") or option[1] + after in document
            }
        return _listed(local.plan, count, allowed, paired, tied, completing)

    def _paired_before(self, local: _Local, after: str) -> frozenset[str]:
        """The plan's Simplified forms that make a known pair (``Scorer.is_known``) with
        ``after``, or a pair of the page."""
        kept = local.paired_before
        found = kept.get(after)
        if found is None:
            document, running = self._document, self.scorer.running
            found = kept[after] = (
                _paired_before(local.forms, after, self.scorer.model)
                | _among(local.plan.simples, running.precede.get(after, ""))
                | {simple for simple in local.in_document if simple + after in document}
            )
        return found

    def plan(self, slot: Slot) -> Plan:
        return self._local(slot).plan

    def _local(self, slot: Slot) -> _Local:
        """The slot's plan on this page: the shared options with the page's priors. A ``?``'s
        swallowed bytes are priced in full, each by the page's own habits (nothing to share);
        any other slot's plan is the one for pages of its script that write none of its
        characters, touched up where this page does. A slot after a dropped pair has the plan
        and completions of the same slot without one (only its choices differ: the leads
        allowed), found once for both (a third of a page's slots have such a twin). A slot
        after a phrase of the page (``Slot.written``) has its twin's plan with the phrase's
        characters repriced: the plans shared across pages stay shared."""
        found = self._plans.get(slot)
        if found is None and slot.dropped_before:
            twin = self._local(replaced(slot, DROPPED_BEFORE, False))
            # its own choices, the rest its twin's
            found = self._plans[slot] = _Local(
                slot, twin.plan, twin.forms, twin.in_document, twin.completions, twin.paired_before
            )
        elif found is None and slot.written:
            twin = self._local(replaced(slot, WRITTEN, ""))
            plan = _phrased(twin.plan, slot.written)
            found = self._plans[slot] = _Local(slot, plan, twin.forms, twin.in_document, {}, {})
        elif found is None:
            scorer, shared = self.scorer, _shared_plan(slot, self.scorer.model)
            if slot.swallowed:
                plan = _read_as(shared, scorer.own_priors(slot, shared.options), scorer.model)
            else:
                unwritten = _unwritten_plan(slot, scorer.model, scorer.script)
                plan = _touched_up(slot, shared, unwritten, scorer)
            in_document = plan.simples & scorer.view_chars
            found = self._plans[slot] = _Local(slot, plan, shared.simples, in_document, {}, {})
        return found

    def _completing(self, local: _Local, previous: str) -> tuple[Option, ...]:
        """Candidates that make a dictionary word with the character before them (闲 → 置 in
        闲置), beyond the commonest ones: a lost byte is usually filled inside a word."""
        lead, trail, hint = local.lead, local.trail, local.hint
        # no byte lost, or a swallowed one (``Slot.lost_bytes``)
        if not previous or local.swallowed or (lead >= 0 and trail >= 0):
            return ()
        kept = local.completions
        found = kept.get(previous)
        if found is None:
            slot = local.slot
            found = _completing(slot, previous, local.plan.chars)
            if lead < 0 and trail < 0 and hint is None:
                found = (*found, *self._written(slot, previous, local.plan.chars, found))
            elif hint is not None and local.read_alone:  # 一學(qī): 期, not the page's 校
                found = tuple([option for option in found if fits_reading(option[0], hint)])
            found = kept[previous] = self._priced(slot, found) if found else ()
        return found

    def _written(
        self, slot: Slot, previous: str, own: frozenset[str], completions: tuple[Option, ...]
    ) -> tuple[Option, ...]:
        """For a character lost whole (neither byte shows, no reading: 審計局2019 as
        審計?019), what the page itself writes after ``previous`` (twice or more) beyond the
        commonest characters and the dictionary's words: the page's own words (審計局 in its
        title) are the likeliest readings of its damaged ones, and nothing narrows them."""
        written = self._written_after.get(previous)
        if written is None:
            written = self._written_after[previous] = _written_after(
                previous, self.scorer.view, self.scorer.swallowed.document
            )
        offered = {option[0] for option in completions}
        chars = [
            char
            for char in written
            if char not in own and char not in offered and slot.allows(two_bytes(char))
        ]
        if not chars:
            return ()
        simplified, priors = table().simplified, fixed_priors(chars, slot)
        return tuple(
            [
                (char, simplified.get(char, char), prior, two_bytes(char)[0])
                for char, prior in zip(chars, priors, strict=True)
            ]
        )

    def _priced(self, slot: Slot, options: tuple[Option, ...]) -> tuple[Option, ...]:
        """``Scorer.own_priors`` of a slot's completions: one the page does not touch
        (``Scorer.touched``) costs what it costs on any page of its script (``unwritten_cost``,
        kept across pages), as in a plan (``_touched_up``)."""
        scorer = self.scorer
        touched, script = scorer.touched, scorer.script
        own = [option for option in options if option[0] in touched]
        if not own:
            return _all_unwritten(options, script)
        priced, costs = iter(scorer.own_priors(slot, tuple(own))), _unwritten_costs(script)
        return tuple(
            [
                next(priced) if option[0] in touched else _unwritten(option, script, costs)
                for option in options
            ]
        )


def _listed(
    plan: Plan,
    count: int,
    allowed: frozenset[int] | None,
    paired: frozenset[str],
    tied: frozenset[str],
    completing: tuple[Option, ...],
) -> Choices:
    """The choices that score ``paired`` forms and ``completing`` options in full: their
    places, in order, and those allowed (``count`` of the plan's options are)."""
    if not paired and not completing:  # a third of them: no list made, none sorted
        return _choices(count, [], paired, tied, allowed, completing)
    options, found, places, scored = plan.options, plan.places, [], []
    for simple in paired:
        places.extend(found[simple])
    if len(places) > 1:  # most often one place: no call made
        places.sort()
    for place in places:
        if allowed is None or options[place][3] in allowed:
            scored.append(place)
    count -= len(scored)
    number = len(options)
    for option in completing:
        if allowed is None or option[3] in allowed:
            scored.append(number)
        number += 1
    return _choices(count + len(scored), scored, paired, tied, allowed, completing)


def _allowed(plan: Plan, allowed: frozenset[int]) -> tuple[int, frozenset[str], tuple[str, ...]]:
    """How many of a plan's options have a lead byte among ``allowed``, and their Simplified
    forms, as a set and a tuple (``Plan.listed``; after a dropped private-use pair, a few lead
    bytes in seven are)."""
    kept = plan.allowed
    found = kept.get(allowed)
    if found is None:
        forms = [option[1] for option in plan.options if option[3] in allowed]
        simples = frozenset(forms)
        found = kept[allowed] = (len(forms), simples, tuple(simples))
    return found


# ``_leads_after`` each character asked, kept for the process (read in C: a page asks
# for thousands, each two calls into ``gbk``); cleared when full
_LEADS_AFTER: dict[str, frozenset[int]] = {}
LEADS_AFTER_KEPT = 4096


def allowed_leads(previous: str, slot: Slot) -> frozenset[int] | None:
    """The lead bytes ``slot`` may have after ``previous`` (as written, "" for none): None for
    any, or after a dropped private-use pair ``_leads_after(previous)``."""
    return _leads_after(previous) if slot.dropped_before else None


def _leads_after(previous: str) -> frozenset[int]:
    """The lead bytes that make a private-use pair with the trail byte of ``previous`` (none
    when it has no two bytes)."""
    found = _LEADS_AFTER.get(previous)
    if found is None:
        if len(_LEADS_AFTER) >= LEADS_AFTER_KEPT:
            _LEADS_AFTER.clear()
        before = two_bytes(previous) if previous else None
        found = pua_partners(before[1]) if before is not None else frozenset()
        _LEADS_AFTER[previous] = found
    return found


def fits(previous: str, char: str, slot: Slot) -> bool:
    """Whether ``char`` may follow ``previous`` under the slot's dropped-pair constraint."""
    leads = allowed_leads(previous, slot)
    if leads is None:
        return True
    own = two_bytes(char)
    return own is not None and own[0] in leads
