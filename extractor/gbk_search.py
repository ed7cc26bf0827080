"""Filling lost bytes: a beam search over the characters they allow, scored in context.

A hypothesis about a garbled run is a sequence of *steps*; each step offers one or more *ways*
of reading the same visible bytes (one character, or two when a private-use pair was dropped
between them), each way a tuple of ``Slot``s with a prior cost. The search keeps the best few
partial readings, scoring each by the word model over the Simplified view, by the document's own
usage (a pair of characters the page writes elsewhere is likely again), by the readings left
beside the damage and by the page's script. Partial readings are compared only after the known
characters that follow them have been appended: 指 only beats 中 once 揮部 is in view.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extractor.gbk import Slot, hint_bonus, out_of_script, pua_partners, table, two_bytes
from extractor.lm import LanguageModel, language_model
from extractor.views import to_simplified

BEAM_WIDTH = 6
INNER_BEAM_WIDTH = 16  # inside a two-character way, before the second character has its say
LOOKAHEAD = 3  # known characters appended before partial readings are compared
LOST_BYTE_COST = 1.0  # each byte a hypothesis assumes was lost must be paid for
DOCUMENT_BIGRAM_BONUS = 3.0  # a pair of characters the document uses elsewhere
DOCUMENT_REPEAT_BONUS = 3.0  # … times the log of how often it does
DOCUMENT_CAP = 12.0
OTHER_SCRIPT_COST = 4.0  # a repair should read in the page's own script
DIGITS = "0123456789"
CHAR_CACHE = 1 << 14  # characters whose own log-probability a search keeps
SUCCESSORS = 40  # two-character words tried after a known character, likeliest first
_DIGIT = re.compile(r"[0-9０-９]")
_MARK_AFTER_HAN = re.compile(r"(?<=[^\x00-\x7f])([\x00-\x7f])(.?)", re.DOTALL)
SLOT_MARGIN = 1.0  # nats the chosen character must lead every rival by, else it is "lost":
# on simulated damage a lead under 1 nat is right 2 times in 5, 1–2 nats 3 in 4, 2–3 nats 9 in 10

Way = tuple[float, tuple[Slot, ...]]
Step = tuple[Way, ...]


@dataclass(frozen=True)
class Reading:
    characters: str
    score: float
    slots: tuple[Slot, ...]
    uncertain: tuple[int, ...]  # characters not clear enough to write


class _Beam(NamedTuple):
    """A partial reading: its last character and slot, linked to the reading it extends (the
    search grows hundreds of these per step and keeps a few, so none copies its prefix)."""

    bonus: float
    context: str
    best: tuple[float, ...]
    char: str = ""
    slot: Slot | None = None
    parent: _Beam | None = None

    @property
    def total(self) -> float:
        return self.best[-1] + self.bonus

    @property
    def characters(self) -> str:
        return "".join(beam.char for beam in self._chain())

    @property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(beam.slot for beam in self._chain() if beam.slot is not None)

    def _chain(self) -> list[_Beam]:
        chain: list[_Beam] = []
        beam: _Beam | None = self
        while beam is not None:
            chain.append(beam)
            beam = beam.parent
        return chain[::-1]


State = tuple[str, tuple[float, ...]]


class Search:
    """Beam search over the slots of a hypothesis, scored by the word model in context."""

    def __init__(self, model: LanguageModel, document: str, traditional: bool) -> None:
        self.model = model
        view = to_simplified(document)
        pairs = (view[i : i + 2] for i in range(len(view) - 1))
        # digits repeat by chance (2. in 2.5 and 12.3): no evidence about a lost one
        self.bigram_counts = Counter(p for p in pairs if not _DIGIT.search(p))
        self.chars = frozenset(document)
        self.traditional = traditional
        self._words = model.words
        self._long_word_tails = model.long_word_tails
        self._char_logprob = lru_cache(maxsize=CHAR_CACHE)(model.char_logprob)
        self._slot_options: dict[Slot, list[tuple[str, str, float, int]]] = {}
        self._completions: dict[tuple[Slot, str], list[tuple[str, str, float, int]]] = {}
        self._memo: dict[str, tuple[float, tuple[tuple[int, float], ...], int, bool]] = {}
        self._long_memo: dict[str, tuple[tuple[int, float], ...]] = {}
        self._window: Counter[str] = Counter()
        self._marks = _marks_after_han(document)

    # -- scoring ------------------------------------------------------------------------------

    def exclude_window(self, window: str) -> None:
        """Bigrams the document has only inside ``window`` (the damage and its context) are
        no evidence about it: a run would otherwise vouch for itself."""
        self._window = Counter(window[i : i + 2] for i in range(len(window) - 1))

    def extend(self, state: State, char: str) -> State:
        """Append one Simplified character to an incremental best-segmentation score.

        The context holds the last three characters, ``best`` the scores of the last four
        positions: enough for dictionary words of up to four characters. What the model says
        about each pair, and about each longer text that may end a longer word, is kept.
        """
        context, best = state
        pair = context[-1:] + char
        entry = self._memo.get(pair)
        if entry is None:
            entry = self._memo[pair] = self._entry(pair)
        single, words, in_document, may_end_longer = entry
        text = context + char
        if may_end_longer and len(text) > 2:
            words += self._longer(text)
        candidate = best[-1] + single
        for length, logprob in words:
            if best[-length] + logprob > candidate:
                candidate = best[-length] + logprob
        if in_document:
            candidate += self._document_bonus(in_document - self._window[pair])
        return text[-3:], (*best[-3:], candidate)

    @staticmethod
    def _document_bonus(uses: int) -> float:
        """A pair the document uses elsewhere, more for one it repeats (reports repeat their
        terms: 支教 in a 支教 report), up to a cap."""
        if uses <= 0:
            return 0.0
        return min(DOCUMENT_BIGRAM_BONUS + DOCUMENT_REPEAT_BONUS * math.log(uses), DOCUMENT_CAP)

    def _entry(self, pair: str) -> tuple[float, tuple[tuple[int, float], ...], int, bool]:
        """The last character's own log-probability, the pair as a word (length,
        log-probability), how often the document uses the pair, and whether some longer
        dictionary word ends in it (most pairs end none: then the pair decides alone)."""
        logprob = self._words.get(pair) if len(pair) == 2 else None
        words = ((2, logprob),) if logprob is not None else ()
        ends_longer = pair in self._long_word_tails
        return self._char_logprob(pair[-1]), words, self.bigram_counts.get(pair, 0), ends_longer

    def _longer(self, text: str) -> tuple[tuple[int, float], ...]:
        """Dictionary words of three or four characters ending ``text``."""
        found = self._long_memo.get(text)
        if found is None:
            found = self._long_memo[text] = tuple(
                (length, logprob)
                for length in range(3, len(text) + 1)
                if (logprob := self._words.get(text[-length:])) is not None
            )
        return found

    def run(self, text: str, state: State = ("", (0.0,))) -> State:
        for char in text:
            state = self.extend(state, char)
        return state

    def score(self, text: str) -> float:
        """The score of a Simplified text, with the document's own pairs counted."""
        return self.run(text)[1][-1]

    def slot_bonus(self, char: str, slot: Slot) -> float:
        """The prior of a character in a slot: its reading, the bytes lost, the script."""
        if slot.swallowed:
            return self._swallowed_prior(char, slot) - LOST_BYTE_COST
        script = OTHER_SCRIPT_COST if out_of_script(char, self.chars, self.traditional) else 0.0
        return hint_bonus(char, slot.hint) - slot.lost_bytes * LOST_BYTE_COST - script

    def _swallowed_prior(self, char: str, slot: Slot) -> float:
        """How often the page itself writes ``char`` after a Chinese character and before one
        like ``slot.then`` (a comma before Han text, a digit before a digit): the word model
        cannot tell ASCII marks apart, the page's own habits can. Digits share their count."""
        follows = _mark_context(slot.then)
        counts = [self._mark_count(option, follows) for option in slot.swallowed]
        return math.log(self._mark_count(char, follows) / sum(counts))

    def _mark_count(self, char: str, follows: str) -> float:
        if char.isdigit():
            return (sum(self._marks[digit, follows] for digit in DIGITS) + 1.0) / len(DIGITS)
        return self._marks[char, follows] + 0.1

    # -- search -------------------------------------------------------------------------------

    def best_reading(self, steps: tuple[Step, ...], left: str, right: str) -> Reading | None:
        """The likeliest characters for the steps between two contexts (Simplified)."""
        beams = [_Beam(0.0, *self.run(left))]
        ahead = _lookaheads(steps, right)
        for index, step in enumerate(steps):
            grown = [beam for cost, way in step for beam in self._through(beams, way, cost)]
            if not grown:
                return None
            beams = self._pruned(grown, ahead[index], BEAM_WIDTH)
        finished = [(self._finish(beam, right), beam) for beam in beams]
        score, winner = max(finished, key=lambda item: item[0])
        uncertain = self._uncertain(winner, left, right, score)
        return Reading(winner.characters, score, winner.slots, uncertain)

    def _through(self, beams: list[_Beam], way: tuple[Slot, ...], cost: float) -> list[_Beam]:
        beams = [beam._replace(bonus=beam.bonus - cost) for beam in beams]
        extend = self.extend
        for number, slot in enumerate(way):
            options = self._options(slot)
            grown = []
            for beam in beams:
                allowed = _allowed_leads(beam.char, slot)
                state, bonus = (beam.context, beam.best), beam.bonus
                for char, simple, prior, lead in options + self._completing(slot, beam.context):
                    if allowed is None or lead in allowed:
                        grown.append(_Beam(bonus + prior, *extend(state, simple), char, slot, beam))
            if number < len(way) - 1:
                grown = self._pruned(grown, "", INNER_BEAM_WIDTH)
            beams = grown
        return beams

    def _pruned(self, beams: list[_Beam], ahead: str, width: int) -> list[_Beam]:
        """The best ``width`` beams, judged with the known characters ahead appended: first
        by the next one alone, then the survivors by all of them."""
        if len(beams) <= width:
            return beams
        if not ahead:
            return sorted(beams, key=lambda beam: beam.total, reverse=True)[:width]
        keyed = [((b.context, b.best), b) for b in beams]
        done = 0  # characters of ``ahead`` already in the keyed states
        for depth in (1, len(ahead)) if len(ahead) > 1 else (1,):
            keep = width if depth == len(ahead) else 3 * width
            if len(keyed) > keep:
                keyed = [(self.run(ahead[done:depth], state), b) for state, b in keyed]
                keyed.sort(key=lambda item: item[0][1][-1] + item[1].bonus, reverse=True)
                keyed, done = keyed[:keep], depth
        return [beam for _, beam in keyed]

    def _options(self, slot: Slot) -> list[tuple[str, str, float, int]]:
        """Each candidate with its Simplified form, its prior bonus and its lead byte (kept:
        a segment's hypotheses share most of their slots)."""
        found = self._slot_options.get(slot)
        if found is None:
            simplified = table().simplified
            found = self._slot_options[slot] = []
            for char in slot.candidates():
                encoded = two_bytes(char)
                lead = encoded[0] if encoded is not None else -1
                found.append((char, simplified.get(char, char), self.slot_bonus(char, slot), lead))
        return found

    def _completing(self, slot: Slot, context: str) -> list[tuple[str, str, float, int]]:
        """Candidates that make a dictionary word with the character before them (闲 → 置 in
        闲置), beyond the commonest ones: a lost byte is usually filled inside a word."""
        if not context or not slot.lost_bytes or slot.swallowed:
            return []
        key = (slot, context[-1])
        found = self._completions.get(key)
        if found is None:
            ranked = frozenset(slot.candidates())
            found = self._completions[key] = [
                (char, simple, self.slot_bonus(char, slot), encoded[0])
                for char, simple, encoded in successors(context[-1])
                if char not in ranked and slot.allows(encoded)
            ]
        return found

    def _finish(self, beam: _Beam, right: str) -> float:
        return self.run(right, (beam.context, beam.best))[1][-1] + beam.bonus

    def _uncertain(self, winner: _Beam, left: str, right: str, score: float) -> tuple[int, ...]:
        """Filled characters that some rival, in the same place, nearly matches."""
        return tuple(
            index
            for index, slot in enumerate(winner.slots)
            if slot.lost_bytes and self._margin(winner, index, left, right, score) < SLOT_MARGIN
        )

    def _margin(self, winner: _Beam, index: int, left: str, right: str, score: float) -> float:
        """How far the winner leads the best rival for character ``index``, all else kept; a
        byte a ``?`` swallowed must lead all rivals together (a comma must beat ten digits)."""
        simplified = table().simplified
        chars, slots = winner.characters, winner.slots
        chosen = chars[index]
        base = winner.bonus - self.slot_bonus(chosen, slots[index])
        prefix = self.run("".join(simplified.get(c, c) for c in chars[:index]), self.run(left))
        rest = "".join(simplified.get(c, c) for c in chars[index + 1 :]) + right
        following = slots[index + 1] if index + 1 < len(slots) else None
        totals = []
        previous = simplified.get(chars[index - 1], chars[index - 1]) if index else left[-1:]
        completing = [c for c, _, encoded in successors(previous) if slots[index].allows(encoded)]
        rivals = [*slots[index].candidates(), *completing]
        for rival in dict.fromkeys(rivals):
            if rival == chosen or not _fits(chars[index - 1 : index], rival, slots[index]):
                continue
            if following is not None and not _fits(rival, chars[index + 1], following):
                continue
            total = self.run(rest, self.extend(prefix, simplified.get(rival, rival)))[1][-1]
            totals.append(total + base + self.slot_bonus(rival, slots[index]))
        if not totals:
            return math.inf
        if slots[index].swallowed:
            top = max(totals)
            return score - top - math.log(sum(math.exp(t - top) for t in totals))
        return score - max(totals)


@lru_cache(maxsize=4096)
def successors(previous: str) -> tuple[tuple[str, str, bytes], ...]:
    """GBK characters (with their Simplified form and bytes) whose Simplified form follows
    ``previous`` in the likeliest two-character dictionary words."""
    if not previous:
        return ()
    found = []
    for logprob, second in _word_starts().get(previous, ())[:SUCCESSORS]:
        for char in _by_simplified().get(second, ()):
            encoded = two_bytes(char)
            if encoded is not None:
                found.append((logprob, char, second, encoded))
    return tuple(
        (char, second, encoded) for _, char, second, encoded in sorted(found, reverse=True)
    )


@lru_cache(maxsize=1)
def _word_starts() -> dict[str, list[tuple[float, str]]]:
    starts: dict[str, list[tuple[float, str]]] = {}
    for word, logprob in language_model().words.items():
        if len(word) == 2:
            starts.setdefault(word[0], []).append((logprob, word[1]))
    for options in starts.values():
        options.sort(reverse=True)
    return starts


@lru_cache(maxsize=1)
def _by_simplified() -> dict[str, list[str]]:
    forms: dict[str, list[str]] = {}
    for char, simple in table().simplified.items():
        forms.setdefault(simple, []).append(char)
    return forms


def _marks_after_han(document: str) -> Counter[tuple[str, str]]:
    """ASCII characters that follow a non-ASCII one, by the kind of character after them."""
    return Counter(
        (match[1], _mark_context(match[2])) for match in _MARK_AFTER_HAN.finditer(document)
    )


def _mark_context(char: str) -> str:
    return "digit" if char.isdigit() else "line" if char in ("", "\n") else "text"


def _lookaheads(steps: tuple[Step, ...], right: str) -> list[str]:
    """For each step, the known characters right after it (up to LOOKAHEAD), Simplified."""
    simplified = table().simplified
    known: list[str | None] = []
    for step in steps:
        way = step[0][1]  # the plain way: other ways (dropped pairs) are the rarer guesses
        fixed = len(way) == 1 and way[0].lost_bytes == 0
        chars = way[0].candidates() if fixed else []
        known.append(simplified.get(chars[0], chars[0]) if chars else None)
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


def _allowed_leads(previous: str, slot: Slot) -> frozenset[int] | None:
    if not slot.dropped_before:
        return None
    before = two_bytes(previous) if previous else None
    return pua_partners(before[1]) if before is not None else frozenset()


def _fits(previous: str, char: str, slot: Slot) -> bool:
    """Whether ``char`` may follow ``previous`` under the slot's dropped-pair constraint."""
    if not slot.dropped_before:
        return True
    before, own = two_bytes(previous), two_bytes(char)
    return before is not None and own is not None and own[0] in pua_partners(before[1])
