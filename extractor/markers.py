"""The marker grammar: where a heading or item marker could be, and what number it carries.

The styles come from ``rules/sections.toml`` (see its header). All of them are compiled into one
alternation and run once over the matching view, so finding candidates costs one regex pass;
the view is Simplified and width-folded with one character per text character, so offsets into
it are offsets into the text. Whether a candidate is a heading is not decided here: that is the
structural pass in ``extractor/sections.py``.
The grammar's regex source is written from the styles' patterns in ``extractor/marker_sources.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import regex

from extractor.marker_sources import (
    followed,
    grammar_source,
    in_class,
    lookaheads,
    opening_character,
    openings_of,
)
from extractor.pattern_engine import on_std_re
from extractor.rules import SectionStyleRule

Position = Literal["line", "sentence", "clause", "word"]

_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "0": 0} | {
    char: value for value, char in enumerate("一二三四五六七八九", start=1)
}
_SENTENCE_END = frozenset("。;:!?")  # in the width-folded view: ；：！？ are ASCII there
_CLAUSE_END = frozenset(",、")
_SPACE = frozenset(" \t\r\u3000")
# compiled, ``_matches`` tries the grammar where a marker may start; interpreted, ``finditer``
# is the faster (the compiled module's file is no ``.py``)
_RUNS_COMPILED = not __file__.endswith(".py")


def chinese_number(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十八 → 28, 一百零五 → 105; digits pass through (第3章 → 3)."""
    if numeral.isdigit():
        return int(numeral)
    total = 0
    current = 0
    for char in numeral:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


@dataclass(frozen=True, slots=True)
class Style:
    """A compiled marker form: the rule's data, ready for the structural pass."""

    id: str
    family: str
    kind: Literal["heading", "item"]
    level: int
    rank: int
    numbering: str
    positions: frozenset[str]
    line_needs_sequence: bool
    values: tuple[tuple[str, int], ...]
    table: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def number(self, numeral: str) -> tuple[int, ...] | None:
        """The number as a tuple (one part, or one per depth of a decimal outline)."""
        if self.numbering == "decimal":
            return tuple(int(part) for part in numeral.split("."))
        if self.numbering == "arabic":
            return (int(numeral),)
        if self.numbering == "circled":
            return (ord(numeral) - 0x2460 + 1,)
        if self.numbering == "paren_circled":
            return (ord(numeral) - 0x2474 + 1,)
        if self.numbering == "words":
            value = self.table.get(numeral)
            return None if value is None else (value,)
        value = chinese_number(numeral)
        return None if value is None else (value,)


class Candidate:
    """A marker found in the text: where, what it reads as, and where it stands.

    A plain class, not a dataclass: compiled, a C class (``markers.pxd``) whose fields the
    structural pass reads in C (``sections.pxd``), a Python look-up each from a dataclass's
    slots (a few dozen a candidate).
    """

    __slots__ = ("end", "n", "number", "position", "start", "style")

    def __init__(
        self, start: int, end: int, style: Style, number: tuple[int, ...], position: Position
    ) -> None:
        self.start = start
        self.end = end  # end of the marker (the title follows, after any spaces)
        self.style, self.number, self.position = style, number, position
        self.n = number[-1]


@dataclass(frozen=True)
class Grammar:
    pattern: re.Pattern[str] | regex.Pattern[str]
    # index of a branch's closing group → (style, num group, whether the number opens the
    # marker: then its first character stands before the group, see ``grammar_source``)
    styles: dict[int, tuple[Style, int, bool]]
    # the class of what a marker may start with (``lookaheads``' first), None when that cannot
    # be read; and what it says of each BMP character, learnt as met (``_opens``)
    opening: re.Pattern[str] | regex.Pattern[str] | None = None
    opens: bytearray = field(default_factory=lambda: bytearray(0x10000), compare=False)
    # the lookaheads alone (``lookaheads``), which read a character and the one before it; and
    # what they say of each pair of ASCII characters, learnt as met (``_learnt_pair``)
    guard: re.Pattern[str] | regex.Pattern[str] | None = None
    pairs: bytearray = field(default_factory=lambda: bytearray(_ASCII * _ASCII), compare=False)
    # what may start a marker with the character after it (``followed``), None when that
    # cannot be read; and what it says of each two characters, learnt as met (``_learnt_two``)
    # and keyed by their codes (``_two``)
    follows: re.Pattern[str] | regex.Pattern[str] | None = None
    twos: dict[int, int] = field(default_factory=dict, compare=False)


_COMPILED: dict[int, tuple[Sequence[SectionStyleRule], Grammar]] = {}


def compile_grammar(rules: Sequence[SectionStyleRule]) -> Grammar:
    """One alternation of every style; each branch is a group named after its style.

    Compiled once per rule set (``load_rules`` caches its rule sets, so they keep their identity).
    """
    cached = _COMPILED.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    grammar = _compile(rules)
    if len(_COMPILED) > 16:
        _COMPILED.clear()
    _COMPILED[id(rules)] = (rules, grammar)
    return grammar


def _compile(rules: Sequence[SectionStyleRule]) -> Grammar:
    pattern = _compiled(grammar_source(rules))
    guard = lookaheads(rules)
    openings = [openings_of(rule.pattern) for rule in rules]
    items = dict.fromkeys(item for found in openings for item in found)
    opening = _compiled(f"[{''.join(map(in_class, items))}]") if all(openings) else None
    styles = {
        pattern.groupindex[f"s{index}"]: (
            _style(rule),
            pattern.groupindex[f"n{index}"],
            opening_character(rule.pattern) is not None,
        )
        for index, rule in enumerate(rules)
    }
    follows = followed(rules, openings) if opening is not None else None
    return Grammar(
        pattern,
        styles,
        opening,
        guard=_compiled(guard) if guard else None,
        follows=None if follows is None else _compiled(follows),
    )


def _style(rule: SectionStyleRule) -> Style:
    return Style(
        id=rule.id,
        family=rule.family,
        kind=rule.kind,
        level=rule.level,
        rank=rule.rank,
        numbering=rule.numbering,
        positions=frozenset(rule.positions),
        line_needs_sequence=rule.line_needs_sequence,
        values=tuple(rule.values.items()),
        table=dict(rule.values),
    )


def _compiled(source: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The grammar on `re` when it reads it as `regex` does (``on_std_re``): `re` tries the
    branches at each of a view's digits and numerals in a third less; else on `regex`."""
    return on_std_re(source, re.MULTILINE) or regex.compile(source, regex.MULTILINE)


def find_candidates(view: str, grammar: Grammar) -> list[Candidate]:
    """Every marker the grammar sees in the view, in text order, with its position class."""
    candidates = []
    styles = grammar.styles
    found = _matches(view, grammar) if _RUNS_COMPILED else grammar.pattern.finditer(view)
    for match in found:
        style, group, opens = styles[match.lastindex]
        start, end = match.span()
        position = position_of(view, start)
        if position not in style.positions:
            continue
        numeral = view[start : match.end(group)] if opens else match.group(group)
        number = style.number(numeral)
        if number is None:
            continue
        while end > start and view[end - 1] in _SPACE:
            end -= 1
        candidates.append(Candidate(start, end, style, number, position))
    return candidates


def _matches(view: str, grammar: Grammar) -> list[re.Match[str]] | list[regex.Match[str]]:
    """What ``grammar.pattern.finditer(view)`` finds, the pattern tried only at the characters
    a marker may start with (``Grammar.opening``), found by a loop in C: `re` skips to a
    pattern's first class, not to a lookahead's, and entered the grammar at every position of
    a view, where nine in ten fail its first lookahead (~550 instructions a character). An
    ASCII character after another is tried only if the lookaheads let the pair through
    (``Grammar.pairs``): a number's later digits, a third of the characters tried, fail them.
    Compiled only: interpreted, ``finditer`` is the faster."""
    if grammar.opening is None:
        return list(grammar.pattern.finditer(view))
    match_at, opens, pairs, found = grammar.pattern.match, grammar.opens, grammar.pairs, []
    twos, two_gated = grammar.twos, grammar.follows is not None
    size, position, prior = len(view), 0, _ASCII  # the code before ``position``, if ASCII
    while position < size:
        code = ord(view[position])
        if code < 0x10000:
            flag = opens[code] or _learnt(grammar, code)
            if flag == _CAN_OPEN and code < _ASCII and prior < _ASCII:
                flag = pairs[prior * _ASCII + code] or _learnt_pair(grammar, prior, code)
            if flag == _CAN_OPEN and two_gated and position + 1 < size:
                two = _two(code, ord(view[position + 1]))
                flag = twos.get(two, 0) or _learnt_two(grammar, two)
            if flag == _CANNOT_OPEN:
                prior = code
                position += 1
                continue
        match = match_at(view, position)
        if match is None:
            position += 1
        else:
            found.append(match)
            position = match.end()  # every branch takes a character: no empty match
        prior = ord(view[position - 1])
    return found


_CAN_OPEN, _CANNOT_OPEN = 1, 2  # a character's flag in ``Grammar.opens``; 0 until met
_ASCII = 128


def _learnt(grammar: Grammar, code: int) -> int:
    """The flag of the character ``code`` (``Grammar.opening`` asked once), kept."""
    opening = grammar.opening
    opens = opening is not None and opening.match(chr(code)) is not None
    flag = grammar.opens[code] = _CAN_OPEN if opens else _CANNOT_OPEN
    return flag


def _learnt_pair(grammar: Grammar, prior: int, code: int) -> int:
    """The flag of the character ``code`` after ``prior`` (``Grammar.guard`` asked once), kept:
    the lookaheads read no further back than the character before."""
    guard = grammar.guard
    opens = guard is None or guard.match(chr(prior) + chr(code), 1) is not None
    flag = grammar.pairs[prior * _ASCII + code] = _CAN_OPEN if opens else _CANNOT_OPEN
    return flag


def _two(code: int, following: int) -> int:
    """Two characters' codes as one key of ``Grammar.twos``: an int made and hashed in C, where
    their string cost a new object and its hash (~150 instructions more a character tried)."""
    return code * _CODES + following


_CODES = 0x110000


def _learnt_two(grammar: Grammar, two: int) -> int:
    """The flag of a marker's possible first two characters (``Grammar.follows`` asked once),
    kept; forgotten all at once past ``_TWOS_KEPT`` (a long batch meets ever more pairs)."""
    follows, twos = grammar.follows, grammar.twos
    if len(twos) >= _TWOS_KEPT:
        twos.clear()
    opens = follows is None or follows.match(chr(two // _CODES) + chr(two % _CODES)) is not None
    flag = twos[two] = _CAN_OPEN if opens else _CANNOT_OPEN
    return flag


_TWOS_KEPT = 1 << 16


def position_of(view: str, start: int) -> Position:
    """What stands before ``start`` once spaces are skipped: a line start, a sentence end …"""
    index = start - 1
    while index >= 0 and view[index] in _SPACE:
        index -= 1
    if index < 0 or view[index] == "\n":
        return "line"
    if view[index] in _SENTENCE_END:
        return "sentence"
    if view[index] in _CLAUSE_END:
        return "clause"
    return "word"
