"""The little of a rule pattern's syntax the loaders need: its top-level items, its
``(?(DEFINE)…)`` groups written out where they are called, the words a match cannot do without
(``pattern_engine`` moves patterns to `re`).

Rule files name long word lists once, in a ``(?(DEFINE)(?P<name>…))`` block, and call them as
``(?&name)``. The regex module runs such a call over ten times slower than the same text in
place (a metadata rule spent 180 µs failing on one footer line), so patterns are compiled with
the calls written out; the files stay as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

# `regex`'s \h and \p{Han} spelled out for `re`, which runs some patterns several times faster
# (tests compare each with `regex`'s class over every code point).
HORIZONTAL_SPACE = r"[\t \xa0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# `regex`'s \s (Unicode's White_Space): `re`'s also holds \x1c-\x1f.
SPACE = r"[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
HAN = (
    r"[\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3"
    r"\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead"
    r"\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a"
    r"\U00031350-\U00033479]"
)

_DEFINE = "(?(DEFINE)"
_DEFINITION = regex.compile(r"\(\?P<(\w+)>(.*)\)", regex.DOTALL)
_CALL = regex.compile(r"\(\?&(\w+)\)")


def inline_definitions(pattern: str) -> str:
    """``pattern`` without its DEFINE block, each call replaced by its group's text.

    Unchanged when that cannot be done plainly: a block that is not a row of named groups at
    the top level, a definition that calls itself, or a pattern with captures (their numbers
    would move without the block's groups).
    """
    start = pattern.find(_DEFINE)
    block = next((item for item in top_level(pattern) if item.startswith(_DEFINE)), None)
    if block is None or pattern[start : start + len(block)] != block:
        return pattern
    verbose = "(?x)" if pattern.startswith("(?x)") else ""
    definitions: dict[str, str] = {}
    for item in top_level(verbose + block[len(_DEFINE) : -1]):
        found = _DEFINITION.fullmatch(item)
        if found is None:
            if item == verbose:
                continue
            return pattern
        definitions[found[1]] = found[2]
    written = pattern[:start] + pattern[start + len(block) :]
    for _ in range(len(definitions) + 1):
        if "(?&" not in written:
            break
        written = _CALL.sub(lambda call: _written_out(call, definitions), written)
    if "(?&" in written or regex.compile(written, regex.MULTILINE).groups:
        return pattern
    return written


def _written_out(call: regex.Match[str], definitions: dict[str, str]) -> str:
    body = definitions.get(call[1])
    return call[0] if body is None else f"(?:{body})"


def top_level(pattern: str) -> Iterator[str]:
    """The pattern's top-level items: groups and classes whole, escapes as pairs, comments and
    (in verbose mode) whitespace skipped."""
    verbose = pattern.startswith("(?x)")
    depth, start, position = 0, 0, 0
    while position < len(pattern):
        char = pattern[position]
        step = 1
        if char == "\\":
            step = 2
        elif char == "[":
            step = class_end(pattern, position) - position
        elif verbose and char == "#":
            newline = pattern.find("\n", position)
            step = (len(pattern) if newline == -1 else newline + 1) - position
            if depth == 0:
                position += step
                start = position
                continue
        elif verbose and char.isspace() and depth == 0:
            position += 1
            start = position
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        position += step
        if depth == 0:
            yield pattern[start:position]
            start = position


def class_end(pattern: str, position: int) -> int:
    """The index just after the character class that opens at ``position``."""
    cursor = position + 1
    if cursor < len(pattern) and pattern[cursor] == "^":
        cursor += 1
    if cursor < len(pattern) and pattern[cursor] == "]":
        cursor += 1
    while cursor < len(pattern) and pattern[cursor] != "]":
        cursor += 2 if pattern[cursor] == "\\" else 1
    return cursor + 1


# Escapes followed by an argument (\x41, \p{Han}, \g<name>, \1): the items after them in
# ``top_level`` are not literal text, so a branch is read no further once one appears.
_ARGUED_ESCAPES = frozenset("xuUNgkpPL0123456789")
_CASELESS = regex.compile(r"\(\?[a-zA-Z-]*[if]")  # (?i) (?fi) (?i:…): other cases match
_VERBOSE = regex.compile(r"\(\?[a-zA-Z-]*x")


def may_match(pattern: str, text: str) -> bool:
    """False when ``pattern`` cannot match in ``text``: it holds none of ``required_words``."""
    words = required_words(pattern)
    return words is None or any(word in text for word in words)


@lru_cache(maxsize=256)
def required_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` holds: a cheap test (``word in text``) that
    spares a text the scan when none is there. None when the pattern has a branch whose
    matches need no literal text, or flags that make literals match other text (``(?i)``).

    Each top-level branch gives its longest run of literal characters that are not optional,
    or the words of a group ``(?:…|…)`` it cannot do without, whichever has the longer
    shortest word; groups of other kinds and lookarounds are only stepped over.
    """
    verbose = pattern.startswith("(?x)")
    if _CASELESS.search(pattern) or len(_VERBOSE.findall(pattern)) != verbose:
        return None  # only a leading (?x) is read as verbose (``top_level``)
    words: list[str] = []
    for branch in _branches(list(top_level(pattern))):
        found = _branch_words(branch, "(?x)" if verbose else "")
        if found is None:
            return None
        words += found
    return tuple(dict.fromkeys(words))


def _branches(items: list[str]) -> list[list[str]]:
    branches: list[list[str]] = [[]]
    for item in items:
        if item == "|":
            branches.append([])
        else:
            branches[-1].append(item)
    return branches


def _branch_words(branch: list[str], flags: str) -> tuple[str, ...] | None:
    """The words one of which a match of this branch holds; None if it needs none."""
    best: tuple[str, ...] | None = None
    run = ""
    index = 0
    while index < len(branch):
        item = branch[index]
        optional = index + 1 < len(branch) and branch[index + 1][0] in "?*{"
        if item == "{":  # a quantifier's or an escape's braces: {2,3}, \p{Han}
            closing = branch.index("}", index) if "}" in branch[index:] else len(branch)
            run, index = "", closing + 1
            continue
        if item[0] == "\\" and item[1:] in _ARGUED_ESCAPES:
            break
        literal = len(item) == 1 and item not in ".^$*+?{}[]\\|()"
        run = run + item if literal and not optional else ""
        found = (run,) if run else None
        if item.startswith("(?:") and not optional:
            found = required_words(flags + item[3:-1])
        best = _better(best, found)
        index += 1
    return best


def _better(known: tuple[str, ...] | None, other: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Of two word sets, the one whose shortest word is longer (then the smaller set)."""
    if other is None:
        return known
    if known is None:
        return other
    return other if _rank(other) > _rank(known) else known


def _rank(words: tuple[str, ...]) -> tuple[int, int]:
    return min(map(len, words)), -len(words)
