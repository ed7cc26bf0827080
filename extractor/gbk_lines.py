"""Which lines of a page a shifted-GBK run may touch, and how far a run's plain characters go.

Runs never cross a line (a newline is ASCII), and on clean text nearly every line holds none:
``quiet_lines`` finds those a run can neither start nor end on (no ASCII mark touching Chinese
text, no reading left, no rare character behind a character outside GB2312, no short run
stranded before a mark: ``Stranded``), so ``gbk_runs`` skips them whole; on a busy line
``past_plain`` steps over the characters a run's loop would only step past. Compiled, both read
one byte of flags per character in C (``_line_flags``); interpreted, regular expressions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from extractor.gbk import table, two_bytes
from extractor.gbk_marks import (
    EXTENSION_CHARS,
    RARE_COUNT,
    Hints,
    is_run_char,
    is_suspect,
    line_start,
    stranded,
)
from extractor.gbk_shifted import dropping_leads
from extractor.lm import language_model


def past_plain(text: str, position: int, read: list[int], plain: PlainTest) -> int:
    """The first place from ``position`` on that is no plain run character (``plain``: the
    page's ``plain_test``) or has a reading after it (``read``: the places that do, in order,
    mostly none). A run's loop does nothing at the others but step past them: most characters
    of a busy line are those."""
    end = (
        _plain_end(text, position, plain)  # type: ignore[arg-type]
        if _COMPILED
        else plain.match(text, position).end()  # type: ignore[union-attr]
    )
    if not read:
        return end
    following = bisect_left(read, position)
    return min(end, read[following]) if following < len(read) else end


PlainTest = bytes | re.Pattern[str]


def plain_test() -> PlainTest:
    """What tells plain run characters (``_plain_pattern``): compiled, the ``_line_flags``, read
    by a C loop (``_plain_end``: five characters a call on the benchmark's pages, where a
    pattern's match cost ~3,000 instructions); interpreted, the pattern, repeated."""
    return _line_flags() if _COMPILED else _plain_run()


def _plain_end(text: str, position: int, flags: bytes) -> int:
    """Where the plain run characters from ``position`` on end (``_PLAIN`` in ``flags``)."""
    end, length = position, len(text)
    while end < length:
        code = ord(text[end])
        if code >= _BMP or not flags[code] & _PLAIN:
            break
        end += 1
    return end


@lru_cache(maxsize=1)
def _plain_run() -> re.Pattern[str]:
    """Any number of plain run characters (``_plain_pattern``)."""
    return re.compile(f"{_plain_pattern().pattern}*")


@lru_cache(maxsize=1)
def _plain_pattern() -> re.Pattern[str]:
    """Any run character (``is_run_char``) a run may not end in by a dropped trail byte
    (``may_drop``)."""
    rows = table().by_lead.values()
    chars = (char for row in rows for _, char in row)
    return _one_of(char for char in chars if is_run_char(char) and not may_drop(char))


class Stranded:
    """``stranded``'s answers on one page by the place a run would end, each asked once:
    ``quiet_lines`` asks at every place its pattern finds (two starts may share one), and
    ``gbk_runs`` at each run end before an ASCII byte, some of them the same places. A
    class with a method the wheel calls in C (gbk_runs.pxd): a dict subclass filling itself
    in ``__missing__`` cost a Python-level call on each of a page's places asked."""

    def __init__(self, text: str, surnames: frozenset[str]) -> None:
        self.text, self.surnames, self.model = text, surnames, language_model()
        self.known: dict[int, int | None] = {}

    def at(self, end: int) -> int | None:
        """Where a run stranded before ``end`` starts (``gbk_marks.stranded``), if one is."""
        known = self.known
        if end in known:
            return known[end]
        known[end] = start = stranded(self.text, end, self.model, self.surnames)
        return start


def quiet_lines(text: str, hints: Hints, lone: Stranded) -> dict[int, int]:
    """Lines where no run can be: their start mapped to the next line's. Runs never cross a
    line (a newline is ASCII), so the search may skip them whole; on clean text that is nearly
    every line. A line is busy with an ASCII mark or ``?`` touching Chinese text, a reading
    left, a rare character behind a character outside GB2312 (where runs start), or one or
    two characters stranded after one before a mark or line end (``gbk_marks.stranded``)."""
    busy, ends = _scanned_lines(text) if _COMPILED else _matched_lines(text)
    busy |= {line_start(text, position) for position in hints}
    for line, end in ends:
        if line not in busy and lone.at(end) is not None:
            busy.add(line)
    quiet: dict[int, int] = {}
    start = 0
    for line in text.split("\n"):
        end = start + len(line) + 1
        if start not in busy:
            quiet[start] = end
        start = end
    return quiet


_Marked = tuple[set[int], list[tuple[int, int]]]
"""The lines a mark or a rare character behind a character outside GB2312 makes busy, and the
places ``_stranded_pattern`` finds (each with its line): where ``stranded`` is asked."""


def _matched_lines(text: str) -> _Marked:
    """``_Marked`` by the patterns (interpreted, the faster way)."""
    busy = {line_start(text, match.start()) for match in _MARK.finditer(text)}
    for match in _rare_pattern().finditer(text):
        line = line_start(text, match.start())
        if line not in busy and _extension_pattern().search(text, line, match.start()):
            busy.add(line)
    ends = [
        (line_start(text, match.start()), match.end(1))
        for match in _stranded_pattern().finditer(text)
    ]
    return busy, ends


def _scanned_lines(text: str) -> _Marked:
    """``_Marked`` by one pass over the characters, reading each one's flags (``_line_flags``),
    a busy line passed over: compiled, a C loop costs a few instructions a character where the
    three patterns cost ~270 (``_rare_pattern``'s set of thousands is a bitmap test at each
    character). A mark is found at the character after it, a stranded run at its end."""
    flags = _line_flags()
    busy: set[int] = set()
    ends: list[tuple[int, int]] = []
    line, extended, passing = 0, False, False
    # the characters one, two and three before, on this line (0: none): code points and flags
    first = second = first_flags = second_flags = third_flags = 0
    for place, char in enumerate(text):
        code = ord(char)
        if passing and code != 0x0A:
            continue
        if (  # ``_stranded_pattern``: one or two Han characters after its first, then this one
            code < 0x40
            and 0x4E00 <= first <= 0x9FFF
            and (second_flags & _STRANDS or (0x4E00 <= second <= 0x9FFF and third_flags & _STRANDS))
        ):
            ends.append((line, place))
        if code == 0x0A:
            line, extended, passing = place + 1, False, False
            first = second = first_flags = second_flags = third_flags = 0
            continue
        own = flags[code] if code < _BMP else 0
        if (
            (0x3F <= code <= 0x7E and first >= 0x80)  # ``_MARK``: after a non-ASCII character,
            or (0x3F <= first <= 0x7E and code >= 0x80)  # before one,
            or (code == 0x3F and 0x21 <= first <= 0x7E and second >= 0x80)  # a "?" after one
            or (own & _RARE and extended)  # a rare character behind one outside GB2312
        ):
            busy.add(line)
            passing, first = True, 0  # nothing more to find on this line
            continue
        extended = extended or own & _EXTENSION != 0
        second, first = first, code
        third_flags, second_flags, first_flags = second_flags, first_flags, own
    return busy, ends


_BMP = 0x10000
# compiled, the pass over a page's characters (``_scanned_lines``) beats the patterns' scans;
# interpreted, the scans are the faster (the compiled module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")
# what each BMP character is to ``_scanned_lines``: a suspect two-byte character, one outside
# GB2312 (``_extension_pattern``), one ``_stranded_pattern`` opens with; and to ``past_plain``
# a plain run character (``_plain_pattern``)
_RARE, _EXTENSION, _STRANDS, _PLAIN = 1, 2, 4, 8


@lru_cache(maxsize=1)
def _line_flags() -> bytes:
    """Each BMP character's flags as the patterns match it, one byte each (in C a memory read)."""
    every = "".join(map(chr, range(_BMP)))
    flags = bytearray(_BMP)
    opening = _one_of(EXTENSION_CHARS)  # ``_stranded_pattern``'s first character
    patterns = (
        (_RARE, _rare_pattern()),
        (_EXTENSION, _extension_pattern()),
        (_STRANDS, opening),
        (_PLAIN, _plain_pattern()),
    )
    for flag, pattern in patterns:
        for match in pattern.finditer(every):
            flags[match.start()] |= flag
    return bytes(flags)


# ASCII (``[\x40-\x7e?]``, the range ``[?-~]``) after or before a non-ASCII character, or a
# ``?`` after printable ASCII after one (whose line is that ASCII's: only lines are asked);
# written to open with a character class, which ``re`` scans for quickly (three alternatives
# opening with lookarounds were tried at every position), and one that a digit or a comma
# (most of a page's ASCII) fails: opening with ``[!-~]`` tried 30 times as many places
_MARK = re.compile(r"[?-~](?:(?<=[^\x00-\x7f].)|(?=[^\x00-\x7f])|(?<=[^\x00-\x7f][!-~]\?))")


@lru_cache(maxsize=1)
def _rare_pattern() -> re.Pattern[str]:
    """Any suspect two-byte character."""
    rows = table().by_lead.values()
    return _one_of(char for row in rows for _, char in row if is_suspect(char))


@lru_cache(maxsize=1)
def _extension_pattern() -> re.Pattern[str]:
    """Any character outside GB2312 after which a run may start."""
    rows = table().by_lead.values()
    return _one_of(char for row in rows for trail, char in row if 0x40 <= trail <= 0xA0)


@lru_cache(maxsize=1)
def _stranded_pattern() -> re.Pattern[str]:
    """Where ``gbk_marks.stranded`` may find a run: a character ``after_extension`` accepts
    (``EXTENSION_CHARS``: private-use ones too), one or two Han
    characters, then a mark, digit, space or line end (an ASCII byte below 0x40), whose
    place is group 1's end. Elsewhere it finds none: scanning for every Han character before
    a mark and asking each cost more than the rest of ``quiet_lines``."""
    starts = _one_of(EXTENSION_CHARS)
    return re.compile(f"{starts.pattern}(?=([\u4e00-\u9fff]{{1,2}})[\x00-\x3f])")


def _one_of(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(set(chars)))) + "]")


@lru_cache(maxsize=65536)
def may_drop(char: str) -> bool:
    """Whether a run ending in ``char`` may have lost a trail byte 0x80 (see
    ``gbk_runs._dropped_end``)."""
    encoded = two_bytes(char)
    return encoded is not None and encoded[1] in dropping_leads(RARE_COUNT)
