"""The marker grammar: where a heading or item marker could be, and what number it carries.

The styles come from ``rules/sections.toml`` (see its header). All of them are compiled into one
alternation and run once over the matching view, so finding candidates costs one regex pass;
the view is Simplified and width-folded with one character per text character, so offsets into
it are offsets into the text. Whether a candidate is a heading is not decided here: that is the
structural pass in ``extractor/sections.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import regex

from extractor.pattern_engine import first_characters_class, on_std_re, std_re_source
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
    # the class of what a marker may start with (``_lookaheads``' first), None when that cannot
    # be read; and what it says of each BMP character, learnt as met (``_opens``)
    opening: re.Pattern[str] | regex.Pattern[str] | None = None
    opens: bytearray = field(default_factory=lambda: bytearray(0x10000), compare=False)
    # the lookaheads alone (``_lookaheads``), which read a character and the one before it; and
    # what they say of each pair of ASCII characters, learnt as met (``_learnt_pair``)
    guard: re.Pattern[str] | regex.Pattern[str] | None = None
    pairs: bytearray = field(default_factory=lambda: bytearray(_ASCII * _ASCII), compare=False)
    # what may start a marker with the character after it (``_followed``), None when that
    # cannot be read; and what it says of each two characters, learnt as met (``_learnt_two``)
    follows: re.Pattern[str] | regex.Pattern[str] | None = None
    twos: dict[str, int] = field(default_factory=dict, compare=False)


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
    guard = _lookaheads(rules)
    openings = [_openings(rule.pattern) for rule in rules]
    items = dict.fromkeys(item for found in openings for item in found)
    opening = _compiled(f"[{''.join(map(_in_class, items))}]") if all(openings) else None
    styles = {
        pattern.groupindex[f"s{index}"]: (
            _style(rule),
            pattern.groupindex[f"n{index}"],
            _opening_character(rule.pattern) is not None,
        )
        for index, rule in enumerate(rules)
    }
    follows = _followed(rules, openings) if opening is not None else None
    return Grammar(
        pattern,
        styles,
        opening,
        guard=_compiled(guard) if guard else None,
        follows=None if follows is None else _compiled(follows),
    )


def grammar_source(rules: Sequence[SectionStyleRule]) -> str:
    """The styles' alternation in `regex`'s syntax (``alternation``), after lookaheads that
    let the engine skip every character no marker can start at (``_lookaheads``)."""
    return _lookaheads(rules) + alternation(rules)


def alternation(rules: Sequence[SectionStyleRule]) -> str:
    """One branch a style: branch ``i`` captures its number as group ``n{i}`` and closes with
    the empty group ``s{i}``, which names the branch that matched.

    A number that opens its marker (``(?P<num>[一二三])…``) has its first character moved
    before the group (``[一二三](?P<n4>…)``): the engine tests a branch's first character or
    class without entering it, but enters a branch that opens with a group at every candidate.
    """
    branches = []
    for index, rule in enumerate(rules):
        opening = _opening_character(rule.pattern)
        if opening is None:
            source = rule.pattern.replace("(?P<num>", f"(?P<n{index}>")
        else:
            rest = rule.pattern[len(_NUMBER_GROUP) + len(opening) :]
            source = f"{opening}(?P<n{index}>{rest}"
        branches.append(f"(?:{source})(?P<s{index}>)")
    return "(?:" + "|".join(branches) + ")"


def _lookaheads(rules: Sequence[SectionStyleRule]) -> str:
    """Every marker starts with one of the class of the first lookahead: the engine skips all
    other characters without trying each branch there. Empty when a style's first character
    cannot be listed: then every position is tried."""
    openings = [_openings(rule.pattern) for rule in rules]
    if not all(openings):
        return ""
    items = dict.fromkeys(item for items in openings for item in items)
    return f"(?=[{''.join(_in_class(item) for item in items)}])" + _guarded(rules, openings)


def _guarded(rules: Sequence[SectionStyleRule], openings: list[list[str]]) -> str:
    """A second lookahead, for the characters the first lets through: some style starts with
    the character and its lookbehind, if any, lets it (``[0-9](?<![0-9.].)``: a number's later
    digits, a third of those a page holds, then try no branch). Empty when no style has one.

    The lookbehinds of the styles that open with one item are tested as one: the character
    before may not be in every class they exclude (one lookbehind, its classes lookaheads)."""
    unguarded: dict[str, None] = {}
    excluded: dict[str, dict[str, None]] = {}  # an opening item -> the classes its styles bar
    for rule, items in zip(rules, openings, strict=True):
        before = _excluded_before(rule.pattern)
        if before is None:
            unguarded.update(dict.fromkeys(items))
        else:
            excluded.setdefault(items[0], {})[before] = None
    if not excluded:
        return ""
    tests = [f"[{''.join(_in_class(item) for item in unguarded)}]"] if unguarded else []
    for item, barred in excluded.items():
        if item not in unguarded:  # else the class lets it through whatever stands before
            *others, last = barred
            every = "".join(f"(?={before})" for before in others) + last
            tests.append(f"{item}(?<!{every}.)")
    return f"(?={'|'.join(tests)})"


def _followed(rules: Sequence[SectionStyleRule], openings: list[list[str]]) -> str | None:
    """What a marker's first two characters may be: each style's opening, then a lookahead for
    what its second character may be (``_second_class``) where that can be read. None when no
    style's can: then nothing is gained over the openings alone."""
    branches, gated = [], False
    for rule, items in zip(rules, openings, strict=True):
        opening = f"[{''.join(_in_class(item) for item in items)}]"
        second = _second_class(rule.pattern)
        gated = gated or second is not None
        branches.append(opening if second is None else f"{opening}(?={second})")
    return f"(?:{'|'.join(branches)})" if gated else None


def _second_class(pattern: str) -> str | None:
    """The class of what may follow a style's first character, when that is one item (``第``,
    ``\\(``, ``[0-9]``, in its number group or before it), and what follows it cannot match an
    empty string; the item's own class too when it may repeat (``[一二三]{1,3}``). Else None."""
    inside = len(_NUMBER_GROUP) if pattern.startswith(_NUMBER_GROUP) else 0
    if _alternatives_at_top(pattern, 0):
        return None
    item = _FIRST_ITEM.match(pattern, inside)
    if item is None or item.group(1).startswith("[^"):
        return None
    if inside and _alternatives_at_top(pattern, item.end()):
        return None
    quantifier = _QUANTIFIER.match(pattern, item.end(1))
    end = item.end(1) if quantifier is None else quantifier.end()
    source = std_re_source(("(?:" if inside else "") + pattern[end:])
    if source is None or "(?i" in source:  # a case-blind item is not read as such
        return None
    try:
        following = first_characters_class(source)
    except re.error:
        return None
    if following is None or quantifier is None:
        return following
    return f"[{_in_class(item.group(1))}{following[1:-1]}]"  # [0-9]+: the item again


def _in_class(item: str) -> str:
    """An opening (a class, an escaped or a plain character) as members of a class."""
    if item.startswith("["):
        inner = item[1:-1]  # a - at either end would join the next item into a range
        if inner.startswith("-"):
            inner = "\\" + inner
        if inner.endswith("-") and not inner.endswith("\\-"):
            inner = inner[:-1] + "\\-"
        return inner
    return item if item.startswith("\\") or item not in "]^-[" else "\\" + item


_NUMBER_GROUP = "(?P<num>"
# one plain character or a flat class, not followed by a quantifier
_ONE_CHARACTER = re.compile(r"(?:\[(?:\\.|[^\\\[\]])+\]|[^\\.^$*+?{}\[\]|()])(?![{*+?])")
# the first item a match holds: one character (plain or escaped) or a flat class, not made
# optional by its quantifier
_FIRST_ITEM = re.compile(
    r"(\[(?:\\.|[^\\\[\]])+\]|\\[^0-9A-Za-z]|[^\\.^$*+?{}\[\]|()])(?:\+|\{[1-9]|(?![{*+?]))"
)
# the quantifier ``_FIRST_ITEM`` allows after its item (+, {1,3}), read whole
_QUANTIFIER = re.compile(r"\+|\{[^}]*\}")
# a number group of literal words only (首先|其次|最后)
_WORDS_GROUP = re.compile(
    r"\(\?P<num>((?:[^\\.^$*+?{}\[\]|()]+\|)*[^\\.^$*+?{}\[\]|()]+)\)(?![{*+?])"
)

# a lookbehind on the character before a marker's first one: (?<![0-9.a-zA-Z].)
_EXCLUDED_BEFORE = re.compile(r"\(\?<!(\[(?:\\.|[^\\\[\]])+\])\.\)")


def _openings(pattern: str) -> list[str]:
    """What a style's marker may start with, as items of a class (``第``, ``\\(``, ``[0-9]``,
    each first character of ``(?P<num>首先|其次)``); none where that cannot be read off the
    pattern (optional, a group, a negated class, a pattern of two ways), which then keeps the
    grammar from skipping any position (a user's style that starts otherwise is still tried)."""
    if _alternatives_at_top(pattern, 0):  # 甲(?P<num>…)|乙(?P<num>…) starts two ways
        return []
    words = _WORDS_GROUP.match(pattern)
    if words is not None:
        return [word[0] for word in words.group(1).split("|")]
    inside = len(_NUMBER_GROUP) if pattern.startswith(_NUMBER_GROUP) else 0
    item = _FIRST_ITEM.match(pattern, inside)
    if item is None or item.group(1).startswith("[^"):
        return []
    if inside and _alternatives_at_top(pattern, item.end()):
        return []
    return [item.group(1)]


def _excluded_before(pattern: str) -> str | None:
    """The class of what may not stand before a marker, as the lookbehind after a pattern's
    first character says (``[0-9](?<![0-9.].)``), when that character is one item."""
    inside = len(_NUMBER_GROUP) if pattern.startswith(_NUMBER_GROUP) else 0
    item = _FIRST_ITEM.match(pattern, inside)
    if item is None or item.end() != item.end(1):  # repeated: [0-9]+ or [0-9]{1,2}
        return None
    lookbehind = _EXCLUDED_BEFORE.match(pattern, item.end())
    return None if lookbehind is None else lookbehind.group(1)


def _opening_character(pattern: str) -> str | None:
    """The first item of a pattern that opens with its number group, when that item is one
    character and the group holds no alternatives at its top (so it can stand before it)."""
    if not pattern.startswith(_NUMBER_GROUP) or _alternatives_at_top(pattern, 0):
        return None
    item = _ONE_CHARACTER.match(pattern, len(_NUMBER_GROUP))
    if item is None or _alternatives_at_top(pattern, item.end()):
        return None
    return item.group()


def _alternatives_at_top(pattern: str, start: int) -> bool:
    """Whether a ``|`` divides the group open at ``start`` (read up to its closing bracket)."""
    depth, in_class, index = 0, False, start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return False
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


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
                two = view[position : position + 2]
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


def _learnt_two(grammar: Grammar, two: str) -> int:
    """The flag of a marker's possible first two characters (``Grammar.follows`` asked once),
    kept; forgotten all at once past ``_TWOS_KEPT`` (a long batch meets ever more pairs)."""
    follows, twos = grammar.follows, grammar.twos
    if len(twos) >= _TWOS_KEPT:
        twos.clear()
    opens = follows is None or follows.match(two) is not None
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
