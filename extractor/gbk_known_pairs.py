"""Which of a slot's Simplified forms make a known pair with the character before or after it.

A known pair is one ``Scorer.is_known`` knows (a dictionary word, the end of a longer one, a pair
of running text) or one the page writes: a form in such a pair is scored in full, the others by
their own log-probability alone (``gbk_candidates``). The followers of a character are one string
searched in C (``gbk_words.pair_follow``); compiled, a form is looked for in the few hundred
strings asked again and again only when its bit is set in their table.
"""

from __future__ import annotations

from functools import lru_cache

from extractor.gbk_words import known_follow
from extractor.lm import LanguageModel

_NONE: frozenset[str] = frozenset()
# C loops pay only in the compiled module (whose file is no ``.py``): ``_among_following``
_COMPILED = not __file__.endswith(".py")


@lru_cache(maxsize=4096)
def _paired_before(forms: frozenset[str], after: str, model: LanguageModel) -> frozenset[str]:
    """Which of a slot's ``forms`` make a known pair (``gbk_score.known_pair``) before ``after``,
    found among the characters ``known_follow`` lists after each (no pair made): kept by the forms,
    as slots that differ only in what comes before them (``Slot.dropped_before``, ``written``)
    share them, but not a ``_shared_plan``."""
    return _followed_by(forms, after, known_follow(model))


def _followed_by(forms: frozenset[str], after: str, follow: dict[str, str]) -> frozenset[str]:
    """The ``forms`` after which ``follow`` lists ``after`` (a string searched in C)."""
    return frozenset([form for form in forms if after in follow.get(form, "")])


def _among(simples: frozenset[str], chars: str) -> frozenset[str]:
    """The forms among ``chars`` (a string of characters, often hundreds), found by going
    through the shorter of the two."""
    if len(chars) < len(simples):
        return simples.intersection(chars)
    found = [simple for simple in simples if simple in chars]
    return frozenset(found) if found else _NONE


# ``_bits`` of the characters ``pair_follow`` lists after one, by that string (hashed once,
# found by identity), kept for the process and read in C (``_among_following``); cleared when full
_FOLLOW_BITS: dict[str, bytes] = {}
FOLLOW_BITS_KEPT = 4096


def _among_following(
    simples: frozenset[str], listed: tuple[str, ...], following: str
) -> frozenset[str]:
    """``_among(simples, following)`` for the characters ``pair_follow`` lists after one (the
    same few hundred strings asked again behind thousands of slots): compiled, a form is
    looked for in them only when its bit is set in their table (``_bits``, kept), as one in
    twenty absent forms are (each form's ``in`` read 200 characters through). ``listed``:
    the forms of ``simples`` as a tuple (``Plan.listed``, gone through in C)."""
    if not _COMPILED or len(following) < len(simples):
        return _among(simples, following)
    bits = _FOLLOW_BITS.get(following)
    if bits is None:
        if len(_FOLLOW_BITS) >= FOLLOW_BITS_KEPT:
            _FOLLOW_BITS.clear()
        bits = _FOLLOW_BITS[following] = _bits(following)
    found = _flagged(listed, following, bits)
    return frozenset(found) if found else _NONE


def _bits(chars: str) -> bytes:
    """A table of 4,096 bits with the bit of each character of ``chars`` set (by the last
    twelve bits of its code point)."""
    table = bytearray(512)
    for char in chars:
        point = ord(char) & 4095
        table[point >> 3] |= 1 << (point & 7)
    return bytes(table)


def _flagged(forms: tuple[str, ...], chars: str, bits: bytes) -> list[str]:
    """The ``forms`` among ``chars`` (``bits``: their ``_bits``), each looked for only when
    its bit is set."""
    found = []
    for simple in forms:
        point = ord(simple) & 4095
        if bits[point >> 3] >> (point & 7) & 1 and simple in chars:
            found.append(simple)
    return found


def _paired_after(
    paired: frozenset[str], in_document: frozenset[str], previous: str, document: dict[str, int]
) -> frozenset[str]:
    """The forms that make a known pair after ``previous`` (``paired``: ``_among_following``'s)
    with those that make a pair of the page after it (of the forms it has, ``in_document``)."""
    found = [simple for simple in in_document if previous + simple in document]
    return paired.union(found) if found else paired
