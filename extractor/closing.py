"""The closing block: who signed the document and when; and what kind of document it is.

Documents of the genre end with the signing unit and the date, on one line
(``畢節地區審計局二0一一年十二月九日``) or on two or three (``溪源县审计局`` / ``2019年12月20日``,
with a second unit under the first when two sign). The issuer is the first unit; a signature
(``述职人：欧阳振华``) or a placeholder unit (某某乡人民政府, XX镇) gives no issuer. The date is
read as written: Arabic or Chinese numerals, an ASCII 0 for 〇, a masked year (201*) kept
masked, and a Chinese year that lost its 〇 (二一一年) read as the one plausible year and noted.

Everything is matched on the matching view (Simplified, ASCII punctuation), so Traditional and
width-folded pages read the same; offsets are offsets into the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.dates import Found, number, read_year

_YEAR = r"[12]\d{3}|[12][\d*xX×]{3}|[一二][〇○零0O一二三四五六七八九]{2,3}"
_DATE_AT_END = regex.compile(
    rf"""(?x)
    (?:(?P<y>{_YEAR})\h*年\h*
       (?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\h*月
       (?:\h*(?P<d>[0-3]?\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\h*[日号])?
    | (?P<y2>[12]\d{{3}})[.\-/](?P<m2>1[0-2]|0?[1-9])[.\-/](?P<d2>[0-3]?\d)
    )\h*(?:\((?:盖章|印章|章)\))?\h*$""",
    regex.MULTILINE,
)
_PLACEHOLDER = regex.compile(
    r"某某|某[省市县区州乡镇村街局委办校院]|[xX×]{2,}|\*{2,}|_{2,}|\?{2,}|○○"
)
_NOT_A_NAME = regex.compile(r"[。;,:!?、《》\"“”]")
_MAX_ISSUER = 40
_LINES_LOOKED_AT = 4


@dataclass(frozen=True)
class SignedDate:
    """The closing date as found: its span, what it reads as, and any doubt about it."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    year_masked: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Closing:
    issuer: str | None = None
    issuer_span: tuple[int, int] | None = None
    date: SignedDate | None = None
    notes: list[str] = field(default_factory=list)
    start: int | None = None  # where the closing block begins (its first unit or date line)


def find_closing(text: str, view: str, issuer_suffixes: tuple[str, ...]) -> Closing:
    """The issuer and signed date of one document (``view`` is its matching view)."""
    lines = _last_lines(view)
    for index, (start, end) in enumerate(lines[:3]):
        found = _DATE_AT_END.search(view, start, end)
        if found is None:
            continue
        prefix = view[start : found.start()].strip()
        if prefix and not (_is_issuer(prefix, issuer_suffixes) or _is_signature(prefix)):
            return Closing()  # a sentence that ends with a date is no closing line
        date = _signed_date(text, found)
        notes = [date.note] if date.note else []
        if prefix:
            span = _stripped(view, start, found.start())
            issuer = _issuer(text, view, span, issuer_suffixes)
            return Closing(issuer, span if issuer else None, date, notes, start)
        span = _issuer_above(view, lines[index + 1 :], start, issuer_suffixes)
        issuer = _issuer(text, view, span, issuer_suffixes) if span else None
        block = span[0] if span else start
        return Closing(issuer, span if issuer else None, date, notes, block)
    return Closing()


def _last_lines(view: str) -> list[tuple[int, int]]:
    """Spans of the last few non-blank lines, bottom first, stripped of edge spaces."""
    lines: list[tuple[int, int]] = []
    end = len(view)
    for _ in range(_LINES_LOOKED_AT * 8):  # blank lines between them, within reason
        if end <= 0 or len(lines) == _LINES_LOOKED_AT:
            break
        start = view.rfind("\n", 0, end) + 1
        span = _stripped(view, start, end)
        if span[1] > span[0]:
            lines.append(span)
        end = start - 1
    return lines


def _stripped(view: str, start: int, end: int) -> tuple[int, int]:
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return start, end


def _issuer_above(
    view: str, lines: list[tuple[int, int]], below: int, suffixes: tuple[str, ...]
) -> tuple[int, int] | None:
    """The first of the unit lines stacked directly above the date line (19: two units sign)."""
    found = None
    for start, end in lines:
        if view[end:below].count("\n") != 1 or not _is_issuer(view[start:end], suffixes):
            break
        found, below = (start, end), start
    return found


def _issuer(text: str, view: str, span: tuple[int, int], suffixes: tuple[str, ...]) -> str | None:
    name = view[span[0] : span[1]]
    if not _is_issuer(name, suffixes) or _PLACEHOLDER.search(name):
        return None
    return text[span[0] : span[1]]


def _is_issuer(name: str, suffixes: tuple[str, ...]) -> bool:
    return (
        2 <= len(name) <= _MAX_ISSUER and not _NOT_A_NAME.search(name) and name.endswith(suffixes)
    )


def _is_signature(prefix: str) -> bool:
    """述职人：欧阳振华 before the date on the same line: a person signs, not a unit."""
    return ":" in prefix and len(prefix) <= _MAX_ISSUER


# ---- dates ------------------------------------------------------------------------------------


def _signed_date(text: str, found: regex.Match[str]) -> SignedDate:
    start = found.start()
    end = found.start() + len(found.group(0).rstrip())
    written = text[start:end]
    numeric = found.group("y2") is not None
    year, masked, note = _year(found.group("y2" if numeric else "y"), written)
    month = _number(found.group("m2" if numeric else "m"))
    day = _number(found.group("d2" if numeric else "d"))
    if month is not None and not 1 <= month <= 12:
        month, note = None, f"signed date {written}: month out of range, left empty"
    if day is not None and not 1 <= day <= 31:
        day, note = None, f"signed date {written}: day out of range, left empty"
    return SignedDate(start, end, year, month, day, masked, note)


def _year(digits: str, written: str) -> tuple[int | None, bool, str | None]:
    """(year, masked, note): 2019, 二〇一九, 二0一九; 201* is masked; 二一一 lost its 〇."""
    found = Found(0, 0)
    readable = read_year(digits, found)
    if found.year_masked:
        return None, True, None
    if found.year is not None and (readable or len(digits) == 4):
        if "lost_zero" in found.flags:
            note = (
                f"signed date {written}: the year has {len(digits)} numerals (a 〇 looks lost); "
                f"read as {found.year}"
            )
            return found.year, False, note
        return found.year, False, None
    return None, False, f"signed date {written}: the year {digits} cannot be read with certainty"


def _number(numeral: str | None) -> int | None:
    return number(numeral)


# ---- document type ----------------------------------------------------------------------------


def document_type(
    title_view: str | None, types: tuple[str, ...], secondary: tuple[str, ...]
) -> str | None:
    """The kind of document its title names (Simplified): the last type word in the title,
    unless that word only names a part (工作打算 after 总结) and another type word is there."""
    if not title_view:
        return None
    words = [word for word, _ in _type_words(title_view, types)]
    main = [word for word in words if word not in secondary]
    if main:
        return main[-1]
    return words[-1] if words else None


def _type_words(title_view: str, types: tuple[str, ...]) -> list[tuple[str, int]]:
    """Type words in the title, longest first at each position (述职报告 before 报告)."""
    return [(found.group(), found.start()) for found in _alternation(types).finditer(title_view)]


@lru_cache(maxsize=8)
def _alternation(words: tuple[str, ...]) -> regex.Pattern[str]:
    longest_first = sorted(words, key=lambda word: (-len(word), word))
    return regex.compile("|".join(regex.escape(word) for word in longest_first))
