"""The marker grammar's regex source, read and written from the styles' patterns.

``extractor/markers.py`` compiles what this writes: the styles' alternation (``alternation``),
the lookaheads that let the engine skip what no marker starts with (``lookaheads``), and the
classes its loop in C tests a page's characters by (``openings_of``, ``followed``). All of it
reads a pattern's text once a rule set, never a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.pattern_engine import first_characters_class, std_re_source
from extractor.rules import SectionStyleRule


def grammar_source(rules: Sequence[SectionStyleRule]) -> str:
    """The styles' alternation in `regex`'s syntax (``alternation``), after lookaheads that
    let the engine skip every character no marker can start at (``lookaheads``)."""
    return lookaheads(rules) + alternation(rules)


def alternation(rules: Sequence[SectionStyleRule]) -> str:
    """One branch a style: branch ``i`` captures its number as group ``n{i}`` and closes with
    the empty group ``s{i}``, which names the branch that matched.

    A number that opens its marker (``(?P<num>[一二三])…``) has its first character moved
    before the group (``[一二三](?P<n4>…)``): the engine tests a branch's first character or
    class without entering it, but enters a branch that opens with a group at every candidate.
    """
    branches = []
    for index, rule in enumerate(rules):
        opening = opening_character(rule.pattern)
        if opening is None:
            source = rule.pattern.replace("(?P<num>", f"(?P<n{index}>")
        else:
            rest = rule.pattern[len(_NUMBER_GROUP) + len(opening) :]
            source = f"{opening}(?P<n{index}>{rest}"
        branches.append(f"(?:{source})(?P<s{index}>)")
    return "(?:" + "|".join(branches) + ")"


def lookaheads(rules: Sequence[SectionStyleRule]) -> str:
    """Every marker starts with one of the class of the first lookahead: the engine skips all
    other characters without trying each branch there. Empty when a style's first character
    cannot be listed: then every position is tried."""
    openings = [openings_of(rule.pattern) for rule in rules]
    if not all(openings):
        return ""
    items = dict.fromkeys(item for items in openings for item in items)
    return f"(?=[{''.join(in_class(item) for item in items)}])" + _guarded(rules, openings)


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
    tests = [f"[{''.join(in_class(item) for item in unguarded)}]"] if unguarded else []
    for item, barred in excluded.items():
        if item not in unguarded:  # else the class lets it through whatever stands before
            *others, last = barred
            every = "".join(f"(?={before})" for before in others) + last
            tests.append(f"{item}(?<!{every}.)")
    return f"(?={'|'.join(tests)})"


def followed(rules: Sequence[SectionStyleRule], openings: list[list[str]]) -> str | None:
    """What a marker's first two characters may be: each style's opening, then a lookahead for
    what its second character may be (``_second_class``) where that can be read. None when no
    style's can: then nothing is gained over the openings alone."""
    branches, gated = [], False
    for rule, items in zip(rules, openings, strict=True):
        opening = f"[{''.join(in_class(item) for item in items)}]"
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
    return f"[{in_class(item.group(1))}{following[1:-1]}]"  # [0-9]+: the item again


def in_class(item: str) -> str:
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


def openings_of(pattern: str) -> list[str]:
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


def opening_character(pattern: str) -> str | None:
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
