"""A matching view of the text: Simplified script, ASCII-width punctuation, same length.

Rules and lexicons are written once, in Simplified with ASCII punctuation, and matched against
this view; because the view has exactly one character per text character, a match's offsets are
offsets into the text itself. The text is never folded: only the view is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import opencc
from rapidfuzz.distance import Hamming

from extractor.opencc_dictionaries import config_dictionaries, dictionary_lines

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

# Full-width forms U+FF01–U+FF5E fold to ASCII; the ideographic space to a space. Chinese
# enumeration comma 、 and full stop 。 have no ASCII twin and stay.
_WIDTH_FOLD = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD["\u3000"] = " "
_FOLDABLE = re.compile("[\u3000\uff01-\uff5e]")
# compiled, loops over a text's characters (``_by_character``, ``_held_forms``) beat calls into
# OpenCC and regular expressions; interpreted, those are the faster (the compiled module's file
# is no ``.py``)
_COMPILED = not __file__.endswith(".py")
_SHORT = 64  # views of strings up to this long are cached: names and titles recur
_PAGE = 100_000  # the last few views of page-sized texts are kept: stages ask for them again
# a page's lines up to this long are kept as converted (8,192 of them: at most ~30 MB; a page
# written as one huge line would otherwise stay in memory 8,192 times over)
_LINE = 1_000


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Traditional script with one output character per input character."""
    return _aligned(_to_traditional(), text)


def is_traditional(text: str) -> bool:
    """More characters that only Traditional script uses than ones only Simplified uses.

    Counted as Hamming distances (the views are as long as the text): rapidfuzz counts in C
    what comparing the characters one by one in Python took 0.4 ms a page for. The
    Traditional view, the dearer one, is made only when the characters s2t could turn at
    most (``_s2t_turns_at_most``, a loop in C: interpreted, OpenCC's conversion is the
    faster) are not already fewer than those t2s turned."""
    traditional_only = Hamming.distance(text, to_simplified(text))
    if not traditional_only:
        return False  # nothing to weigh
    if _COMPILED and _s2t_turns_at_most(text) < traditional_only:
        return True  # every page of the benchmark's Traditional ones
    return traditional_only > Hamming.distance(text, to_traditional(text))


def _s2t_turns_at_most(text: str) -> int:
    """A bound on the characters OpenCC's s2t turns in ``text``: those its dictionaries may
    turn (``_s2t_turnable``), and every character beyond the BMP. The text's length (no
    bound) when the dictionaries cannot be read or the text holds a surrogate, which OpenCC
    refuses: converting it raises as it did."""
    table = _s2t_turnable()
    size = len(text)
    if table is None:
        return size
    turnable = 0
    for char in text:
        code = ord(char)
        if code >= len(table):
            turnable += 1
        elif 0xD800 <= code < 0xE000:
            return size
        elif ord(table[code]):
            turnable += 1
    return turnable


@lru_cache(maxsize=1)
def _s2t_turnable() -> str | None:
    """Which BMP characters s2t may turn, one character a code point (``\\1`` where it may): a
    character its normalisation turns, or one that some key of its dictionaries holds where
    a value of that key has another character. Conversion keeps every length (no value is
    longer or shorter than its key), so each character of the Traditional view stands where
    its source did, and one that differs from it was turned by a key that holds it there.
    None when a dictionary cannot be read, a value changes a length, or the configuration is
    not of the one-step kind this reads."""
    found = config_dictionaries("s2t")
    if found is None:
        return None
    normalising, converting = found
    turnable = bytearray(0x10000)
    for name in normalising + converting:
        lines = dictionary_lines(name)
        if lines is None:
            return None
        for line in lines:
            key, _, listed = line.partition("\t")
            for value in listed.split():
                if len(value) != len(key):
                    return None
                for char, form in zip(key, value, strict=True):
                    if char != form and ord(char) < len(turnable):
                        turnable[ord(char)] = 1
    return turnable.decode("latin-1")


@lru_cache(maxsize=1)
def single_forms() -> dict[str, str] | None:
    """Simplified characters that have one Traditional form only, with that form (业 → 業, not
    发 → 發 or 髮): any conversion to Traditional turns them, however crude. From OpenCC's
    character table; None when it cannot be read."""
    lines = _st_characters()
    if lines is None:
        return None
    forms: dict[str, str] = {}
    for line in lines:
        simplified, _, listed = line.partition("\t")
        candidates = listed.split()
        if len(simplified) == 1 and len(candidates) == 1 and candidates[0] != simplified:
            forms[simplified] = candidates[0]
    return forms


def _st_characters() -> list[str] | None:
    """OpenCC's Simplified-to-Traditional character table (every form of each character)."""
    return dictionary_lines("STCharacters")


# what a character's place in ``_Characters``' table says t2s may do where it stands
_TURNS = 1  # it turns alone into another character (its place in ``_Characters``' forms)
_STARTS = 2  # a phrase may start with it
_OPENCC = 4  # only OpenCC converts it right: normalised first, or turned into more than one


_Characters = tuple[bytes, str, frozenset[str]]
"""What OpenCC's t2s does to a text in which none of its phrases starts: each character turns
as it does alone. A table of each BMP character's flags (one byte each, in C a read of the
buffer: a string's read asks its kind each time), one of the forms of those that turn (at
their code points), and the first two characters of each phrase."""


@lru_cache(maxsize=1)
def _t2s_characters() -> _Characters | None:
    """Read from the dictionaries t2s's configuration names; None when one cannot be read or
    the configuration is not of the one-step kind this reads."""
    found = config_dictionaries("t2s")
    if found is None:
        return None
    normalising, converting = found
    singles, phrase_starts, normalised = [], set(), set()
    for name in normalising + converting:
        lines = dictionary_lines(name)
        if lines is None:
            return None
        for line in lines:
            key = line.partition("\t")[0]
            if len(key) > 1:
                phrase_starts.add(key[:2])
            elif key:
                singles.append(key)
                if name in normalising:
                    normalised.add(key)
    # each alone, in one call: no phrase holds a line break (``_simplified``)
    converted = _to_simplified().convert("\n".join(singles)).split("\n")
    if len(converted) != len(singles):
        return None
    flags, forms = bytearray(0x10000), ["\0"] * 0x10000
    for char, form in zip(singles, converted, strict=True):
        if form == char or ord(char) >= len(flags):
            continue
        if char in normalised or len(form) != 1:
            flags[ord(char)] |= _OPENCC
        else:
            flags[ord(char)] |= _TURNS
            forms[ord(char)] = form
    for pair in phrase_starts:
        if ord(pair[0]) < len(flags):
            flags[ord(pair[0])] |= _STARTS
    return bytes(flags), "".join(forms), frozenset(phrase_starts)


def _by_character(text: str) -> str | None:
    """OpenCC's t2s conversion of a text in which none of its phrases starts, made character by
    character: a call into OpenCC costs what converting fifty characters does, and most texts
    converted alone are a line or the few characters around a damaged run, most of them
    Simplified already; OpenCC's own conversion, ~370 instructions a character, costs more
    even on a long line of Traditional script. None for any other text, and when OpenCC's
    dictionaries cannot be read."""
    found = _t2s_characters()
    if found is None:
        return None
    table, forms, phrase_starts = found
    turns = False
    for place, char in enumerate(text):  # in C, the text's buffer read in place
        code = ord(char)
        flags = table[code] if code < len(table) else _OPENCC
        if not flags:
            continue
        if flags & _OPENCC:
            return None
        if flags & _STARTS and text[place : place + 2] in phrase_starts:
            return None
        if flags & _TURNS:
            turns = True
    return _turned(text, table, forms) if turns else text


def _turned(text: str, table: bytes, forms: str) -> str:
    """``text`` with each character that turns alone (``_TURNS``) in its form, written over a
    copy of its code points (in C, CPython's buffer of them): no string made a character (a
    look-up by a one-character string, then slices joined, cost ~1,600 instructions a
    character turned; an encoding to UTF-32 and back, ~8,000 a text)."""
    points = PyUnicode_AsUCS4Copy(text)
    try:
        for place, char in enumerate(text):
            code = ord(char)
            if code < len(table) and table[code] & _TURNS:
                points[place] = ord(forms[code])
        return PyUnicode_FromKindAndData(_FOUR_BYTES, points, len(text))
    finally:
        PyMem_Free(points)


_FOUR_BYTES = 4  # CPython's PyUnicode_4BYTE_KIND: a buffer of code points
if not cython.compiled:  # CPython's own functions (views.pxd), over a list of code points

    def PyUnicode_AsUCS4Copy(text: str) -> list[int]:
        return [ord(char) for char in text]

    def PyUnicode_FromKindAndData(kind: int, points: list[int], size: int) -> str:
        return "".join(map(chr, points[:size]))

    def PyMem_Free(points: list[int]) -> None:
        """Nothing to free: the list is collected."""


def _kept_by_size(convert: Callable[[str], str]) -> Callable[[str], str]:
    """``convert`` with its answers kept: the last 8,192 short strings (names, titles, the
    few characters around a run) and the last few pages, which stages ask for again."""
    short, page = lru_cache(maxsize=8192)(convert), lru_cache(maxsize=4)(convert)

    def kept(text: str) -> str:
        if len(text) <= _SHORT:
            return short(text)
        return page(text) if len(text) <= _PAGE else convert(text)

    return kept


def to_simplified(text: str) -> str:
    """Simplified script with one output character per input character (kept: the
    shifted-GBK stage converts a page twice and the same few characters around each run
    once per hypothesis)."""
    return _kept_simplified(text)


def _simplified(text: str) -> str:
    """Converted line by line, each line's answer kept: a page is converted again after a
    repair round and once more for each document, and most of its lines come back unchanged.
    OpenCC's phrases never hold a line break, so the lines convert as the whole text does."""
    if "\n" not in text:
        found = _by_character(text) if _COMPILED else None
        return _aligned(_to_simplified(), text) if found is None else found
    convert = _to_simplified().convert
    lines = text.split("\n")
    converted = "\n".join([_converted_line(x) if len(x) <= _LINE else convert(x) for x in lines])
    return converted if len(converted) == len(text) else _aligned(_to_simplified(), text)


@lru_cache(maxsize=8192)
def _converted_line(line: str) -> str:
    found = _by_character(line) if _COMPILED else None
    return _to_simplified().convert(line) if found is None else found


_kept_simplified = _kept_by_size(_simplified)


def _aligned(converter: opencc.OpenCC, text: str) -> str:
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length somewhere: convert line by line, then char by char.
    lines = text.splitlines(keepends=True)
    return "".join(_convert_line(converter, line) for line in lines)


def _convert_line(converter: opencc.OpenCC, line: str) -> str:
    converted = converter.convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(_single(converter, char) for char in line)


def _single(converter: opencc.OpenCC, char: str) -> str:
    converted = converter.convert(char)
    return converted if len(converted) == 1 else char


def matching_view(text: str) -> str:
    """Simplified, width-folded twin of ``text``, aligned character for character."""
    return _kept_view(text)


def _view(text: str) -> str:
    return _width_folded(to_simplified(text))


_kept_view = _kept_by_size(_view)


def _width_folded(text: str) -> str:
    """Full-width forms folded to ASCII: one ``str.replace`` per form the text holds (ten
    times faster than ``str.translate``, which looks every Chinese character up), the forms
    found in one pass over the text (in C, compiled: a regular expression's list of every
    comma of a page took twice as long)."""
    for char in _held_forms(text) if _COMPILED else set(_FOLDABLE.findall(text)):
        text = text.replace(char, _WIDTH_FOLD[char])
    return text


def _held_forms(text: str) -> set[str]:
    """The full-width forms (and ideographic spaces) a text holds, read character by character."""
    held = set()
    for char in text:
        if "\uff01" <= char <= "\uff5e" or char == "\u3000":
            held.add(char)
    return held
