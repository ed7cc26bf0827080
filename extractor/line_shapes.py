"""The shapes of a page's lines, and the kind of text that follows an ASCII mark.

A ``?`` that swallowed a byte took a comma, a line end, a bracket or a digit; which one is
told by what follows it and by the line it is on (``gbk_swallowed``): a numbered heading's
marker (一、, (二), 3.2, 第一章) and its length, a list's first item, a date alone on its line,
a line's usual opening, the rest of a figure. ``gbk_hypotheses`` reads the same shapes.
"""

from __future__ import annotations

import re

from extractor.markers import chinese_number

CN_NUMERALS = "一二三四五六七八九十"
# characters after a mark that say what kind of text it came before: enough for a date written
# out in full (二〇一九年十二月三十一日, 12) and what comes after it (a line end or 至)
MARK_CONTEXT = 14
HEADING_LENGTH = 24  # characters: a longer line runs on to a mark, not to its end
# What starts a line more often than it follows a comma: a list item or heading (一是, 二、,
# 1., 第三, (二)), a year (2019年).
_LINE_OPENING = re.compile(
    r"[一二三四五六七八九十]+[是、]|[0-9]+[.、](?![0-9])|第[一二三四五六七八九十]|[0-9]{4}年"
    r"|[(（][一二三四五六七八九十]+[)）]"
)
# The first item of a list follows its heading or a colon, never a separator (;一是 is no list).
_FIRST_ITEM = re.compile(r"一[是、]|[(（]一[)）]|1[.、](?![0-9])")
# A date alone on its line: the date under a signature, which starts its own line.
_DATE_NUMERAL = "[0-9〇零一二三四五六七八九十]"
_DATE_LINE = re.compile(
    rf"{_DATE_NUMERAL}{{4}}年{_DATE_NUMERAL}{{1,2}}月(?:{_DATE_NUMERAL}{{1,3}}日)?[ \t]*(?:\n|$)"
)
# A numbered heading's marker at a line start (一、 (二) 3. 3.2 第一章); its numbers, read as N,
# are its shape: the page's other lines of that shape say whether such a line is a heading.
_MARKER = re.compile(
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十0-9]+[)）]"
    r"|[0-9]+(?:\.[0-9]+)*(?:[.、．]|\s)|第[一二三四五六七八九十]+[章节節条條部]"
)
_NUMERALS = (re.compile(r"[一二三四五六七八九十]+"), re.compile(r"[0-9]+"))
_NUMERAL = re.compile(r"[0-9]+|[一二三四五六七八九十]+")
# the rest of a figure whose first digit was taken: 1 of 1,380 or of 1.8亿
_FIGURE_REST = re.compile(r",[0-9]{3}(?![0-9])|\.[0-9]")
_SENTENCE_END = re.compile(r"[。！？；;!]")  # not "?": a lost byte leaves those
# What a date, a list's first item, a line's usual opening or the rest of a figure can open
# with (``mark_context``'s patterns), digits aside: after any other character, text follows.
_KIND_OPENERS = frozenset(f"0123456789〇零{CN_NUMERALS}(（第,.")


def line_shape(line: str) -> str | None:
    """The shape of the marker a line opens with, None if none: 一、 and 三、 are C、, 1、 is
    N、 (a part's heading and an item under it are written alike but end apart)."""
    found = _MARKER.match(line.strip())
    if not found:
        return None
    chinese, arabic = _NUMERALS
    return arabic.sub("N", chinese.sub("C", found.group()))


def marker_numbers(line: str) -> tuple[int, ...]:
    """The numbers of the marker a line of a shape opens with (三、 is 3, (十二) 12, 3.2 is 3
    and 2: the marker holds numerals of one kind)."""
    marker = _MARKER.match(line.strip())
    numerals = _NUMERAL.findall(marker.group() if marker else "")
    return tuple(chinese_number(text) or 0 for text in numerals)


def plain_heading(line: str) -> bool:
    """A line of a heading's length with no sentence end (numbered: a heading, not an item)."""
    return len(line) <= HEADING_LENGTH and not _SENTENCE_END.search(line)


def numbered(line: str) -> bool:
    """Whether a line opens with a heading's marker (二、, (三), 1.), whatever its length."""
    return line_shape(line) is not None


def _is_heading(line: str) -> bool:
    """A line that opens with a heading's marker (二、, (三), 1.) and is short."""
    return len(line) <= HEADING_LENGTH and numbered(line)


def mark_context(following: str, line: str = "") -> str:
    """The kind of text after a mark (on a ``line``, up to it): a line end (before a list's
    first item, after a line that is no heading: ``items``), a date alone on its line, a list's
    first item after a heading or in a sentence, what usually opens a line, a digit (or the
    rest of a figure: ,380 or .8), text."""
    if following[:1] in ("", "\n"):
        after = following.lstrip("\n\r \t")
        return "items" if _FIRST_ITEM.match(after) and not _is_heading(line) else "line"
    if following[0] not in _KIND_OPENERS and not following[0].isdigit():
        return "text"  # most marks of a page: no pattern below is tried
    if _DATE_LINE.match(following):
        return "date"
    if _FIRST_ITEM.match(following):
        return "first" if _is_heading(line) else "listed"
    if _LINE_OPENING.match(following):
        return "opening"
    return "digit" if following[0].isdigit() or _FIGURE_REST.match(following) else "text"
