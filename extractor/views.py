"""A matching view of the text: Simplified script, ASCII-width punctuation, same length.

Rules and lexicons are written once, in Simplified with ASCII punctuation, and matched against
this view; because the view has exactly one character per text character, a match's offsets are
offsets into the text itself. The text is never folded: only the view is.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import opencc
from rapidfuzz.distance import Hamming

# Full-width forms U+FF01–U+FF5E fold to ASCII; the ideographic space to a space. Chinese
# enumeration comma 、 and full stop 。 have no ASCII twin and stay.
_WIDTH_FOLD = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD["\u3000"] = " "
_FOLDABLE = re.compile("[\u3000\uff01-\uff5e]")
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
    what comparing the characters one by one in Python took 0.4 ms a page for."""
    traditional_only = Hamming.distance(text, to_simplified(text))
    if not traditional_only:
        return False  # nothing to weigh: the Traditional view, the dearer one, is not needed
    return traditional_only > Hamming.distance(text, to_traditional(text))


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
    """OpenCC's Simplified-to-Traditional character table (every form of each character) as
    text lines: ``dictionary/STCharacters.txt`` beside the module when it is there, else dumped
    from the compiled ``STCharacters.ocd2`` by the ``opencc_dict`` tool the wheel ships."""
    package = Path(opencc.__file__).parent
    plain = package / "dictionary" / "STCharacters.txt"
    if plain.is_file():
        return plain.read_text(encoding="utf-8").splitlines()
    compiled = package / "clib" / "share" / "opencc" / "STCharacters.ocd2"
    tool = package / "clib" / "bin" / "opencc_dict"
    if not (compiled.is_file() and tool.is_file()):
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "STCharacters.txt"
        command = [str(tool), "-i", str(compiled), "-o", str(target), "-f", "ocd2", "-t", "text"]
        done = subprocess.run(command, capture_output=True, check=False)
        if done.returncode != 0 or not target.is_file():
            return None
        return target.read_text(encoding="utf-8").splitlines()


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
        return _aligned(_to_simplified(), text)
    convert = _to_simplified().convert
    lines = text.split("\n")
    converted = "\n".join([_converted_line(x) if len(x) <= _LINE else convert(x) for x in lines])
    return converted if len(converted) == len(text) else _aligned(_to_simplified(), text)


@lru_cache(maxsize=8192)
def _converted_line(line: str) -> str:
    return _to_simplified().convert(line)


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
    times faster than ``str.translate``, which looks every Chinese character up)."""
    for char in set(_FOLDABLE.findall(text)):
        text = text.replace(char, _WIDTH_FOLD[char])
    return text
