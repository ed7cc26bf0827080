"""How sure a reading of a damaged run is of each character it filled in: the rivals for the
same place, all else kept, and how near the best of them comes.

A character is written only when it leads every rival by ``SLOT_MARGIN`` (a byte a ``?``
swallowed, all of them together); otherwise it is marked lost. Where a rival comes near, the
runs of three characters running text writes (``running_text.RunningPhrases``) have their say:
they move the margin, and may put the rival ahead instead. Most rivals make no word with
the text around them and differ only by their own log-probability and prior, so only the best
of those is scored; the others are scored until they provably cannot come near.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from operator import add
from typing import NamedTuple

from extractor.gbk import pua_partners, two_bytes
from extractor.gbk_alone import BOUND_SLACK, _Alone, _gathered
from extractor.gbk_candidates import Candidates, allowed_leads
from extractor.gbk_pairs import STATE_CONTEXT, State, _Pairs
from extractor.gbk_punctuation import breaks_before, enumeration_lead
from extractor.gbk_score import Scorer
from extractor.gbk_shifted import _code_at
from extractor.gbk_slots import Slot
from extractor.gbk_words import pair_ends
from extractor.lm import LanguageModel
from extractor.running_text import (
    PHRASE_CAP,
    RunningPhrases,
    phrase_lead,
    running_phrases,
    within_phrase_cap,
)

SLOT_MARGIN = 1.0  # nats the chosen character must lead every rival by, else it is "lost":
# on simulated damage a lead under 1 nat is right 2 times in 5, 1–2 nats 3 in 4, 2–3 nats 9 in 10


class Judged(NamedTuple):
    """A reading whose filled characters are judged: its characters, slots and bonus (see
    ``gbk_search.Reading``) between two contexts (Simplified), and its score."""

    chars: str
    slots: tuple[Slot, ...]
    bonus: float
    left: str
    right: str
    score: float
    after: str = ""  # the page after the run, further than ``right`` (a mark's clause)


class Rivals(Scorer):
    """Scores of a document, with each slot's candidates (``gbk_candidates``)."""

    def __init__(
        self,
        model: LanguageModel,
        document: str,
        traditional: bool,
        measures: frozenset[str] | None = None,
    ) -> None:
        super().__init__(model, document, traditional, measures=measures)
        self.candidates = Candidates(self)
        self.phrases = running_phrases()

    def judge(
        self,
        chars: str,
        slots: tuple[Slot, ...],
        bonus: float,
        left: str,
        right: str,
        score: float,
        after: str = "",
    ) -> tuple[str, tuple[int, ...]]:
        """The characters of a reading (its characters, slots, bonus and ``score`` between two
        contexts; ``after``: the page after the run, for a mark's clause) to write, with a
        rival where running text's phrases put it clearly ahead (``_clear``), and the filled
        ones that some rival, in the same place, nearly matches."""
        reading = Judged(chars, slots, bonus, left, right, score, after)
        forms = self.forms(chars, slots)  # once a reading, not once a character judged
        written, uncertain = list(chars), []
        for index, slot in enumerate(slots):
            if slot.lost_bytes:
                clear = self._clear(reading, index, forms)
                if clear is None:
                    uncertain.append(index)
                else:
                    written[index] = clear
        return "".join(written), tuple(uncertain)

    def _clear(self, reading: Judged, index: int, forms: str) -> str | None:
        """The character to write for ``index``: the winner when it leads every rival by
        SLOT_MARGIN, all else kept (a byte a ``?`` swallowed: all rivals together, a comma
        must beat ten digits), phrases of running text counted (``_overturned``); None when
        no character does (``forms``: the reading's characters as scores read them)."""
        if not self._fits_what_follows(reading, index, forms):
            return None
        chars, slots, bonus, left, right, score, page_after = reading
        base = bonus - self.slot_bonus(chars[index], slots[index])
        head = left + forms[:index]
        prefix = self.run(head)
        rest = forms[index + 1 :] + right
        rivals = self._rivals(chars, slots, index, prefix, (rest,))
        if slots[index].swallowed:
            totals = [self.run(rest, state).score + base + prior for state, prior, _ in rivals]
            return None if totals and score - _log_sum(totals) < SLOT_MARGIN else chars[index]
        # each rival scored only as far as it may come near (``_close_rivals``)
        near, later = rest[:STATE_CONTEXT], rest[STATE_CONTEXT:]
        winner = forms[index]
        own = self.run(near, self.extend(prefix, winner))
        reach = self.run(later, own).score
        # a 、 or 。 may tie with the other: the clause after it judges (``enumeration_lead``)
        clause = _clause_after(chars, slots, index, page_after or right) if winner in "、。" else ""
        lead = _PhraseLead(self.phrases, head[-2:], winner, rest[:2], clause)
        close = _close_rivals(rivals, self._pairs, near, later, own, reach, (score, base), lead)
        return _overturned(close, score) if close else chars[index]

    def _fits_what_follows(self, reading: Judged, index: int, forms: str) -> bool:
        """For a character right before a byte a ``?`` swallowed (True for any other): whether
        it keeps punctuation's grammar with that byte (、, is no text) and, when the byte is
        itself uncertain, leads its rivals over all the byte may have been (``_judged_over``)."""
        chars, slots = reading.chars, reading.slots
        following = slots[index + 1] if index + 1 < len(slots) else None
        if following is None or not following.swallowed:
            return True
        if breaks_before(chars[index], chars[index + 1]):
            return False
        if self._clear(reading, index + 1, forms) is not None:
            return True
        return self._judged_over(reading, index)

    def _judged_over(self, reading: Judged, index: int) -> bool:
        """Whether the winner for character ``index`` leads every rival by SLOT_MARGIN, each
        judged over every byte the ``?`` after it may have swallowed: 。 before a line end is no
        evidence for 。 before a digit (競賽”1次, not 競賽。〓次). The other characters' priors
        are the same for all and left out; so are rivals that make no word before any of those
        bytes but the best of them (``_rivals``). As in ``_clear``, a rival that cannot come
        near even at its best lead after each byte is not scored to the end."""
        chars, slots, left, right = reading.chars, reading.slots, reading.left, reading.right
        forms, swallowed, read = self.forms(chars, slots), slots[index + 1], self.swallowed.form
        after = forms[index + 2 :] + right
        options = [
            (read(c, swallowed), self.slot_bonus(c, swallowed)) for c in swallowed.candidates()
        ]
        prefix = self.run(forms[:index], self.run(left))
        own = self.extend(prefix, forms[index])
        near, later = after[: STATE_CONTEXT - 1], after[STATE_CONTEXT - 1 :]
        own_firsts = self._firsts(own, options)
        owns = [self.run(near, first) for first in own_firsts]
        reaches = self._totals(owns, options, later)
        winner = _log_sum(reaches) + self.slot_bonus(chars[index], slots[index])
        rests = tuple([c + after for c, _ in options])
        leads = self._leads(options, own_firsts, owns, near)
        # the log-sum of these odds exceeds their largest by log(len(options)) at most
        spread = math.log(len(options)) + BOUND_SLACK
        for state, prior, _ in self._rivals(chars, slots, index, prefix, rests):
            if later:
                bounds = list(map(add, reaches, leads(state)))
                if winner - (max(bounds) + spread + prior) >= SLOT_MARGIN + BOUND_SLACK:
                    continue
                if winner - (_log_sum(bounds) + prior) >= SLOT_MARGIN + BOUND_SLACK:
                    continue
            firsts = self._firsts(state, options)
            totals = self._totals([self.run(near, first) for first in firsts], options, later)
            if winner - (_log_sum(totals) + prior) < SLOT_MARGIN:
                return False
        return True

    def _leads(
        self,
        options: list[tuple[str, float]],
        own_firsts: list[State],
        owns: list[State],
        near: str,
    ) -> Callable[[State], list[float]]:
        """How far a rival's state before a swallowed byte may lead the winner's after each of
        its readings (``options``) and ``near`` (``own_firsts`` and ``owns``: the winner's
        after the reading, then after ``near``). After a byte whose pairs with ``near`` end no
        longer word, no word reaches from the rival into ``near``: its scores there follow from
        its two last ones alone, as the winner's do (and the winner's may be higher still), so
        their lead bounds the rival's without scoring ``near``. A rival that makes no pair the
        model, running text or the page knows with the byte has those two scores without being
        extended by it: its own score, and that with the byte's log-probability alone."""
        words, tails = self._words, self.model.long_word_tails
        document, running = self.bigram_counts, self.running.bonus
        crossed = [near in tails or char + near[:1] in tails for char, _ in options]
        alone = [self.char_logprob(char) for char, _ in options]
        # which of the readings the model or running text ends a pair with, which the page
        ends, view_chars = pair_ends(self.model, self.running), self.view_chars
        known = [(char in ends, char in view_chars) for char, _ in options]

        def leads(state: State) -> list[float]:
            found, last, score = [], state.last, state.score
            for (char, _), own_first, owned, cross, single, (modelled, written) in zip(
                options, own_firsts, owns, crossed, alone, known, strict=True
            ):
                pair = last + char
                if cross:
                    found.append(self.run(near, self.extend(state, char)).lead(owned))
                elif (modelled and (pair in words or pair in tails or pair in running)) or (
                    written and pair in document
                ):
                    found.append(_lead_two(self.extend(state, char), own_first))
                else:
                    found.append(max(score + single - own_first.score, score - own_first.b2))
            return found

        return leads

    def _firsts(self, state: State, options: list[tuple[str, float]]) -> list[State]:
        """``state`` after each option's character (a swallowed byte's)."""
        return [self.extend(state, char) for char, _ in options]

    def _totals(
        self, states: list[State], options: list[tuple[str, float]], later: str
    ) -> list[float]:
        """Each of ``states`` (one per option) to the end of ``later``, with its option's bonus."""
        return [
            self.run(later, state).score + bonus
            for state, (_, bonus) in zip(states, options, strict=True)
        ]

    def _rivals(
        self,
        chars: str,
        slots: tuple[Slot, ...],
        index: int,
        prefix: State,
        rests: tuple[str, ...],
    ) -> list[tuple[State, float, str]]:
        """The state, prior and character of each rival for character ``index`` before each
        of ``rests`` (the text that may follow it; of the best one alone among those that make
        no word with the text around them, whichever follows: they differ only by their own
        log-probability and prior, so only the best of them can have the highest total)."""
        slot, previous, own = slots[index], prefix.last, chars[index]
        following = slots[index + 1] if index + 1 < len(slots) else None
        # the dropped pairs' bytes around the rivals (``gbk_candidates.fits``), and what the
        # text around them says, read once, not for each of the slot's twenty-odd rivals
        partners = allowed_leads(chars[index - 1 : index], slot)
        dropped_after = following is not None and following.dropped_before
        then_lead = _lead_byte(chars[index + 1]) if dropped_after else None
        fitting = [
            option
            for option in self.candidates.offered(slot, previous)
            if option[0] != own and _fits_between(option[0], option[3], partners, then_lead)
        ]
        alone = None if slot.swallowed else _Alone(self, previous, rests)
        return _gathered(fitting, alone, self._pairs, prefix)


class _PhraseLead:
    """The winner's lead over a rival by phrases of running text (``phrase_lead``) and, for a
    mark, the clause after it (``enumeration_lead``), within PHRASE_CAP: a class typed in C
    compiled (``gbk_rivals.pxd``), where the closure it replaces was a Python call a rival."""

    __slots__ = ("after", "before", "clause", "fit", "fitted", "own_fit", "winner")

    def __init__(
        self, phrases: RunningPhrases, before: str, winner: str, after: str, clause: str
    ) -> None:
        """``before`` and ``after``: the two characters on either side of the slot."""
        self.fit, self.before, self.after = phrases.fit, before, after
        self.winner, self.clause = winner, clause
        # the winner's own fit, found when a rival first asks: in two slots of three every
        # rival is too far behind for phrases to matter (the benchmark's pages)
        self.fitted, self.own_fit = False, 0.0

    def of(self, simple: str, rival: str) -> float:
        """The lead over ``rival`` (``simple``: its Simplified form)."""
        if not self.fitted:
            self.fitted, self.own_fit = True, self.fit(self.before, self.winner, self.after)
        found = phrase_lead(self.own_fit, self.fit(self.before, simple, self.after))
        if self.clause:
            found = within_phrase_cap(found + enumeration_lead(self.winner, rival, self.clause))
        return found


def _close_rivals(
    rivals: list[tuple[State, float, str]],
    pairs: _Pairs,
    near: str,
    later: str,
    own: State,
    reach: float,
    scores: tuple[float, float],
    lead: _PhraseLead,
) -> list[tuple[float, str]]:
    """``Rivals._clear``'s rivals within SLOT_MARGIN of the winner (``scores``: its total,
    and the reading's priors but the slot's, which each rival's adds to), each total less
    the winner's phrase lead (``lead``). Once STATE_CONTEXT more characters (``near``) are
    in, a rival's state and the winner's (``own``) differ only by their scores, and the rest
    (``later``; ``reach``: the winner's score after it) adds the same to both, at most: a
    rival that cannot come near even so is not scored to the end. Phrases move the margin by
    PHRASE_CAP at most: a rival further behind is not looked up."""
    close, far = [], SLOT_MARGIN + PHRASE_CAP + BOUND_SLACK
    score, base = scores
    for state, prior, rival in rivals:
        simple = state.last
        state = pairs.run(near, state)
        phrased = False  # looked up only for a rival that may come near
        phrase = 0.0
        if later:
            behind = score - (reach + state.lead(own) + base + prior)
            if behind >= far:
                continue
            phrase, phrased = lead.of(simple, rival), True
            if behind >= SLOT_MARGIN - phrase + BOUND_SLACK:
                continue
            state = pairs.run(later, state)
        total = state.score + base + prior
        if score - total >= far:
            continue
        if not phrased:
            phrase = lead.of(simple, rival)
        total -= phrase
        if score - total < SLOT_MARGIN:
            close.append((total, rival))
    return close


def _lead_byte(then: str) -> int:
    """The lead byte of ``then``, -1 (no byte) when it has no two bytes."""
    encoded = two_bytes(then)
    return encoded[0] if encoded is not None else -1


def _fits_between(
    rival: str, lead: int, partners: frozenset[int] | None, then_lead: int | None
) -> bool:
    """``gbk_candidates.fits`` on both sides of a rival: whether its ``lead`` byte
    (``_lead_byte``, as a slot's options carry it: no encoding a rival) is one of
    ``partners`` (``gbk_candidates.allowed_leads`` after the character before; None: no pair
    dropped there) and ``then_lead`` (``_lead_byte`` of the character after; None: none
    dropped there) makes a dropped pair with its trail byte. The sides' bytes are found once a
    slot, where ``fits`` found them again for each of its rivals."""
    if partners is None and then_lead is None:
        return True
    if lead < 0 or (partners is not None and lead not in partners):
        return False
    return then_lead is None or then_lead in _trail_partners(_code_at(rival, 0) & 0xFF)


# ``pua_partners`` of each trail byte, filled in as rivals ask (``_trail_partners``)
_TRAIL_PARTNERS: list[frozenset[int] | None] = [None] * 0x100


def _trail_partners(trail: int) -> frozenset[int]:
    """``pua_partners(trail)``, read from ``_TRAIL_PARTNERS`` (in C compiled): its cache, and
    ``two_bytes``' for the rival's trail byte (``_code_at`` reads it from a table), cost a
    call each, about 1,100 instructions a rival."""
    found = _TRAIL_PARTNERS[trail]
    if found is None:
        found = _TRAIL_PARTNERS[trail] = pua_partners(trail)
    return found


def _clause_after(chars: str, slots: tuple[Slot, ...], index: int, after: str) -> str:
    """The text after character ``index`` of a reading that says which mark it was: the
    reading's characters, then the page's (``after``), up to a mark the reading filled in
    itself (a guess, no evidence: 村、 read for 村’)."""
    for later in range(index + 1, len(chars)):
        if slots[later].lost_bytes and not chars[later].isalnum():
            return chars[index + 1 : later]
    return chars[index + 1 :] + after


def _overturned(close: list[tuple[float, str]], score: float) -> str | None:
    """The rival that running text's phrases put SLOT_MARGIN ahead of the winner (``score``)
    and of every other rival near it (``close``: their totals and characters), if one is."""
    close.sort(reverse=True)
    top, rival = close[0]
    runner_up = close[1][0] if len(close) > 1 else score
    return rival if top - max(score, runner_up) >= SLOT_MARGIN else None


def _lead_two(state: State, other: State) -> float:
    """How far ``state``'s last two scores are above ``other``'s at most: its lead once the
    same text is appended to both, when no word of that text reaches further back."""
    return max(state.score - other.score, state.b2 - other.b2)


def _log_sum(totals: list[float]) -> float:
    """The log of the summed odds of ``totals`` (logs)."""
    top = max(totals)
    return top + math.log(sum([math.exp(total - top) for total in totals]))
