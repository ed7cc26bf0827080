"""Ranking a step's candidates: the partial readings (beams) a search grows, and the best few
of a step's candidates kept in a heap, those that cannot be among them never grown.

``gbk_search`` runs the steps of a hypothesis; this module holds what one step ranks: each
beam (``_Beam``) links to the reading it extends, and a ``_Ranking`` scores a step's candidates
(``gbk_candidates.Choices``) by the page's scores (``gbk_pairs._Pairs``), best first.
"""

from __future__ import annotations

import heapq
import math
from array import array

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted: its decorators change nothing
    from types import SimpleNamespace

    cython = SimpleNamespace(
        freelist=lambda size: lambda cls: cls, no_gc=lambda cls: cls, cclass=lambda cls: cls
    )

from extractor.gbk_candidates import Choices
from extractor.gbk_pairs import State, _Pairs, appended_alone
from extractor.gbk_plans import Option, Plan
from extractor.gbk_rivals import BOUND_SLACK
from extractor.gbk_slots import Slot

BEAM_WIDTH = 6
# … after a step no known character follows: its partial readings are compared before the
# next step can complete a word they start (結對幫 of 結對幫扶 against 結和), so more are kept
# (dev seeds 11-13: 4,216 -> 4,220 restored, 3x the same; 0.7% more instructions)
OPEN_BEAM_WIDTH = 2 * BEAM_WIDTH
INNER_BEAM_WIDTH = 16  # inside a two-character way, before the second character has its say


# A search makes beams by the thousand and keeps a few: the memory of 64 is kept for the next
# ones, and none is tracked by the collector (no reference cycle can go through a beam: a
# parent is older). Cython reads these decorators in the .py only (in ``gbk_ranking.pxd``
# they were ignored: each beam was tracked, and its allocation counted towards a collection).
@cython.freelist(64)
@cython.no_gc
@cython.cclass
class _Beam:
    """A partial reading: its last character and slot, linked to the reading it extends (the
    search grows hundreds of these per step and keeps a few, so none copies its prefix). In C
    fields when compiled (``gbk_ranking.pxd``), made by ``_beam``. ``last``: the character's
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


# the widest ranking: the most candidates a step keeps at once
_CAPACITY = max(INNER_BEAM_WIDTH, OPEN_BEAM_WIDTH, 3 * BEAM_WIDTH)
# compiled, a ranking's heap is C arrays sifted in C; interpreted, tuples sifted by ``heapq``'s
# C code (the same heap's Python loops cost 7% more instructions on the whole run)
_COMPILED = not __file__.endswith(".py")


@cython.no_gc  # as a beam: no cycle goes through a candidate (``_Beam``)
@cython.cclass
class _Candidate:
    """A candidate a ranking keeps: what makes it a beam (``_Ranking.best``). A ranking has
    one for each place and rewrites it when a better candidate takes the place: none is made
    for a candidate (a tuple and its floats were, for each of 20,000 on 30 pages). ``gain``:
    its beam's bonus; ``new``: its state, if scored in full; ``keyed``: that state with the
    step's ``after`` appended, if scored so; ``single``: its log-probability alone, if not
    scored in full (its plan's, by which its state is made: ``_Ranking._made``)."""

    __slots__ = ("gain", "keyed", "new", "option", "parent", "single", "slot")


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
        # the slot of the source being ranked, and its plan's options, in order and best first
        self.slot: Slot | None = None
        self.options: tuple[Option, ...] = ()
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
        plan: Plan,
        number: int,
    ) -> None:
        """Score what one source (the ``number``-th) grows: each beam's choices in ``slot``
        (``plan``: its plan)."""
        self.slot, self.options, self.ranked = slot, plan.options, plan.ranked
        for index, parent in enumerate(beams):
            place = (number << 40) | (index << 20)  # the order grown, as one number
            choices = per[index]
            bonus = parent.bonus - cost
            self.score_paired(parent, bonus, choices, place)
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
        if new is None:  # no table asked: its plan's log-probability is at hand
            new = appended_alone(parent.state, simple, candidate.single)
        made = _beam(candidate.gain, new, char, simple, candidate.slot, parent)
        if keyed is not None:
            made.keyed = keyed
        elif self.after:  # ``tail``: the log-probability ``alone`` would ask its table for
            made.keyed = appended_alone(new, self.after, self.tail)
        return made

    def score_paired(
        self,
        parent: _Beam,
        bonus: float,
        choices: Choices,
        place: int,
    ) -> None:
        """The choices scored in full (``Choices.scored``: the plan's options by place, then
        ``completing``'s); ``Choices.tied``: those that make a known pair with ``after``."""
        pairs, after, state, tail = self.pairs, self.after, parent.state, self.tail
        options, completing, tied = self.options, choices.completing, choices.tied
        planned = len(options)
        for number in choices.scored:
            option = options[number] if number < planned else completing[number - planned]
            simple, prior = option[1], option[2]  # C doubles compiled, as the sums are
            new, gain, keyed = pairs.extend(state, simple), bonus + prior, None
            if not after:
                key = new.score + gain
            elif tied and simple in tied:  # most often none: no lookup
                keyed = pairs.extend(new, after)
                key = keyed.score + gain
            else:
                key = (new.score + tail) + gain
            if key >= self.floor:  # as in score_plain
                self._keep(key, place | number, parent, gain, option, new, keyed, 0.0)

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
            if (paired and option[1] in paired) or (
                allowed is not None and option[3] not in allowed
            ):
                continue
            prior = option[2]  # a C double compiled, as the sums are
            gain = bonus + prior
            key = (last + single + tail if after else last + single) + gain
            if key >= self.floor:  # below it, ``width`` better ones are kept already
                self._keep(key, place | number, parent, gain, option, None, None, single)

    def _keep(
        self,
        key: float,
        order: int,
        parent: _Beam,
        gain: float,
        option: Option,
        new: State | None,
        keyed: State | None,
        single: float,
    ) -> None:
        """Keep a candidate if it is among the best ``width`` so far, in the place of the worst
        (see ``_Candidate``)."""
        place = self._place(key, order)
        if place >= 0:
            candidate = self.kept[place]
            candidate.parent, candidate.slot, candidate.option = parent, self.slot, option
            candidate.gain, candidate.new, candidate.keyed = gain, new, keyed
            candidate.single = single

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
