"""What a text says when its bytes are re-paired one along, as a shifted run's must be.

Each character of a run shows the trail byte of one original character and the lead byte of the
next, so pairing every character's trail byte with the next one's lead byte gives the originals
back: clean text re-paired is noise, a shifted run re-paired reads as Chinese.
"""

from __future__ import annotations

from array import array
from functools import lru_cache

from extractor.gbk import decode_pair, table, two_bytes
from extractor.lm import LanguageModel, language_model

DROPPED_TRAIL = 0x80  # a trail byte that cannot lead a pair: dropped, and the run ends
_NO_PAIR = 1  # a character's code (``_code_at``) when it has no two bytes; 0: not asked yet
_BMP = 0x10000
# every character of the Basic Multilingual Plane by its code point: its two GBK bytes as one
# number (lead byte high, ``gbk.two_bytes``), filled in as the pages ask (``_code_at``)
_CODES = array("I", bytes(4 * _BMP))


def reads_shifted(text: str, start: int, end: int, model: LanguageModel) -> bool:
    """Whether ``text[start:end]`` re-paired one byte along (each trail byte with the next
    lead byte, which gives back a shifted run's characters) makes a dictionary word of two.
    Clean text seldom does (22 of 3,351 stretches of the corpus between ASCII characters, one
    word each); shifted runs of four characters or more mostly do."""
    repaired, words = _repaired(), model.words
    left, previous = _code_at(text, start) if start < end else _NO_PAIR, ""
    for position in range(start + 1, end):  # one pass, done at the first word
        right = _code_at(text, position)
        # "" where the pair is private-use or invalid, as it is where a character has no two
        # bytes: _NO_PAIR re-pairs as a lead byte 0x01 or a trail byte 0x00
        char = repaired[(left & 0xFF) << 8 | right >> 8]
        if previous and char and previous + char in words:
            return True
        left, previous = right, char
    return False


class ShiftedPage:
    """``reads_shifted`` on one page, with the stretch of places known to make no word (the
    places ``reads_shifted`` tests: each with the two before it, re-paired), which it does
    not read again: a run's ends ask about stretches that overlap (``gbk_runs``: up to
    MAX_RUN characters back at each end, eight before each stretch end), and nearly all of
    them make none (12 of 1,662 asks on the benchmark's pages)."""

    def __init__(self, text: str, model: LanguageModel) -> None:
        self.text, self.model = text, model
        self.low = self.high = 0  # the places from low up to high make no word

    def reads(self, start: int, end: int) -> bool:
        """``reads_shifted(text, start, end, model)``: the places from ``start + 2`` up to
        ``end`` tested, those known skipped."""
        first, low, high = start + 2, self.low, self.high
        if first >= end:
            return False
        text, model = self.text, self.model
        if first > high or end < low:  # apart from the known stretch: it starts afresh
            found = reads_shifted(text, start, end, model)
            if not found:
                self.low, self.high = first, end
            return found
        if first < low and reads_shifted(text, start, low, model):
            return True
        if end > high and reads_shifted(text, high - 2, end, model):
            return True
        self.low, self.high = min(first, low), max(end, high)
        return False


def has_two_bytes(char: str) -> bool:
    """Whether ``gbk.two_bytes`` finds two bytes for ``char`` (read from the table)."""
    return _code_at(char, 0) != _NO_PAIR


def _code_at(text: str, position: int) -> int:
    """``text[position]``'s two GBK bytes as one number (lead byte high), ``_NO_PAIR`` for
    none: read from ``_CODES`` (a run asks about the same few hundred characters all along,
    and ``two_bytes``' cache cost a call each time)."""
    point = ord(text[position])
    code = _CODES[point] if point < _BMP else _NO_PAIR
    if not code:
        pair = two_bytes(text[position])
        code = _CODES[point] = pair[0] << 8 | pair[1] if pair is not None else _NO_PAIR
    return code


@lru_cache(maxsize=1)
def _repaired() -> list[str]:
    """The Simplified form of every GBK character by its two bytes as one number (lead byte
    high), "" for a pair that is none: a trail byte and the next lead byte are looked up at
    once, a run asks about every pair of its text (a cache of re-paired characters missed on
    most of a page's pairs)."""
    gbk = table()
    found = [""] * _BMP
    for lead, row in gbk.by_lead.items():
        for trail, char in row:
            found[lead << 8 | trail] = gbk.simplified[char]
    return found


@lru_cache(maxsize=4)
def dropping_leads(rare: int) -> frozenset[int]:
    """Lead bytes that make a character with the trail byte 0x80 seen at least ``rare`` times
    in jieba's dictionary (個, 還, 線, 穩)."""
    model, simplified = language_model(), table().simplified
    return frozenset(
        lead
        for lead in range(0x81, 0xFF)
        if (char := decode_pair(lead, DROPPED_TRAIL)) and not model.is_rare(simplified[char], rare)
    )
