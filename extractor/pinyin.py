"""Pinyin readings that spam mirrors insert after characters: 節(jié), 學;(dòng), ?shù).

A reading counts only if it is a syllable that pypinyin's dictionary gives some character,
tone-marked or a known neutral-tone syllable; so (一), (1), (試行), (QQ) and (201*年) are never
touched. Readings that follow a garbled character (a lost lead byte shows as ``?``, ``;``, ``{``
or a lone Latin letter between Chinese characters) are removed too, and their reading is kept as
a hint for the mojibake stage. A ``?`` followed by ``reading)`` is the seam of a shifted-GBK run
whose ``(`` was swallowed; its reading is removed and remembered the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.offsets import Splice
from extractor.pinyin_table import character_readings, characters_read_as

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

_LETTERS = "a-zàáèéêìíòóùúüāēěīńňōūǎǐǒǔǘǚǜǹḿếề\u0300\u0301\u0304\u030c"
_LONGEST_READING = 7
# A reading as written: a-z, pypinyin's tone-marked letters and combining tone marks
_READING = re.compile(rf"[{_LETTERS}]{{1,{_LONGEST_READING}}}")
_KIND = "pinyin_annotation"
_GARBLE_MARKS = "?;@[\\]^_`{|}~"  # marks a lost byte leaves, besides lone letters
_TOO_AMBIGUOUS = frozenset({"a", "e", "o", "n", "m", "ng", "hm", "hng"})
# compiled, ``_last`` and ``_next`` are loops in C; interpreted, ``str.rfind`` and ``str.find``
# are the faster (the compiled module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")
_NEAR = 16  # ``_next`` reads this many characters in C, then leaves the rest to ``str.find``


@dataclass(frozen=True, slots=True)
class ReadingHint:
    """A reading that stood after a garbled character: evidence for the mojibake stage."""

    position: int  # offset of the garbled character (the repair stage turns it into a raw one)
    reading: str


@lru_cache(maxsize=1)
def valid_readings() -> frozenset[str]:
    """Every reading pypinyin knows, with tones, plus the neutral-tone ones it lists (each
    written as ``_READING``: ``find_annotations`` reads no other)."""
    readings: set[str] = set()
    for value in character_readings().values():
        readings.update(value.split(","))
    return frozenset(r for r in readings if r not in _TOO_AMBIGUOUS and _READING.fullmatch(r))


@lru_cache(maxsize=1)
def _fitting() -> dict[str, frozenset[str]]:
    """Valid reading -> the characters it is the reading of, tones aside (``fits_reading`` as a
    set), for the readings met so far: a plain dict, one C look-up a reading (pages carry
    hundreds; a dict subclass filling itself cost a Python-level subscript)."""
    return {}


@lru_cache(maxsize=1)
def _owned() -> dict[str, bool]:
    """Chinese characters, each with `(` and a reading of its own after it (``_is_own``), as
    pages write them (行(xíng)), for those met so far: one look-up of one string decides the
    usual annotation (the reading and the character asked about apart, a string made of the
    character and a set's look-up more, cost ~460 instructions more). Bounded by the table's
    pairs: an annotation that is no character's own is not kept."""
    return {}


def _is_own(own: str, owned: dict[str, bool]) -> bool:
    """Whether ``own``, a Chinese character, `(` and what stands before the next `)`, is the
    character and a valid reading of its own (``fits_reading``), kept in ``owned`` if so."""
    char, reading = own[0], own[2:]
    if "\uff00" <= char <= "\uffef" or reading not in valid_readings():
        return False
    fitting_readers = _fitting()
    fitting = fitting_readers.get(reading)
    if fitting is None:
        fitting = fitting_readers[reading] = characters_read_as(reading)[1]
    if char not in fitting:
        return False
    owned[own] = True
    return True


def _is_cjk(char: str) -> bool:
    return char >= "\u2e80" and not ("\uff00" <= char <= "\uffef")


def _after_garbled(text: str, position: int, before_at: int, annotation_end: int) -> bool:
    """Is ``text[position]`` a mark a lost byte leaves: ``?`` ``;`` ``{`` or a lone letter?

    A lone letter is one that is not part of a Latin word or code and touches Chinese text;
    ``before_at`` is the character before it, the reading between them skipped (產(chǎn)I(yè)).
    """
    char = text[position]
    if char in _GARBLE_MARKS:
        return True
    if not (char.isascii() and char.isalpha()):
        return False
    before = text[before_at] if before_at >= 0 else ""
    after = text[annotation_end] if annotation_end < len(text) else ""
    if before.isascii() and before.isalpha():
        # a full-width letter a shifted pair made, folded, then the trail: 醫療kU(xiǎn)
        prior = text[before_at - 1] if before_at > 0 else ""
        return (_is_cjk(prior) or prior == ")") and _is_cjk(after)  # ) of the Han's reading
    seam = before == "?"  # after a seam ?reading): a run starts there (計?miáo)F(xiàn):)
    return seam or _is_cjk(before) or _is_cjk(after) or (before.isdigit() and after.isdigit())


def find_annotations(text: str) -> tuple[list[Splice], list[ReadingHint]]:
    """Splices that delete every pinyin annotation, and the hints left by garbled ones.

    Besides readings after garble marks, a reading that is not the character's own (熱(róng))
    or a second reading straight after one (危(wēi)(fáng)) belongs to a character the damage
    took: it is kept as a hint at the character it follows. The usual reading, a Chinese
    character's own, is decided inline (pages carry hundreds; 99.8% of those on simulated pages);
    ``_unusual`` decides the rest.
    """
    readings, owned = valid_readings(), _owned()
    splices: list[Splice] = []
    hints: list[ReadingHint] = []
    anchor_of_last = last_end = -1
    # An annotation is an opener (`(`, or a seam's `?`), a reading and `)`; none holds another's
    # `(`, `?` or `)`. So each is found from its `)`: the nearest opener at most a reading's
    # length before it, with a valid reading between them (all written as ``_READING``, so
    # what a scan for opener, ``_READING`` and `)` found; that scan, ``re``'s split of the
    # text, made three strings an annotation and a list of them all).
    close = _next(text, ")", 0) if _COMPILED else text.find(")")
    while close != -1:
        end = close + 1
        reach = end - _LONGEST_READING - 2 if end > _LONGEST_READING + 2 else 0
        start = _last(text, "(", reach, close) if _COMPILED else text.rfind("(", reach, close)
        close = _next(text, ")", end) if _COMPILED else text.find(")", end)
        char = text[start - 1] if start > 0 and start != last_end else "\0"
        if char >= "\u2e80":  # Chinese, or a full-width form (``_is_own`` tells them apart)
            own = text[start - 1 : end - 1]  # the character, `(` and the reading
            if own in owned or _is_own(own, owned):
                splices.append(  # interpreted, a call more cost ~800 instructions
                    _own_splice(start, end)
                    if cython.compiled
                    else _new_tuple(Splice, (start, end, *_OWN_FIELDS))
                )
                anchor_of_last, last_end = start - 1, end
                continue
        reading = text[start + 1 : end - 1] if start != -1 else ""
        if reading not in readings:
            start = text.rfind("?", reach if reach > start else start + 1, end - 1)  # a seam?
            if start == -1:
                continue
            reading = text[start + 1 : end - 1]
            if reading not in readings:
                continue
        opener = text[start]
        if opener == "(":
            if start == 0:
                continue
            at = start
        else:
            at = start + 1  # the seam's ``?`` stays: the reading marks the character it lost
        follows_reading = last_end == at
        anchor = anchor_of_last if follows_reading else at - 1
        before = _before(anchor, last_end, anchor_of_last)
        found = _unusual(text, (at, end, reading), anchor, before, follows_reading)
        if found is not None:
            splice, hint = found
            splices.append(splice)
            hints.append(hint)
            anchor_of_last, last_end = anchor, end
    return splices, hints


def _last(text: str, char: str, start: int, end: int) -> int:
    """``text.rfind(char, start, end)`` for one character and ``0 <= start <= end <=
    len(text)``, read back from ``end``: the wheel runs it in C over the few characters before
    a `)` (the method, given C integers, first made a Python int of each: about 440
    instructions a reading)."""
    at = end - 1
    while at >= start:
        if text[at] == char:
            return at
        at -= 1
    return -1


def _next(text: str, char: str, start: int) -> int:
    """``text.find(char, start)`` for one character and ``0 <= start <= len(text)``: the wheel
    reads the first ``_NEAR`` characters in C (the next `)` stands ~6 on where pages are
    annotated, and the method, given a C integer, first made a Python int of it: ~250
    instructions a reading), leaving a longer way to the method's fast search."""
    near = start + _NEAR if start + _NEAR < len(text) else len(text)
    at = start
    while at < near:
        if text[at] == char:
            return at
        at += 1
    return text.find(char, near)


_OWN = "pinyin.after_character"
_OWN_FIELDS = ("", _KIND, _OWN, None)  # the splice of a character's own reading, after its span


def _own_splice(start: int, end: int) -> Splice:
    """``Splice(start, end, "", _KIND, _OWN)``, the splice of a character's own reading (pages
    carry hundreds), allocated as ``tuple.__new__`` allocates a ``Splice`` and filled in C (that
    call, through its Python wrapper, cost ~1,300 instructions a reading). Compiled only:
    interpreted, ``tuple.__new__`` spares ``Splice``'s own ``__new__``, a Python call."""
    splice = PyType_GenericAlloc(Splice, 6)
    _put(splice, 0, start)
    _put(splice, 1, end)
    for index in range(4):
        _put(splice, index + 2, _OWN_FIELDS[index])
    return splice


def _put(fields: tuple[object, ...], index: int, item: object) -> None:
    """Item ``index`` of a tuple just allocated, set in C (``PyTuple_SET_ITEM`` takes over a
    reference: one more is counted first). Compiled only: to Python a tuple is immutable."""
    Py_INCREF(item)
    PyTuple_SET_ITEM(fields, index, item)


_new_tuple = tuple.__new__
if not cython.compiled:  # CPython's own functions, cimported in pinyin.pxd; compiled only
    PyType_GenericAlloc = Py_INCREF = PyTuple_SET_ITEM = None


def _unusual(
    text: str,
    annotation: tuple[int, int, str],
    anchor: int,
    before: int,
    follows_reading: bool,
) -> tuple[Splice, ReadingHint] | None:
    """The splice and hint of a reading that is not its Chinese character's own, or None when
    it is no annotation at all; ``annotation`` is its span and reading, ``anchor`` the character
    it belongs to, ``before`` the one before that (``_before``), ``follows_reading`` whether it
    comes right after another."""
    (start, end, reading), char = annotation, text[anchor]
    if text[start] != "(":
        note = f"reading {reading} marks a lost character"
        rule = "pinyin.seam"
    elif char.isascii() and _after_garbled(text, anchor, before, end):
        note = f"reading {reading} follows a garbled character"
        rule = "pinyin.after_garbled"
    elif _is_cjk(char) or char in "(（" or follows_reading:
        note = f"reading {reading} is not {char}'s own: a lost character's"
        rule = "pinyin.stray"
    else:
        return None
    return Splice(start, end, "", _KIND, rule, note), ReadingHint(anchor, reading)


def _before(position: int, last_end: int, anchor_of_last: int) -> int:
    """Where the character before ``position`` stands, skipping a reading that ends there."""
    return anchor_of_last if last_end == position else position - 1
