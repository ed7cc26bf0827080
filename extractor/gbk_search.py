"""Filling lost bytes: a beam search over the characters they allow, scored in context.

A hypothesis about a garbled run is a sequence of *steps*; each step offers one or more *ways*
of reading the same visible bytes (one character, or two when a private-use pair was dropped
between them), each way a tuple of ``Slot``s with a prior cost. The search keeps the best few
partial readings, scoring each by the word model over the Simplified view, by the document's own
usage (a pair of characters the page writes elsewhere is likely again), by the readings left
beside the damage and by the page's script. Partial readings are compared only after the known
characters that follow them have been appended: 指 only beats 中 once 揮部 is in view.
The scores come from ``gbk_score``. Most candidates make no word with their neighbours and
score their prior and own log-probability alone: those are tried best first, and only while
they can still be among the readings kept, so a step grows a few dozen beams, not hundreds.
Which of the characters filled in are sure enough to write is ``gbk_rivals``' to say.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from extractor.gbk import Slot, decode_pair, table
from extractor.gbk_candidates import Candidates, Choices, Option
from extractor.gbk_rivals import BOUND_SLACK, Rivals
from extractor.gbk_score import State, _Pairs

BEAM_WIDTH = 6
# … after a step no known character follows: its partial readings are compared before the
# next step can complete a word they start (結對幫 of 結對幫扶 against 結和), so more are kept
# (dev seeds 11-13: 4,216 -> 4,220 restored, 3x the same; 0.7% more instructions)
OPEN_BEAM_WIDTH = 2 * BEAM_WIDTH
INNER_BEAM_WIDTH = 16  # inside a two-character way, before the second character has its say
LOOKAHEAD = 3  # known characters appended before partial readings are compared

Way = tuple[float, tuple[Slot, ...]]
Step = tuple[Way, ...]


class Reading(NamedTuple):
    """A reading of a hypothesis' steps (a named tuple: a frozen dataclass's ``__init__`` is
    Python code, a field set by ``object.__setattr__``)."""

    characters: str
    score: float
    slots: tuple[Slot, ...]
    uncertain: tuple[int, ...]  # characters not clear enough to write
    bonus: float = 0.0  # the priors of its characters, less the costs of its ways


class _Beam:
    """A partial reading: its last character and slot, linked to the reading it extends (the
    search grows hundreds of these per step and keeps a few, so none copies its prefix). In C
    fields when compiled (``gbk_search.pxd``), made by ``_beam``. ``last``: the character's
    Simplified form, the last its state holds, as ``State.last`` gives it ("" before any)."""

    __slots__ = ("bonus", "char", "last", "parent", "slot", "state")


def _beam(
    bonus: float, state: State, char: str, last: str, slot: Slot | None, parent: _Beam | None
) -> _Beam:
    new = _Beam.__new__(_Beam)
    new.bonus = bonus
    new.state = state
    new.char = char
    new.last = last
    new.slot = slot
    new.parent = parent
    return new


def _reading(last: _Beam, score: float) -> Reading:
    """The reading a search's last beam ends, its characters and slots those of the beams it
    extends (the first, before the steps, has none)."""
    chain = []
    beam = last
    while beam.parent is not None:
        chain.append(beam)
        beam = beam.parent
    chain.reverse()
    characters = "".join([link.char for link in chain])
    return Reading(characters, score, tuple([link.slot for link in chain]), (), last.bonus)


_Source = tuple[list[_Beam], Slot, float]  # beams, the slot they grow into, the way's cost
# a candidate: its key negated, its place in the order grown, parent, slot, bonus, option, its
# state (when it makes a known pair with the character before it), whether it makes one with
# the next. Sorted as they are, the best come first, ties in the order grown: no two share a
# place, so no sort compares further (a plain sort of tuples of floats, no key function called)
_Found = tuple[float, int, _Beam, Slot, float, Option, State | None, bool]


class Search(Rivals):
    """Beam search over the slots of a hypothesis, scored by the word model in context."""

    # -- search -------------------------------------------------------------------------------

    def best_reading(self, steps: tuple[Step, ...], left: str, right: str) -> Reading | None:
        """The likeliest characters for the steps between two contexts (Simplified)."""
        if unfillable(steps):
            return None  # the search would run out of beams there, however it went before
        found = self.unjudged_reading(steps, left, right)
        return None if found is None else self.judged(found, left, right)

    def judged(self, reading: Reading, left: str, right: str, after: str = "") -> Reading:
        """A reading from ``unjudged_reading`` with its characters judged (``judge``): those
        to write, and the uncertain ones (``after``: the page after the run, further than
        ``right``, for a mark's clause)."""
        characters, uncertain = self.judge(
            reading.characters, reading.slots, reading.bonus, left, right, reading.score, after
        )
        return Reading(characters, reading.score, reading.slots, uncertain, reading.bonus)

    def unjudged_reading(self, steps: tuple[Step, ...], left: str, right: str) -> Reading | None:
        """``best_reading`` before its characters are judged: none marked uncertain yet (a
        caller may find it need not know which are: ``mojibake``). Its callers ask
        ``unfillable`` first, once (``mojibake`` before it reads the contexts): such steps
        give None here too, only later."""
        return self._beams.reading(steps, left, right)

    @cached_property
    def _beams(self) -> _Beams:
        """The search's workings, made once: the page's scores and candidates stay the same."""
        extra_cost = self.running.extra_character_cost
        return _Beams(self._pairs, self.candidates, extra_cost, self.char_logprob)


class _Beams:
    """The search of a hypothesis' steps: the page's scores and candidates in typed fields, so
    that the steps' calls between them are C calls when compiled (``gbk_search.pxd``)."""

    def __init__(
        self,
        pairs: _Pairs,
        candidates: Candidates,
        extra_cost: float,
        char_logprob: Callable[[str], float],
    ) -> None:
        """``extra_cost``: what each character a way of two adds pays (``extra_character_cost``
        of running text's pairs); ``char_logprob``: a character's log-probability alone."""
        self.pairs, self.candidates = pairs, candidates
        self.extra_cost, self.char_logprob = extra_cost, char_logprob
        self.ranking = _Ranking(pairs)  # one for every step ranked (``_ranked``)

    def reading(self, steps: tuple[Step, ...], left: str, right: str) -> Reading | None:
        """``Search.unjudged_reading``."""
        beams = [_beam(0.0, self.pairs.run(left), "", left[-1:], None, None)]
        ahead = _lookaheads(steps, right)
        for index, step in enumerate(steps):
            sources = [self._lead_in(beams, way, cost) for cost, way in step]
            beams = self._kept(sources, ahead[index])
            if not beams:
                return None
        winner, score = beams[0], self._finished(beams[0], right)
        for beam in beams[1:]:  # the first of the best, as ``max``
            total = self._finished(beam, right)
            if total > score:
                winner, score = beam, total
        return _reading(winner, score)

    def _finished(self, beam: _Beam, right: str) -> float:
        return self.pairs.run(right, beam.state).score + beam.bonus

    def _lead_in(self, beams: list[_Beam], way: tuple[Slot, ...], cost: float) -> _Source:
        """The beams a way's last slot grows: for a way of two characters, the best few after
        its first one (before the second has its say)."""
        cost += (len(way) - 1) * self.extra_cost
        for slot in way[:-1]:
            grown, _ = self._best([(beams, slot, cost)], INNER_BEAM_WIDTH, "")
            beams, cost = [beam for _, beam in grown], 0.0
        return beams, way[-1], cost

    def _kept(self, sources: list[_Source], ahead: str) -> list[_Beam]:
        """The best BEAM_WIDTH beams the ways of a step grow, judged with the known characters
        ahead appended: first by the next one alone, then the survivors by all of them (with
        none ahead, the best OPEN_BEAM_WIDTH)."""
        if not ahead:
            return [beam for _, beam in self._best(sources, OPEN_BEAM_WIDTH, "")[0]]
        width = 3 * BEAM_WIDTH if len(ahead) > 1 else BEAM_WIDTH
        keyed, done = self._best(sources, width, ahead[0])
        for depth in dict.fromkeys((1, len(ahead))):  # the next one, then all (once if one)
            keep = BEAM_WIDTH if depth == len(ahead) else 3 * BEAM_WIDTH
            if depth > done and len(keyed) > keep:
                text, totals = ahead[done:depth], []  # totals negated, with their order
                for order, (state, beam) in enumerate(keyed):
                    state = self.pairs.run(text, state)
                    totals.append((-(state.score + beam.bonus), order, state, beam))
                totals.sort()  # no two share an order: no sort compares further
                keyed = [(state, beam) for _, _, state, beam in totals[:keep]]
                done = depth
        return [beam for _, beam in keyed]

    def _best(
        self, sources: list[_Source], width: int, after: str
    ) -> tuple[list[tuple[State, _Beam]], int]:
        """The beams the sources grow, best first by their total once ``after`` is appended,
        with that state, and how many characters of ``after`` it holds (0 or 1). When they grow
        no more than ``width``, all of them in the order grown, none appended."""
        choices, count = [], 0
        for beams, slot, _ in sources:
            lasts = []
            for beam in beams:
                lasts.append((beam.last, beam.char))
            per = self.candidates.choices(slot, lasts, after)
            for listed in per:
                offered = listed.count  # a C integer compiled, as the sum is
                count += offered
            choices.append(per)
        if count <= width:
            return [
                grown
                for (beams, slot, cost), per in zip(sources, choices, strict=True)
                for parent, listed in zip(beams, per, strict=True)
                for grown in self._grown(parent, slot, cost, listed)
            ], 0
        return self._ranked(sources, choices, width, after), 1

    def _grown(
        self, parent: _Beam, slot: Slot, cost: float, choices: Choices
    ) -> list[tuple[State, _Beam]]:
        bonus, state = parent.bonus - cost, parent.state
        grown = []
        for char, simple, prior, _ in self.candidates.in_order(slot, choices):
            new = self.pairs.extend(state, simple)
            grown.append((new, _beam(bonus + prior, new, char, simple, slot, parent)))
        return grown

    def _ranked(
        self, sources: list[_Source], choices: list[list[Choices]], width: int, after: str
    ) -> list[tuple[State, _Beam]]:
        """The best ``width`` candidates as beams, with their states once ``after`` is
        appended, without growing those that cannot be among them."""
        ranking = self.ranking
        ranking.start(width, after, self.char_logprob(after) if after else 0.0)
        for number, (beams, slot, cost) in enumerate(sources):
            ranked = self.candidates.plan(slot).ranked
            ranking.rank(beams, slot, cost, choices[number], ranked, number)
        return ranking.best()


class _Ranking:
    """The candidates of a step scored so far, and the worst score that can still be kept.

    A candidate whose pairs (with the character before it, and with ``after``) are no word,
    end no longer word and are not the document's scores its own log-probability and prior
    alone: those are tried best first, and only while they can still beat the ``width``-th
    best score so far. The rest are scored in full.
    """

    def __init__(self, pairs: _Pairs) -> None:
        """``pairs``: the search's scores (``Scorer.extend`` and ``extend_alone`` are its
        methods, called here in C when compiled). Made once for a search, ``start``ed for each
        step ranked (a ranking and its heap made a step cost more than a step's bookkeeping)."""
        self.pairs, self.width, self.after, self.tail = pairs, 0, "", 0.0
        # kept: the best scores so far, a min-heap in its first ``size`` places (C doubles when
        # compiled: ``_keep`` runs for every candidate scored, ``heapq`` boxed each float)
        self.floor, self.kept, self.size = -math.inf, array("d"), 0
        self.found: list[_Found] = []
        # the slot of the source being ranked, and its plan's options best first (``rank``)
        self.slot: Slot | None = None
        self.ranked: list[tuple[float, int, Option, float]] = []

    def start(self, width: int, after: str, tail: float) -> None:
        """Rank a new step's candidates: the best ``width`` once ``after`` is appended;
        ``tail``: the log-probability of ``after`` alone (0 for none)."""
        if len(self.kept) < width:
            self.kept = array("d", bytes(8 * width))
        self.width, self.after, self.tail = width, after, tail
        self.floor, self.size, self.found = -math.inf, 0, []

    def rank(
        self,
        beams: list[_Beam],
        slot: Slot,
        cost: float,
        per: list[Choices],
        ranked: list[tuple[float, int, Option, float]],
        number: int,
    ) -> None:
        """Score what one source (the ``number``-th) grows: each beam's choices in ``slot``."""
        self.slot, self.ranked = slot, ranked
        for index, parent in enumerate(beams):
            place = (number << 40) | (index << 20)  # the order grown, as one number
            choices = per[index]
            bonus = parent.bonus - cost
            self.score_paired(parent, bonus, choices.scored, choices.tied, place)
            self.score_plain(parent, bonus, choices.paired, choices.allowed, place)

    def best(self) -> list[tuple[State, _Beam]]:
        """The best ``width`` candidates as beams, with their states once ``after`` is
        appended; ties in the order grown."""
        bar = -self.floor  # ``width`` are at least this good: none below it is among them
        found = [item for item in self.found if item[0] <= bar]
        found.sort()  # see ``_Found``
        return [self._made(item) for item in found[: self.width]]

    def _made(self, item: _Found) -> tuple[State, _Beam]:
        """A ranked candidate as a beam, with its state once ``after`` is appended (see
        ``_Found``: its state is there when it makes a known pair with the character before)."""
        _, _, parent, slot, bonus, option, new, tied = item
        char, simple, prior, _ = option
        if new is None:
            new = self.pairs.alone(parent.state, simple)
        keyed = new
        if self.after:
            after = self.after
            keyed = self.pairs.extend(new, after) if tied else self.pairs.alone(new, after)
        return keyed, _beam(bonus + prior, new, char, simple, slot, parent)

    def score_paired(
        self,
        parent: _Beam,
        bonus: float,
        scored: list[tuple[int, Option]],
        tied: frozenset[str],
        place: int,
    ) -> None:
        """The choices scored in full (``Choices.scored``); ``tied``: those that make a known
        pair with ``after``."""
        pairs, after, state, slot, tail = self.pairs, self.after, parent.state, self.slot, self.tail
        for number, option in scored:
            simple, prior = option[1], option[2]  # C doubles compiled, as the sums are
            new, gain = pairs.extend(state, simple), bonus + prior
            if not after:
                key, bound = new.score + gain, False
            elif simple in tied:
                key, bound = pairs.extend(new, after).score + gain, True
            else:
                key, bound = (new.score + tail) + gain, False
            if key >= self.floor:  # as in score_plain
                self.found.append((-key, place | number, parent, slot, bonus, option, new, bound))
                self._keep(key)

    def score_plain(
        self,
        parent: _Beam,
        bonus: float,
        paired: frozenset[str],
        allowed: frozenset[int] | None,
        place: int,
    ) -> None:
        """The plan's other options (not in ``paired``, their lead byte ``allowed``), best
        first: the same sums, in the same order, as ``Scorer.extend`` on a pair it does not
        know."""
        last, tail, after, slot = parent.state.score, self.tail, self.after, self.slot
        reach = last + bonus + tail - BOUND_SLACK
        for base, number, option, single in self.ranked:
            if reach + base < self.floor:
                break
            if option[1] in paired or (allowed is not None and option[3] not in allowed):
                continue
            prior = option[2]  # a C double compiled, as the sums are
            gain = bonus + prior
            key = (last + single + tail if after else last + single) + gain
            if key >= self.floor:  # below it, ``width`` better ones are found already
                self.found.append((-key, place | number, parent, slot, bonus, option, None, False))
                self._keep(key)

    def _keep(self, key: float) -> None:
        """Keep ``key`` if it is among the best ``width`` so far; the floor is the worst of
        them once there are ``width``."""
        size = self.size  # the array read in place: a typed local took a counted reference
        if size < self.width:  # room for ``width`` of them
            place = size  # sifted up from the end
            while place:
                parent = (place - 1) >> 1
                if self.kept[parent] <= key:
                    break
                self.kept[place] = self.kept[parent]
                place = parent
            self.kept[place] = key
            size = self.size = size + 1
        elif key > self.kept[0]:
            place = 0  # the worst replaced, sifted down
            while True:
                child = 2 * place + 1
                if child >= size:
                    break
                if child + 1 < size and self.kept[child + 1] < self.kept[child]:
                    child += 1
                if self.kept[child] >= key:
                    break
                self.kept[place] = self.kept[child]
                place = child
            self.kept[place] = key
        if size == self.width:
            self.floor = self.kept[0]


def unfillable(steps: tuple[Step, ...]) -> bool:
    """Whether some step has no way that can be filled: each has a slot that offers nothing
    (a middle character whose lead byte would be ASCII, as after a trail byte 0x40–0x7E). A
    search would run out of beams there; a third of the hypotheses on simulated pages do."""
    for step in steps:  # loops, not generators: a generator is an object and a call a step
        for _, way in step:
            if not any(map(_offers_nothing, way)):
                break
        else:
            return True
    return False


def _offers_nothing(slot: Slot) -> bool:
    """A slot with no candidate and no completion. Its candidates are all the characters its
    known bytes allow, unless only a reading, or nothing, narrows them: then a completion (which
    need only fit the bytes) may still come."""
    if slot.candidates():
        return False
    if slot.swallowed or not slot.lost_bytes or slot.lead is not None or slot.trail is not None:
        return True
    return slot.hint is None and (slot.leads is not None or slot.trails is not None)


def _lookaheads(steps: tuple[Step, ...], right: str) -> list[str]:
    """For each step, the known characters right after it (up to LOOKAHEAD), Simplified."""
    simplified = table().simplified
    known: list[str | None] = []
    for step in steps:
        way = step[0][1]  # the plain way: other ways (dropped pairs) are the rarer guesses
        slot = way[0]
        # a character shown whole: its two bytes, as its one candidate (``Slot.candidates``)
        whole = len(way) == 1 and slot.lead is not None and slot.trail is not None
        char = decode_pair(slot.lead, slot.trail) if whole and not slot.swallowed else None
        known.append(simplified.get(char, char) if char else None)
    ahead = []
    for index in range(len(steps)):
        text = ""
        for char in known[index + 1 :]:
            if char is None or len(text) >= LOOKAHEAD:
                break
            text += char
        else:
            text += right
        ahead.append(text[:LOOKAHEAD])
    return ahead
