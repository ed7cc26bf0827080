"""GBK at the byte level: the codec as mirror sites apply it, and the characters bytes allow.

Shared by the mojibake repair (which undoes a one-byte shift) and the damage simulator (which
makes one). The site decoder reads a lead byte 0x81–0xFE and a trail byte 0x40–0x7E/0x80–0xFE as
one character; a pair that lands in the private-use area is dropped; full-width punctuation is
folded to ASCII afterwards. A character with some of its bytes lost is a ``gbk_slots.Slot``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.lm import language_model
from extractor.pinyin_table import character_readings, characters_read_as
from extractor.views import to_simplified, to_traditional

LEAD_BYTES = tuple(range(0x81, 0xFF))
TRAIL_BYTES = (*range(0x40, 0x7F), *range(0x80, 0xFF))
HIGH_TRAILS = frozenset(range(0x80, 0xFF))  # a trail the decoder could not show as ASCII
FOLDED = {
    ",": "，",
    ";": "；",
    ":": "：",
    "!": "！",
    "(": "（",
    ")": "）",
    "?": "？",
}  # mirrors fold these; in a run they are 2 bytes

# What a "?" may have swallowed: the decoder paired a trail byte with the ASCII byte after it.
SWALLOWED = ",\n;:()?!. %0123456789"
HINT_MATCH, HINT_TONELESS, HINT_MISS = 4.0, 2.0, -8.0


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
    """The GBK bytes a character of a garbled run stands for (folded characters unfolded)."""
    if char.isascii():
        if not (char in FOLDED or char.isalnum()):
            return None
        char = FOLDED.get(char) or chr(ord(char) + 0xFEE0)
    try:
        encoded = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return encoded if len(encoded) == 2 else None


def byte_stream(text: str) -> bytes | None:
    """The GBK bytes of a run, or None if some character has no two-byte form."""
    parts = [two_bytes(char) for char in text]
    return None if any(part is None for part in parts) else b"".join(parts)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def pua_starters() -> frozenset[int]:
    """Bytes that, read as a lead, make a private-use pair with some trail: A1–AF, D7, F8–FE."""
    return frozenset(
        lead for lead in LEAD_BYTES if any(decode_pair(lead, t) == "" for t in TRAIL_BYTES)
    )


@lru_cache(maxsize=256)
def pua_partners(trail: int) -> frozenset[int]:
    """Lead bytes that make a private-use pair when read after ``trail``: the pair was dropped.
    Trails with the same partners (most of a private-use row's) share one set: a slot's plan
    keeps what they allow by the set (``gbk_candidates._allowed``), and a dictionary compares
    two equal sets that are two objects member by member (9,000 instructions a lookup)."""
    found = frozenset(lead for lead in LEAD_BYTES if decode_pair(trail, lead) == "")
    return _PARTNERS.setdefault(found, found)


_PARTNERS: dict[frozenset[int], frozenset[int]] = {}  # each set of partners, once


def _marked(char: str) -> frozenset[str]:
    listed = character_readings().get(ord(char))
    return frozenset(listed.split(",")) if listed else frozenset()


def hint_bonus(char: str, hint: str | None) -> float:
    """Readings come from a context-free table and are often wrong: a nudge, not a rule."""
    if hint is None:
        return 0.0
    marked, plain = characters_read_as(hint)
    return _read_bonus(char, marked, plain)


def _read_bonus(char: str, marked: frozenset[str], plain: frozenset[str]) -> float:
    """``hint_bonus`` with the reading's characters (``characters_read_as``) looked up once:
    a hinted slot's ranking asks for each of a row's characters."""
    if char in marked:
        return HINT_MATCH
    return HINT_TONELESS if char in plain else HINT_MISS


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
            for reading in _marked(char):
                by_reading.setdefault(reading, []).append((lead, trail, char))
    chars = [char for row in by_lead.values() for _, char in row]
    lines = "\n".join(chars)  # no phrases
    simplified, traditional = (
        _forms(chars, to_simplified(lines)),
        _forms(chars, to_traditional(lines)),
    )
    return Table(by_lead, by_trail, by_reading, simplified, traditional)


def simplified_char(char: str) -> str:
    """A GBK character's Simplified form (the character itself when it has no other)."""
    return table().simplified.get(char, char)


def _forms(chars: list[str], converted: str) -> dict[str, str]:
    """Each character's converted form, the character itself where conversion keeps it (one
    string, not two, for most of 22,000 characters)."""
    return {
        char: form if form != char else char
        for char, form in zip(chars, converted[::2], strict=True)
    }


def out_of_script(char: str, document_chars: frozenset[str], traditional: bool) -> bool:
    """A character the page writes in the other script elsewhere (还 where it has 還).

    Crude conversions leave some Simplified characters (干, 于, 后) in Traditional pages, so
    only a form the page itself contradicts counts.
    """
    if char in document_chars:
        return False
    gbk = table()
    converted = (gbk.traditional if traditional else gbk.simplified).get(char, char)
    return converted != char and converted in document_chars


@lru_cache(maxsize=1)
def log_counts() -> dict[str, float]:
    """``_log_count`` of every GBK character's Simplified form in the word list."""
    counts, simplified = language_model().char_counts, table().simplified
    return {char: _log_count(counts.get(form, 0)) for char, form in simplified.items()}


def _log_count(count: int) -> float:
    return math.log(count + 1)
