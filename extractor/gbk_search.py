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

import heapq
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
    Simplified form, the last its state holds, as ``State.last`` gives it ("" before any);
    ``keyed``: its state with the known characters after it appended so far, by which its step
    ranks it (its ``state`` until then)."""

    __slots__ = ("bonus", "char", "keyed", "last", "parent", "slot", "state")


def _beam(
    bonus: float, state: State, char: str, last: str, slot: Slot | None, parent: _Beam | None
) -> _Beam:
    new = _Beam.__new__(_Beam)
    new.bonus = bonus
    new.state = state
    new.keyed = state
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
            beams, _ = self._best([(beams, slot, cost)], INNER_BEAM_WIDTH, "")
            cost = 0.0
        return beams, way[-1], cost

    def _kept(self, sources: list[_Source], ahead: str) -> list[_Beam]:
        """The best BEAM_WIDTH beams the ways of a step grow, judged with the known characters
        ahead appended: first by the next one alone, then the survivors by all of them (with
        none ahead, the best OPEN_BEAM_WIDTH)."""
        if not ahead:
            return self._best(sources, OPEN_BEAM_WIDTH, "")[0]
        width = 3 * BEAM_WIDTH if len(ahead) > 1 else BEAM_WIDTH
        beams, done = self._best(sources, width, ahead[0])
        for depth in (1, len(ahead)):  # the next one, then all (done once if one)
            keep = BEAM_WIDTH if depth == len(ahead) else 3 * BEAM_WIDTH
            if depth > done and len(beams) > keep:
                beams = self.ranking.appended(beams, ahead[done:depth], keep)
                done = depth
        return beams

    def _best(self, sources: list[_Source], width: int, after: str) -> tuple[list[_Beam], int]:
        """The beams the sources grow, best first by their total once ``after`` is appended
        (their ``keyed`` state), and how many characters of ``after`` that holds (0 or 1).
        When they grow no more than ``width``, all of them in the order grown, none
        appended."""
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

    def _grown(self, parent: _Beam, slot: Slot, cost: float, choices: Choices) -> list[_Beam]:
        bonus, state = parent.bonus - cost, parent.state
        grown = []
        for char, simple, prior, _ in self.candidates.in_order(slot, choices):
            new = self.pairs.extend(state, simple)
            grown.append(_beam(bonus + prior, new, char, simple, slot, parent))
        return grown

    def _ranked(
        self, sources: list[_Source], choices: list[list[Choices]], width: int, after: str
    ) -> list[_Beam]:
        """The best ``width`` candidates as beams, keyed once ``after`` is appended, without
        growing those that cannot be among them."""
        ranking = self.ranking
        ranking.start(width, after, self.char_logprob(after) if after else 0.0)
        for number, (beams, slot, cost) in enumerate(sources):
            ranked = self.candidates.plan(slot).ranked
            ranking.rank(beams, slot, cost, choices[number], ranked, number)
        return ranking.best()


# the widest ranking: the most candidates a step keeps at once
_CAPACITY = max(INNER_BEAM_WIDTH, OPEN_BEAM_WIDTH, 3 * BEAM_WIDTH)
# compiled, a ranking's heap is C arrays sifted in C; interpreted, tuples sifted by ``heapq``'s
# C code (the same heap's Python loops cost 7% more instructions on the whole run)
_COMPILED = not __file__.endswith(".py")


class _Candidate:
    """A candidate a ranking keeps: what makes it a beam (``_Ranking.best``). A ranking has
    one for each place and rewrites it when a better candidate takes the place: none is made
    for a candidate (a tuple and its floats were, for each of 20,000 on 30 pages). ``gain``:
    its beam's bonus; ``new``: its state, if scored in full; ``keyed``: that state with the
    step's ``after`` appended, if scored so."""

    __slots__ = ("gain", "keyed", "new", "option", "parent", "slot")


class _Ranking:
    """The best candidates of a step so far, and the worst score that can still be kept.

    A candidate whose pairs (with the character before it, and with ``after``) are no word,
    end no longer word and are not the document's scores its own log-probability and prior
    alone: those are tried best first, and only while they can still beat the ``width``-th
    best score so far. The rest are scored in full. The best ``width`` are kept in a heap,
    the worst first, each by its key (its score) and its order (the order grown), which
    breaks ties: the best come first by key, ties in the order grown.
    """

    def __init__(self, pairs: _Pairs) -> None:
        """``pairs``: the search's scores (``Scorer.extend`` and ``extend_alone`` are its
        methods, called here in C when compiled). Made once for a search, ``start``ed for each
        step ranked (a ranking and its heap made a step cost more than a step's bookkeeping)."""
        self.pairs, self.width, self.after, self.tail = pairs, 0, "", 0.0
        self.floor, self.size = -math.inf, 0  # the floor: the worst key kept, once ``width``
        # each place's key and order, and the places kept, worst first in a min-heap of its
        # first ``size`` (compiled; interpreted, ``entries``: ``heapq``'s (key, -order, place))
        self.keys = array("d", bytes(8 * _CAPACITY))
        self.orders = array("q", bytes(8 * _CAPACITY))
        self.heap = array("q", bytes(8 * _CAPACITY))
        self.entries: list[tuple[float, int, int]] = []
        self.kept = [_Candidate() for _ in range(_CAPACITY)]
        # the slot of the source being ranked, and its plan's options best first (``rank``)
        self.slot: Slot | None = None
        self.ranked: list[tuple[float, int, Option, float]] = []

    def start(self, width: int, after: str, tail: float) -> None:
        """Rank a new step's candidates: the best ``width`` (at most ``_CAPACITY``) once
        ``after`` is appended; ``tail``: the log-probability of ``after`` alone (0 for none)."""
        self.width, self.after, self.tail = width, after, tail
        self.floor, self.size = -math.inf, 0
        self.entries.clear()

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

    def best(self) -> list[_Beam]:
        """The best ``width`` candidates as beams, keyed once ``after`` is appended; ties in
        the order grown."""
        made = []
        for place in self._places():
            made.append(self._made(self.kept[place]))
        return made

    def appended(self, beams: list[_Beam], text: str, keep: int) -> list[_Beam]:
        """The best ``keep`` of ``beams`` once ``text`` is appended to their ``keyed`` states
        (which it is, for each), ties in their order."""
        self.start(keep, "", 0.0)
        for order, beam in enumerate(beams):
            keyed = beam.keyed = self.pairs.run(text, beam.keyed)
            place = self._place(keyed.score + beam.bonus, order)
            if place >= 0:
                candidate = self.kept[place]
                candidate.parent = beam
        kept = []
        for place in self._places():
            candidate = self.kept[place]
            kept.append(candidate.parent)
        return kept

    def _made(self, candidate: _Candidate) -> _Beam:
        """A kept candidate as a beam, keyed once ``after`` is appended (its states are there
        when it was scored in full, and ``keyed`` when it makes a known pair with ``after``)."""
        parent, new, keyed = candidate.parent, candidate.new, candidate.keyed
        char, simple = candidate.option[0], candidate.option[1]
        if new is None:
            new = self.pairs.alone(parent.state, simple)
        made = _beam(candidate.gain, new, char, simple, candidate.slot, parent)
        if keyed is not None:
            made.keyed = keyed
        elif self.after:
            made.keyed = self.pairs.alone(new, self.after)
        return made

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
        pairs, after, state, tail = self.pairs, self.after, parent.state, self.tail
        for number, option in scored:
            simple, prior = option[1], option[2]  # C doubles compiled, as the sums are
            new, gain, keyed = pairs.extend(state, simple), bonus + prior, None
            if not after:
                key = new.score + gain
            elif simple in tied:
                keyed = pairs.extend(new, after)
                key = keyed.score + gain
            else:
                key = (new.score + tail) + gain
            if key >= self.floor:  # as in score_plain
                self._keep(key, place | number, parent, gain, option, new, keyed)

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
        last, tail, after = parent.state.score, self.tail, self.after
        reach = last + bonus + tail - BOUND_SLACK
        for base, number, option, single in self.ranked:
            if reach + base < self.floor:
                break
            if option[1] in paired or (allowed is not None and option[3] not in allowed):
                continue
            prior = option[2]  # a C double compiled, as the sums are
            gain = bonus + prior
            key = (last + single + tail if after else last + single) + gain
            if key >= self.floor:  # below it, ``width`` better ones are kept already
                self._keep(key, place | number, parent, gain, option, None, None)

    def _keep(
        self,
        key: float,
        order: int,
        parent: _Beam,
        gain: float,
        option: Option,
        new: State | None,
        keyed: State | None,
    ) -> None:
        """Keep a candidate if it is among the best ``width`` so far, in the place of the worst
        (see ``_Candidate``)."""
        place = self._place(key, order)
        if place >= 0:
            candidate = self.kept[place]
            candidate.parent, candidate.slot, candidate.option = parent, self.slot, option
            candidate.gain, candidate.new, candidate.keyed = gain, new, keyed

    def _place(self, key: float, order: int) -> int:
        """The place of a candidate of ``key`` and ``order`` among the best ``width`` so far,
        its key and order written there, or -1 when ``width`` better ones are kept. The floor
        is the worst key kept once there are ``width``."""
        if not _COMPILED:
            return self._entry_place(key, order)
        size = self.size
        if size < self.width:  # room: a place of its own, sifted up from the end
            place = position = size
            self.keys[place], self.orders[place] = key, order
            while position:
                parent = (position - 1) >> 1
                if not self._worse(place, self.heap[parent]):
                    break
                self.heap[position] = self.heap[parent]
                position = parent
            self.heap[position] = place
            size = self.size = size + 1
        else:  # the worst's place, if this one is better, sifted down from the top
            place = self.heap[0]
            worst = self.keys[place]
            if key < worst or (key == worst and order > self.orders[place]):
                return -1
            self.keys[place], self.orders[place] = key, order
            self._sift_down(size)
        if size == self.width:
            self.floor = self.keys[self.heap[0]]
        return place

    def _entry_place(self, key: float, order: int) -> int:
        """``_place`` interpreted: the same heap, of ``entries``, by ``heapq``."""
        entries = self.entries
        if len(entries) < self.width:
            place = len(entries)
            heapq.heappush(entries, (key, -order, place))
        else:
            worst, latest, place = entries[0]
            if key < worst or (key == worst and -order < latest):
                return -1
            heapq.heapreplace(entries, (key, -order, place))
        if len(entries) == self.width:
            self.floor = entries[0][0]
        return place

    def _places(self) -> list[int]:
        """The places kept, best first: ties in the order grown."""
        if not _COMPILED:
            return [place for _, _, place in sorted(self.entries, reverse=True)]
        end = self.size - 1
        while end > 0:  # a heap sort: the worst taken from the top to the end, each in turn
            self.heap[0], self.heap[end] = self.heap[end], self.heap[0]
            self._sift_down(end)
            end -= 1
        places = []
        for index in range(self.size):
            places.append(self.heap[index])
        return places

    def _sift_down(self, size: int) -> None:
        """The heap's first ``size`` places made a heap again, the top one out of place."""
        place, position = self.heap[0], 0
        while True:
            child = 2 * position + 1
            if child >= size:
                break
            if child + 1 < size and self._worse(self.heap[child + 1], self.heap[child]):
                child += 1
            if not self._worse(self.heap[child], place):
                break
            self.heap[position] = self.heap[child]
            position = child
        self.heap[position] = place

    def _worse(self, place: int, other: int) -> bool:
        """Whether the candidate in ``place`` comes after the one in ``other``: a lower key,
        or the same key grown later."""
        key, other_key = self.keys[place], self.keys[other]
        return key < other_key or (key == other_key and self.orders[place] > self.orders[other])


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
