"""The little of a rule pattern's syntax the loaders need: its top-level items, and its
``(?(DEFINE)…)`` groups written out where they are called.

Rule files name long word lists once, in a ``(?(DEFINE)(?P<name>…))`` block, and call them as
``(?&name)``. The regex module runs such a call over ten times slower than the same text in
place (a metadata rule spent 180 µs failing on one footer line), so patterns are compiled with
the calls written out; the files stay as written.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

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
            step = _class_end(pattern, position) - position
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


def _class_end(pattern: str, position: int) -> int:
    """The index just after the character class that opens at ``position``."""
    cursor = position + 1
    if cursor < len(pattern) and pattern[cursor] == "^":
        cursor += 1
    if cursor < len(pattern) and pattern[cursor] == "]":
        cursor += 1
    while cursor < len(pattern) and pattern[cursor] != "]":
        cursor += 2 if pattern[cursor] == "\\" else 1
    return cursor + 1
