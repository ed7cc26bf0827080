"""What a text says when its bytes are re-paired one along, as a shifted run's must be.

Each character of a run shows the trail byte of one original character and the lead byte of the
next, so pairing every character's trail byte with the next one's lead byte gives the originals
back: clean text re-paired is noise, a shifted run re-paired reads as Chinese.
"""

from __future__ import annotations

from functools import lru_cache

from extractor.gbk import decode_pair, table, two_bytes
from extractor.lm import LanguageModel, language_model

DROPPED_TRAIL = 0x80  # a trail byte that cannot lead a pair: dropped, and the run ends


def reads_shifted(text: str, start: int, end: int, model: LanguageModel) -> bool:
    """Whether ``text[start:end]`` re-paired one byte along (each trail byte with the next
    lead byte, which gives back a shifted run's characters) makes a dictionary word of two.
    Clean text seldom does (22 of 3,351 stretches of the corpus between ASCII characters, one
    word each); shifted runs of four characters or more mostly do."""
    repaired, words = _repaired(), model.words
    left, previous = two_bytes(text[start]) if start < end else None, ""
    for position in range(start + 1, end):  # one pass, done at the first word
        right = two_bytes(text[position])
        # "" where a character has no two bytes, or its pair is private-use or invalid
        char = repaired.get(left[1] << 8 | right[0], "") if left and right else ""
        if previous and char and previous + char in words:
            return True
        left, previous = right, char
    return False


@lru_cache(maxsize=1)
def _repaired() -> dict[int, str]:
    """The Simplified form of every GBK character by its two bytes as one number (lead byte
    high): a trail byte and the next lead byte are looked up at once, a run asks about every
    pair of its text (a cache of re-paired characters missed on most of a page's pairs)."""
    gbk = table()
    return {
        lead << 8 | trail: gbk.simplified[char]
        for lead, row in gbk.by_lead.items()
        for trail, char in row
    }


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
