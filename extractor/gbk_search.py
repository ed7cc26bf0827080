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

from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from extractor.gbk import decode_pair, table
from extractor.gbk_candidates import Candidates, Choices
from extractor.gbk_pairs import _Pairs
from extractor.gbk_ranking import (
    BEAM_WIDTH,
    INNER_BEAM_WIDTH,
    OPEN_BEAM_WIDTH,
    _Beam,
    _beam,
    _Ranking,
)
from extractor.gbk_rivals import Rivals
from extractor.gbk_slots import Slot

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
            lasts, written = [], []
            for beam in beams:
                lasts.append(beam.last)
                written.append(beam.char)
            per = self.candidates.choices(slot, lasts, written, after)
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
            ranking.rank(beams, slot, cost, choices[number], self.candidates.plan(slot), number)
        return ranking.best()


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
