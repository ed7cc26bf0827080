"""What a ``?`` swallowed: the page's own habits around ASCII marks.

A trail byte that lost its lead takes the next byte with it, and the mirror shows ``?``: often
a comma, a line end, a bracket or a digit. The word model cannot tell these apart (each is a
mark to it); the page can: how it ends its headings, opens its lists, writes its years and
what it puts after a figure; and the genre writes a figure before a classifier or money word
(4座, 5万元: the rules' own words, ``measure_words``). ``SwallowedPriors`` prices each byte
a ``?`` may have taken; ``gbk_score.Scorer`` asks it for the slots that have ``swallowed`` bytes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Container
from functools import cache, cached_property
from pathlib import Path

from extractor.figure_rules import load_money_rules, load_quantity_rules
from extractor.gbk import simplified_char, table
from extractor.gbk_pairs import page_pair_bonus
from extractor.gbk_slots import Slot
from extractor.gbk_tables import PagePairs
from extractor.line_shapes import (
    CN_NUMERALS,
    HEADING_LENGTH,
    MARK_CONTEXT,
    line_shape,
    mark_context,
    marker_numbers,
    numbered,
    plain_heading,
)
from extractor.lm import HEADING_END, MAX_WORD
from extractor.numbers import CN_BIG_CLASS

DIGITS = "0123456789"
_AFTER_DIGIT = re.compile(r"(?<=[0-9])[^0-9]")
_YEAR = re.compile(r"(?<![0-9])([12])[0-9]{3}年")  # the first digit of the page's years
_YEAR_TAIL = re.compile(r"[0-9]{3}年")
_MONTH_TAIL = re.compile(r"[0-2]月")
_HUNDRED_TAIL = re.compile(r"00(?:\.0+)?[%％](?![0-9])")  # ?00%: the genre's 100%, seldom 200%
_MARK_AFTER_HAN = re.compile(r"(?<=[^\x00-\x7f])[\x00-\x7f]")
# compiled, a loop over a page's code points beats the search's look-behind tried at each
# place (``_marks_after_han``); interpreted, the search is the faster
_COMPILED = not __file__.endswith(".py")
_CLOSING = re.compile(r"[)）]")
_ITEM = re.compile(rf"([{CN_NUMERALS}])是")
_LATER_ITEM_LINE = re.compile(rf"^[ \t　]*[{CN_NUMERALS[1:]}]是", re.MULTILINE)  # \n二是

# Prior counts from the genre, before the page's own: a list item or the date under a
# signature opens a line far more often than it follows a mark.
_GENRE_MARKS = {
    ("\n", "opening"): 5.0,
    ("\n", "first"): 5.0,
    ("\n", "date"): 5.0,
    (":", "listed"): 5.0,
    ("\n", "listed"): 1.0,
    # the line before a list's first item (报告如下: then 一、): 10 against any other mark's
    # 0.1 is 4.6 nats, which one use elsewhere of the page's pair of the character before and a
    # comma (领导下,: 3 nats) leaves clear; at 5 (3.9 nats) 如下 was written 〓
    (":", "items"): 10.0,
}
_GENRE_OTHER = 0.1  # … and of any other mark in any context
# … and of a semicolon before the next item of a series run in on its line (一是…；二是…:
# ``_runs_in``): the corpus writes 66 of 80 such items after ；, 14 after 。, none after a comma
RUN_IN_SEPARATOR = 5.0
# … and of the digits, shared: a figure before its classifier or money word (4座, 3类, 5万元)
# is the genre's commonest pattern, a mark before one rare (_RARE).
_GENRE_DIGITS = {"measure": 10.0}
# Counts for what the line around a ``?`` speaks against, on the scale of the page's counts (one
# a mark seen): never 0, so that each option keeps a finite log-prior.
_UNLIKELY = 0.1  # against the line's shape: a line end mid-sentence, a bracket with no partner
_RARE = 0.01  # a digit where the page writes no number, or none of its years starts with it
_RULED_OUT = 0.001  # what the context excludes: anything but a digit where a year lost its first
# What may come before a list's first item: its heading's line end; in a sentence, a colon
_LIST_OPENERS = {"first": "\n", "listed": "\n:"}
_STARTS = frozenset(("opening", "first", "listed", "date"))  # kinds of text that start a number
_LINE_STARTS = frozenset(("first", "date"))  # … that start a line
_LINE_KINDS = frozenset(("first", "listed", "date", "items"))  # … that say how a line starts
# A line end before text is read as a heading's (``SwallowedPriors.form``) where more of the
# page's lines of its shape are headings than this share (0.5: one heading, no other line)
HEADING_MAJORITY = 0.5


class SwallowedPriors:
    """Priors of the bytes a ``?`` swallowed on one page. The page's habits are counted on
    first use: only a swallowed byte asks for them, and most pages with a suspect run have none
    (3 ms a page saved). ``pair_counts``: the Simplified pairs the page writes, counted (the
    scorer's table; the table, not the scorer's method reading it, so that a page's search
    is no reference cycle left to the cyclic collector); ``char_logprob``: the word model's
    price of a character alone."""

    def __init__(
        self,
        document: str,
        char_logprob: Callable[[str], float],
        pair_counts: PagePairs,
        words: Container[str],
        measures: Container[str] | None = None,
    ) -> None:
        """``words``: the word model's, in Simplified script (座谈 after a ``?`` is no 座);
        ``measures``: what is written after a figure (``measure_words``' by default)."""
        self.document = document
        self._words = words
        self._measures = measure_words() if measures is None else measures
        self._char_logprob = char_logprob
        self._pair_counts = pair_counts
        self._slots: dict[Slot, tuple[str, float, float, bool]] = {}
        self._priors: dict[Slot, dict[str, float]] = {}

    def prior(self, char: str, slot: Slot) -> float:
        """How often the page itself writes ``char`` after a Chinese character and before one
        like ``slot.then`` (a comma before Han text, a digit before a digit): the word model
        cannot tell ASCII marks apart, the page's own habits can. Digits share their count.
        Kept by slot and character: the rivals of a reading ask again and again."""
        priors = self._priors.get(slot)
        if priors is None:
            priors = self._priors[slot] = {}
        found = priors.get(char)
        if found is None:
            found = priors[char] = self._prior(char, slot)
        return found

    def form(self, char: str, slot: Slot) -> str:
        """The character the scores read for a swallowed ``char``: a heading's line end as
        ``HEADING_END``, which the word model prices as a comma and the page's pairs take as
        its comma or line end (``Scorer``: 领导, on the page is no evidence against 领导 ending
        a heading); any other as itself."""
        if char == "\n" and self._slot(slot)[3]:
            return HEADING_END
        return char

    def _slot(self, slot: Slot) -> tuple[str, float, float, bool]:
        """The slot's context, total count, heading share (the same for each option) and
        whether a line end there is a heading's before text (``form``), once a slot."""
        known = self._slots.get(slot)
        if known is None:
            follows = self.context(slot.then, slot.line)
            counts = [self.mark_count(option, follows, slot) for option in slot.swallowed]
            heading = 0.0 if _continues_heading(slot, follows) else self.heading_share(slot.line)
            ends = heading > HEADING_MAJORITY and follows == "text"
            known = self._slots[slot] = (follows, sum(counts), heading, ends)
        return known

    def _prior(self, char: str, slot: Slot) -> float:
        """``prior``, worked out."""
        follows, total, heading, ends = self._slot(slot)
        share = self.mark_count(char, follows, slot) / total
        if char != "\n":
            prior = math.log((1.0 - heading) * share)
        elif ends:  # scored as a comma or line end alike (``form``): the heading share decides
            prior = math.log(heading + (1.0 - heading) * share)
        else:  # a heading's line end, or one before a date or list that starts a line: as
            # cheap to the word model as the mark it would otherwise be
            alike = self._char_logprob(",") - self._char_logprob(char)
            if heading and follows == "text" and _runs_on(slot):  # … and the page's pairs
                then, counts = simplified_char(slot.then[:1]), self._pair_counts
                alike += page_pair_bonus(counts, "," + then) - page_pair_bonus(counts, char + then)
                level = 1.0
            else:
                level = 1.0 if follows in _LINE_STARTS else heading
            prior = math.log(heading + (1.0 - heading) * share) + level * alike
        if counted_twice(char, follows, slot.then):
            prior -= page_pair_bonus(self._pair_counts, char + simplified_char(slot.then[:1]))
        return prior

    def heading_share(self, line: str) -> float:
        """How likely a line cut by a ``?`` ends right there, as a heading: a line that opens
        with a numbered marker, is short and holds no sentence end is one as often as its
        series' other lines are ((一)…(六) under one part, numbered on from each other: the
        items of one list are written alike, while (一)…(三) under another part may be run-in
        sentences); the page's lines of that marker's shape where the line is not found."""
        shape = line_shape(line)
        if shape is None or not plain_heading(line):
            return 0.0
        series = self._series.get(shape, ())
        own = [lines for lines in series if any(text.startswith(line) for text in lines)]
        members = own[0] if own else [text for lines in series for text in lines]
        plain = [plain_heading(text) for text in members if "?" not in text]
        headings, others = sum(plain), len(plain) - sum(plain)
        return headings / (headings + others + 1.0)

    def context(self, following: str, line: str = "") -> str:
        """``mark_context``'s kind of text, or ``measure`` for text that opens with a classifier
        or money word that starts no longer word (座,年 but not 座谈会)."""
        kind = mark_context(following, line)
        if kind == "text" and opens_measure(following, self._words, self._measures):
            return "measure"
        return kind

    @cached_property
    def _marks(self) -> Counter[tuple[str, str]]:
        """ASCII characters that follow a non-ASCII one, by the kind of text after them (each
        with its line up to it: the line's start found from the previous mark's, not again
        from the mark, which on a long line was the time this took)."""
        document, found, line, previous = self.document, Counter(), 0, 0
        for position in _marks_after_han(document):
            line = document.rfind("\n", previous, position) + 1 or line
            previous = position
            following = document[position + 1 : position + 1 + MARK_CONTEXT]
            found[document[position], self.context(following, document[line:position])] += 1
        return found

    @cached_property
    def _after_digits(self) -> Counter[str]:
        return Counter(_AFTER_DIGIT.findall(self.document))

    @cached_property
    def _items_one_a_line(self) -> bool:
        """Whether a line of the page opens with a later item of a series (二是, 三是): only
        then does a line that opens with 一是 say the page sets its items one a line."""
        return _LATER_ITEM_LINE.search(self.document) is not None

    @cached_property
    def _year_starts(self) -> Counter[str]:
        return Counter(_YEAR.findall(self.document))

    @cached_property
    def _series(self) -> dict[str, list[list[str]]]:
        """Per marker shape, the page's lines of that shape in series: a line whose number
        does not follow on from the last one's (一 after 三, 3.1 after 2.4) starts a new one."""
        found: dict[str, list[list[str]]] = {}
        last: dict[str, tuple[int, ...]] = {}
        for line in self.document.splitlines():
            shape = line_shape(line)
            if shape is None:
                continue
            number = marker_numbers(line)
            series = found.setdefault(shape, [])
            if not series or number[:-1] != last[shape][:-1] or number[-1:] <= last[shape][-1:]:
                series.append([])
            series[-1].append(line)
            last[shape] = number
        return found

    def _digit_count(self, follows: str) -> float:
        """Each digit's share of the page's digits after a Chinese character, in this context."""
        genre = _GENRE_DIGITS.get(follows, 1.0)
        return (sum(self._marks[digit, follows] for digit in DIGITS) + genre) / len(DIGITS)

    def mark_count(self, char: str, follows: str, slot: Slot) -> float:
        """The page's count of ``char`` in this context, unless the line says otherwise: a
        line end closes a heading, not a long sentence; a bracket closes only an open one, and
        opens only one closed soon after; a year or a month that lost its first digit is the
        page's or October–December, a share of ?00% is 100%."""
        if _YEAR_TAIL.match(slot.then):  # 019年 lost its first digit: as the page's years start
            return self._year_starts[char] + _RARE if char.isdigit() else _RULED_OUT
        if _MONTH_TAIL.match(slot.then):  # 0月, 1月, 2月 after a ? are 10–12月
            return 1.0 if char == "1" else _RULED_OUT
        if _HUNDRED_TAIL.match(slot.then):  # a share of 00% lost its first digit: 100%
            return 1.0 if char == "1" else _RARE if char.isdigit() else _RULED_OUT
        if char == "\n" and follows == "text" and len(slot.line) > HEADING_LENGTH:
            return _UNLIKELY
        if char == "\n" and _continues_heading(slot, follows):
            return _UNLIKELY  # 3.強化監督?深化經濟責任審計\n: a heading of two parts
        if char == "\n" and _runs_in(slot, self._items_one_a_line):
            return _UNLIKELY  # 二是 after a ? on a line holding 一是: its items run in
        if char == ";" and _runs_in(slot, self._items_one_a_line):
            return self._marks[char, follows] + RUN_IN_SEPARATOR  # … after a semicolon
        if char == "\n" and slot.then[:2] == "\n\n" and "\n\n\n" not in self.document:
            return _UNLIKELY  # two empty lines in a row where the page never leaves them
        if char == ")" and _open_brackets(slot.line) <= 0:
            return _UNLIKELY
        if char == "(" and not _CLOSING.search(slot.then):  # … and opens one closed soon after
            return _UNLIKELY
        if follows == "date":  # a date alone on its line: the line ended before it
            return (
                self._marks[char, follows] + _GENRE_MARKS[char, follows]
                if char == "\n"
                else _RULED_OUT
            )
        if follows in ("first", "listed") and char not in _LIST_OPENERS[follows]:
            return self._marks[char, follows] + _RULED_OUT  # a list starts after a heading or colon
        if char.isdigit() and follows in _STARTS:
            return _UNLIKELY  # a digit before 2019年 or 1. would make another number of them
        then = slot.then[:1]
        if char.isdigit() and follows != "measure" and not then.isascii():
            # the page never writes a number before this (成績5但); before 座 alone it need not
            return self._digit_count(follows) if self._after_digits[then] else _RARE
        if char.isdigit():
            return self._digit_count(follows)
        other = _RARE if follows == "measure" else _GENRE_OTHER  # a mark before 座 or 类 alone
        return self._marks[char, follows] + _GENRE_MARKS.get((char, follows), other)


def _marks_after_han(document: str) -> list[int]:
    """Where ``document`` writes an ASCII character right after a non-ASCII one
    (``SwallowedPriors._marks``), by code point in C when compiled."""
    if not _COMPILED:
        return [match.start() for match in _MARK_AFTER_HAN.finditer(document)]
    found, after_han = [], False
    for position, char in enumerate(document):
        ascii_char = ord(char) < 0x80
        if ascii_char and after_han:
            found.append(position)
        after_han = not ascii_char
    return found


@cache
def measure_words(extra_dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    """What the genre writes right after a figure, in Simplified script: the quantity rules'
    classifiers and the money rules' currency words (with those of ``extra_dirs``, the user's
    rule folders), alone or after 万 or 亿 (万元)."""
    money = (word for word in load_money_rules(extra_dirs).currency_of if not word.isascii())
    units = load_quantity_rules(extra_dirs).units.union(money)
    return frozenset(units.union(big + unit for big in CN_BIG_CLASS for unit in units))


def opens_measure(
    following: str, words: Container[str], measures: Container[str] | None = None
) -> bool:
    """Whether text opens with a classifier or money word (座, 類, 万元): where a figure is
    written. One of a single character must start no longer word of ``words`` (座谈, 类似,
    名单, 人员); a longer one is a word already (万元, 万元以上)."""
    simplified = table().simplified
    view = "".join([simplified.get(char, char) for char in following[:MAX_WORD]])
    measures = measure_words() if measures is None else measures
    longest = 0
    for length in range(1, len(view) + 1):  # a plain loop: each mark on a page asks this
        if view[:length] in measures:
            longest = length
    return longest > 1 or (
        longest == 1 and not any(view[:n] in words for n in range(2, MAX_WORD + 1))
    )


def counted_unit(following: str, words: Container[str]) -> str:
    """The classifier or money word (Simplified, its first character) that the text after a
    ``?`` opens, itself or after the rest of a figure (所 of 所、, 户 of 8户): then the ``?``
    took a figure's first digit, and the character before it may end the noun that classifier
    counts (学校6所). "" when the text opens with neither."""
    rest = following.lstrip("0123456789,.")
    if not rest or not opens_measure(rest, words):
        return ""
    return simplified_char(rest[0])


def counted_twice(char: str, follows: str, then: str) -> bool:
    """Whether the page's pair of a swallowed mark and the next character is evidence already
    counted, or none: before a date or a list that starts a line (or the line end before one),
    the kind of text says how the page starts lines (\n一 of its 一是 is that habit again, \n\n
    of its blank lines before 一、 too); a bracket that closes nothing soon after is none of the
    page's bracketed numerals ((二 of its headings)."""
    if char == "\n":
        return follows in _LINE_KINDS
    return char == "(" and not _CLOSING.search(then)


def _runs_on(slot: Slot) -> bool:
    """Whether the line would be too long for a heading, or hold a sentence end, if the ``?``
    took a mark and not its end: then the line's end is the heading's, not a rarer mark."""
    return not plain_heading(slot.line + "," + slot.then.split("\n", 1)[0])


def _continues_heading(slot: Slot, follows: str) -> bool:
    """Whether a numbered line cut by a ``?`` goes on after it as a heading of two parts
    (3.強化監督,深化經濟責任審計): the rest of its line, all of it in ``slot.then``, is text
    (no marker, no date) and holds no sentence end, nor would the line joined by a comma,
    which stays a heading's length. A line end there would leave that rest a line of its own
    that is neither heading nor sentence."""
    rest, end, _ = slot.then.partition("\n")
    if follows != "text" or not end or not numbered(slot.line):
        return False
    return plain_heading(slot.line + "," + rest)


def _runs_in(slot: Slot, one_a_line: bool) -> bool:
    """Whether the text after a ``?`` opens the next item of a series (二是) whose previous
    item (一是) stands in the same line (重點有三:一是…, or 一是… opening it): that line runs
    its items in. A line that opens with the previous item says the page sets them one a line
    only on a page some line of which opens with a later item (``one_a_line``): the genre
    mostly writes 一是…;二是… in one line (28 of 29 such lines of the corpus)."""
    item = _ITEM.match(slot.then)
    if item is None:
        return False
    number = CN_NUMERALS.index(item[1])
    if number == 0:
        return False
    previous = CN_NUMERALS[number - 1] + "是"
    if previous not in slot.line:
        return False
    return not (one_a_line and slot.line.lstrip().startswith(previous))


def _open_brackets(line: str) -> int:
    return sum(line.count(c) for c in "(（") - sum(line.count(c) for c in ")）")
