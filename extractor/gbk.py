"""GBK at the byte level: the codec as mirror sites apply it, and a search over lost bytes.

Shared by the mojibake repair (which undoes a one-byte shift) and the damage simulator (which
makes one). The site decoder reads a lead byte 0x81–0xFE and a trail byte 0x40–0x7E/0x80–0xFE as
one character; a pair that lands in the private-use area is dropped; full-width punctuation is
folded to ASCII afterwards. ``best_reading`` fills the bytes a hypothesis says were lost with
the characters a word model (and the pinyin readings left beside the damage) like best.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from pypinyin import pinyin_dict

from extractor.lm import LanguageModel, language_model
from extractor.views import to_simplified, to_traditional

LEAD_BYTES = tuple(range(0x81, 0xFF))
TRAIL_BYTES = (*range(0x40, 0x7F), *range(0x80, 0xFF))
FOLDED = {
    ",": "，",
    ";": "；",
    ":": "：",
    "!": "！",
}  # mirrors fold these; in a run they are 2 bytes

BEAM_WIDTH = 10
CANDIDATES = 48  # characters tried for a lost byte: the likeliest by themselves
INNER_BEAM_WIDTH = 32  # inside a two-character way, before the second character has its say
SLOT_MARGIN = 3.0  # nats the chosen character must lead every rival by, else it is "lost"
HINT_MATCH, HINT_TONELESS, HINT_MISS = 4.0, 2.0, -8.0
LOST_BYTE_COST = 1.0  # each byte a hypothesis assumes was lost must be paid for
DROPPED_PAIR_COST = 2.5  # about -log(0.09): the share of shifted pairs that are private-use
DOCUMENT_BIGRAM_BONUS = 1.5  # a pair of characters the document uses elsewhere
OTHER_SCRIPT_COST = 4.0  # a repair should read in the page's own script


@cache
def decode_pair(lead: int, trail: int) -> str | None:
    """The site decoder on two bytes: a character, "" for a private-use one, None if invalid."""
    if not (0x81 <= lead <= 0xFE and (0x40 <= trail <= 0x7E or 0x80 <= trail <= 0xFE)):
        return None
    try:
        char = bytes((lead, trail)).decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "" if "\ue000" <= char <= "\uf8ff" else char


@cache
def two_bytes(char: str) -> bytes | None:
    """The GBK bytes a character of a garbled run stands for (folded punctuation unfolded)."""
    char = FOLDED.get(char, char)
    if char.isascii():
        return None
    try:
        encoded = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return encoded if len(encoded) == 2 else None


def byte_stream(text: str) -> bytes | None:
    """The GBK bytes of a run, or None if some character has no two-byte form."""
    parts = [two_bytes(char) for char in text]
    return None if any(part is None for part in parts) else b"".join(parts)  # type: ignore[arg-type]


def toneless(reading: str) -> str:
    marks = unicodedata.normalize("NFD", reading)
    return "".join(c for c in marks if not unicodedata.combining(c)).replace("ü", "v")


@lru_cache(maxsize=32768)
def readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """Tone-marked and toneless readings of a character, from pypinyin's table."""
    listed = pinyin_dict.pinyin_dict.get(ord(char))
    marked = frozenset(listed.split(",")) if listed else frozenset()
    return marked, frozenset(toneless(reading) for reading in marked)


def hint_bonus(char: str, hint: str | None) -> float:
    """Readings come from a context-free table and are often wrong: a nudge, not a rule."""
    if hint is None:
        return 0.0
    marked, plain = readings(char)
    if hint in marked:
        return HINT_MATCH
    return HINT_TONELESS if toneless(hint) in plain else HINT_MISS


@dataclass(frozen=True)
class Table:
    """Every non-private GBK character, by lead byte, by trail byte and by reading."""

    by_lead: dict[int, list[tuple[int, str]]]
    by_trail: dict[int, list[tuple[int, str]]]
    by_reading: dict[str, list[tuple[int, int, str]]]
    simplified: dict[str, str]
    traditional: dict[str, str]


@lru_cache(maxsize=1)
def table() -> Table:
    by_lead: dict[int, list[tuple[int, str]]] = {}
    by_trail: dict[int, list[tuple[int, str]]] = {}
    by_reading: dict[str, list[tuple[int, int, str]]] = {}
    for lead in LEAD_BYTES:
        for trail in TRAIL_BYTES:
            char = decode_pair(lead, trail)
            if not char:
                continue
            by_lead.setdefault(lead, []).append((trail, char))
            by_trail.setdefault(trail, []).append((lead, char))
            for reading in readings(char)[0]:
                by_reading.setdefault(reading, []).append((lead, trail, char))
    chars = "\n".join(char for row in by_lead.values() for _, char in row)  # no phrases
    simplified = dict(zip(chars, to_simplified(chars), strict=True))
    traditional = dict(zip(chars, to_traditional(chars), strict=True))
    return Table(by_lead, by_trail, by_reading, simplified, traditional)


def out_of_script(char: str, document_chars: frozenset[str], traditional: bool) -> bool:
    """A character the page writes in the other script elsewhere (还 where it has 還).

    Crude conversions leave some Simplified characters (干, 于, 后) in Traditional pages, so
    only a form the page itself contradicts counts.
    """
    if char in document_chars:
        return False
    gbk = table()
    converted = gbk.traditional[char] if traditional else gbk.simplified[char]
    return converted != char and converted in document_chars


@dataclass(frozen=True)
class Slot:
    """One original character: its known bytes (None where lost) and the reading beside it."""

    lead: int | None
    trail: int | None
    hint: str | None = None
    leads: frozenset[int] | None = None  # a lost lead narrowed down by a seam
    dropped_before: bool = False  # the pair (previous trail, own lead) was private-use, so dropped

    @property
    def lost_bytes(self) -> int:
        return (self.lead is None) + (self.trail is None)

    def candidates(self) -> list[str]:
        """The characters the known bytes allow, likeliest first, at most CANDIDATES of them."""
        return _ranked(self.lead, self.trail, self.leads, self.hint)


@lru_cache(maxsize=4096)
def _ranked(
    lead: int | None, trail: int | None, leads: frozenset[int] | None, hint: str | None
) -> list[str]:
    gbk = table()
    if lead is not None and trail is not None:
        char = decode_pair(lead, trail)
        return [char] if char else []
    if lead is not None:
        chars = [char for _, char in gbk.by_lead.get(lead, [])]
    elif trail is not None:
        chars = [
            char for first, char in gbk.by_trail.get(trail, []) if leads is None or first in leads
        ]
    else:
        row = gbk.by_reading.get(hint or "", [])
        chars = [char for first, _, char in row if leads is None or first in leads]
    model = language_model()
    chars.sort(
        key=lambda c: model.char_logprob(gbk.simplified[c]) + hint_bonus(c, hint), reverse=True
    )
    return chars[:CANDIDATES]


# A step is a choice between ways of reading the same bytes: one character, or, when a
# private-use pair was dropped between two visible ones, two characters with a byte lost each.
# Each way carries its prior cost.
Way = tuple[float, tuple[Slot, ...]]
Step = tuple[Way, ...]


@lru_cache(maxsize=256)
def _pua_partners(previous: str) -> frozenset[int] | None:
    """Lead bytes that make a private-use pair with the trail byte of ``previous``."""
    encoded = two_bytes(previous) if previous else None
    if encoded is None:
        return frozenset()
    return frozenset(lead for lead in LEAD_BYTES if decode_pair(encoded[1], lead) == "")


def fits_after(previous: str, char: str, slot: Slot) -> bool:
    """Whether ``char`` may follow ``previous`` under the slot's dropped-pair constraint."""
    if not slot.dropped_before:
        return True
    before, own = two_bytes(previous), two_bytes(char)
    return before is not None and own is not None and decode_pair(before[1], own[0]) == ""


@dataclass(frozen=True)
class Reading:
    characters: str
    score: float
    slots: tuple[Slot, ...]
    uncertain: tuple[int, ...]  # characters not clear enough to write


@dataclass(frozen=True)
class _Beam:
    bonus: float
    characters: str
    context: str
    best: tuple[float, ...]
    slots: tuple[Slot, ...]

    @property
    def total(self) -> float:
        return self.best[-1] + self.bonus


class Search:
    """Beam search over the slots of a hypothesis, scored by the word model in context."""

    def __init__(self, model: LanguageModel, document: str, traditional: bool) -> None:
        self.model = model
        view = to_simplified(document)
        self.bigrams = frozenset(view[i : i + 2] for i in range(len(view) - 1))
        self.chars = frozenset(document)
        self.traditional = traditional
        self._words = model.words
        self._chars: dict[str, float] = {}

    def extend(
        self, context: str, best: tuple[float, ...], char: str
    ) -> tuple[str, tuple[float, ...]]:
        """Append one Simplified character to an incremental best-segmentation score.

        ``context`` holds the last three characters, ``best`` the scores of the last four
        positions: enough for dictionary words of up to four characters.
        """
        text = context + char
        words = self._words
        candidate = best[-1] + self._char_logprob(char)
        for length in range(2, min(len(text), len(best)) + 1):
            logprob = words.get(text[-length:])
            if logprob is not None and best[-length] + logprob > candidate:
                candidate = best[-length] + logprob
        if text[-2:] in self.bigrams:
            candidate += DOCUMENT_BIGRAM_BONUS
        return text[-3:], (*best[-3:], candidate)

    def _script_cost(self, char: str) -> float:
        return OTHER_SCRIPT_COST if out_of_script(char, self.chars, self.traditional) else 0.0

    def _char_logprob(self, char: str) -> float:
        cached = self._chars.get(char)
        if cached is None:
            cached = self._chars[char] = self.model.char_logprob(char)
        return cached

    def run(self, text: str) -> tuple[str, tuple[float, ...]]:
        state: tuple[str, tuple[float, ...]] = ("", (0.0,))
        for char in text:
            state = self.extend(*state, char)
        return state

    def best_reading(self, steps: tuple[Step, ...], left: str, right: str) -> Reading | None:
        """The likeliest characters for the steps between two contexts (Simplified)."""
        context, best = self.run(left)
        beams = [_Beam(0.0, "", context, best, ())]
        for step in steps:
            grown = [beam for cost, way in step for beam in self._through(beams, way, cost)]
            if not grown:
                return None
            beams = sorted(grown, key=lambda beam: beam.total, reverse=True)[:BEAM_WIDTH]
        winner = max(beams, key=lambda beam: self._finish(beam, right))
        score = self._finish(winner, right)
        return Reading(
            winner.characters, score, winner.slots, self._uncertain(winner, left, right, score)
        )

    def _through(self, beams: list[_Beam], way: tuple[Slot, ...], cost: float) -> list[_Beam]:
        beams = [_Beam(b.bonus - cost, b.characters, b.context, b.best, b.slots) for b in beams]
        for number, slot in enumerate(way):
            width = BEAM_WIDTH if number == len(way) - 1 else INNER_BEAM_WIDTH
            options = self._options(slot)
            grown = []
            for beam in beams:
                allowed = _pua_partners(beam.characters[-1:]) if slot.dropped_before else None
                for char, simple, bonus, lead in options:
                    if allowed is None or lead in allowed:
                        context, best = self.extend(beam.context, beam.best, simple)
                        grown.append(
                            _Beam(
                                beam.bonus + bonus,
                                beam.characters + char,
                                context,
                                best,
                                (*beam.slots, slot),
                            )
                        )
            beams = sorted(grown, key=lambda beam: beam.total, reverse=True)[:width]
        return beams

    def _options(self, slot: Slot) -> list[tuple[str, str, float, int]]:
        """Each candidate with its Simplified form, its prior bonus and its lead byte."""
        simplified = table().simplified
        lost = slot.lost_bytes * LOST_BYTE_COST
        return [
            (
                c,
                simplified[c],
                hint_bonus(c, slot.hint) - lost - self._script_cost(c),
                two_bytes(c)[0],
            )  # type: ignore[index]
            for c in slot.candidates()
        ]

    def _finish(self, beam: _Beam, right: str) -> float:
        context, best = beam.context, beam.best
        for char in right:
            context, best = self.extend(context, best, char)
        return best[-1] + beam.bonus

    def _uncertain(self, winner: _Beam, left: str, right: str, score: float) -> tuple[int, ...]:
        """Characters filled from a lost byte, without a reading, that a rival nearly matches."""
        simplified = table().simplified
        uncertain = []
        for index, slot in enumerate(winner.slots):
            if slot.lost_bytes == 0 or slot.hint is not None:
                continue
            chars = winner.characters
            following = winner.slots[index + 1] if index + 1 < len(winner.slots) else None
            rivals = [
                c
                for c in slot.candidates()
                if c != chars[index]
                and fits_after(chars[index - 1 : index], c, slot)
                and (following is None or fits_after(c, chars[index + 1], following))
            ]
            base = winner.bonus
            for rival in rivals:
                chars = winner.characters[:index] + rival + winner.characters[index + 1 :]
                text = left + "".join(simplified.get(c, c) for c in chars) + right
                _, best = self.run(text)
                if score - (best[-1] + base) < SLOT_MARGIN:
                    uncertain.append(index)
                    break
        return tuple(uncertain)
