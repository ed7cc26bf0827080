"""What a text says when its bytes are re-paired one along, as a shifted run's must be.

Each character of a run shows the trail byte of one original character and the lead byte of the
next, so pairing every character's trail byte with the next one's lead byte gives the originals
back: clean text re-paired is noise, a shifted run re-paired reads as Chinese.
"""

from __future__ import annotations

from functools import lru_cache

from extractor.gbk import decode_pair, simplified_char, table, two_bytes
from extractor.lm import LanguageModel, language_model

DROPPED_TRAIL = 0x80  # a trail byte that cannot lead a pair: dropped, and the run ends


def reads_shifted(text: str, start: int, end: int, model: LanguageModel) -> bool:
    """Whether ``text[start:end]`` re-paired one byte along (each trail byte with the next
    lead byte, which gives back a shifted run's characters) makes a dictionary word of two.
    Clean text seldom does (22 of 3,351 stretches of the corpus between ASCII characters, one
    word each); shifted runs of four characters or more mostly do."""
    shown = text[start:end]  # each pair re-paired at once (a run asks about every pair)
    chars = list(map(_shifted_simplified, map(str.__add__, shown, shown[1:])))
    pairs = [pair for pair in map(str.__add__, chars, chars[1:]) if len(pair) == 2]  # no ""
    return any(map(model.words.__contains__, pairs))


@lru_cache(maxsize=65536)
def _shifted_simplified(pair: str) -> str:
    """The Simplified form of ``shifted_pair`` of a pair of characters, "" if none (one
    string as the key: the runs ask about every pair of their text)."""
    char = shifted_pair(pair[0], pair[1])
    return simplified_char(char) if char else ""


@lru_cache(maxsize=65536)
def shifted_pair(first: str, second: str) -> str | None:
    """The character made of ``first``'s trail byte and ``second``'s lead byte."""
    left, right = two_bytes(first), two_bytes(second)
    return decode_pair(left[1], right[0]) if left and right else None


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
