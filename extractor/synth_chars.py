"""The simulator's building blocks: page pieces, rates, character tables, text-level damage.

The crude s2t conversion turns the characters that have one Traditional form only
(``views.single_forms``); only if OpenCC's table cannot be read is each character converted alone
(and then ambiguous ones such as 干 are converted too).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import opencc

from extractor.views import is_traditional, single_forms


@dataclass(frozen=True)
class Rates:
    """Probabilities of the random choices; the defaults are what real pages suggest."""

    pinyin_rate: float = 0.6  # a reading after a Han character
    seam_rate: float = 0.8  # `?reading)` at the seam of a shifted run, when one can form
    question_rate: float = 0.5  # an invalid byte pair gives `?` (else the lead byte is dropped)
    mask_rate: float = 0.8  # a year before 年 is masked
    mask_two_rate: float = 0.2  # a masked year loses its last two digits, not one
    residue_rate: float = 0.1  # a line gets `</p>`


RATES = Rates()


class Piece(NamedTuple):
    text: str
    index: int = -1  # offset of the truth character this piece shows intact, else -1
    tag: str = ""  # the damage that made an inserted piece


# ---- character tables -------------------------------------------------------------------------


def is_han(char: str) -> bool:
    code = ord(char) if len(char) == 1 else -1
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


@cache
def reading(char: str) -> str | None:
    """The site's fixed, context-free reading: pypinyin's first one, tone-marked."""
    if not is_han(char):
        return None
    from pypinyin import Style, pinyin  # here: extraction never loads pypinyin's phrases

    found = pinyin(char, style=Style.TONE, heteronym=False)[0][0]
    return found if found != char and found.isalpha() else None


@lru_cache(maxsize=1)
def _s2t_table() -> dict[int, str]:
    """Simplified → Traditional for characters with exactly one Traditional form."""
    forms = single_forms()
    if forms is None:
        return _SingleCharS2T()
    return {ord(simplified): form for simplified, form in forms.items()}


class _SingleCharS2T(dict[int, str]):
    """Fallback without the table: each character converted alone by OpenCC."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        converted = _s2t_converter().convert(char) if is_han(char) else char
        self[code] = converted if len(converted) == 1 else char
        return self[code]


@lru_cache(maxsize=1)
def _s2t_converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


_WIDTH_FOLD = {ord(c): chr(ord(c) - 0xFEE0) for c in "，：；（）！？"}
_WIDTH_FOLD.update({code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)})
_WIDTH_FOLD.update({code: chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)})
_WIDTH_FOLD.update({code: chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)})


@cache
def gbk_bytes(char: str) -> bytes:
    return char.encode("gb18030")


# ---- damage to the document text (kept in the truth) ------------------------------------------


def convert_s2t(text: str) -> str:
    return text if is_traditional(text) else text.translate(_s2t_table())


def fold_width(text: str) -> str:
    return text.translate(_WIDTH_FOLD)


_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?=年)")


def mask_years(text: str, rng: random.Random, rates: Rates) -> str:
    def mask(match: re.Match[str]) -> str:
        year = match.group()
        if rng.random() >= rates.mask_rate:
            return year
        if rng.random() < rates.mask_two_rate:
            return year[:2] + rng.choice(("**", "xx"))
        return year[:3] + "*"

    return _YEAR.sub(mask, text)
