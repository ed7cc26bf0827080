"""The little of a rule pattern's syntax the loaders need: its top-level items, its
``(?(DEFINE)…)`` groups written out where they are called, the characters a match can start with.

Rule files name long word lists once, in a ``(?(DEFINE)(?P<name>…))`` block, and call them as
``(?&name)``. The regex module runs such a call over ten times slower than the same text in
place (a metadata rule spent 180 µs failing on one footer line), so patterns are compiled with
the calls written out; the files stay as written.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

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
_SPELLED_OUT = {r"\h": HORIZONTAL_SPACE, r"\p{Han}": HAN, r"\s": SPACE}
# What both engines read alike: groups, lookarounds, \d and escaped punctuation; atomic
# groups too, which `re` has had since Python 3.11 (the oldest this package runs on).
_SHARED_GROUPS = ("(?:", "(?P<", "(?=", "(?!", "(?<=", "(?<!", "(?>")

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


def on_std_re(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """``pattern`` compiled by `re` when ``std_re_source`` reads it as `regex` does and `re`
    accepts it (a user's rule may hold a lookbehind of varying width or a group name used
    twice, which only `regex` allows); else None, and the caller keeps `regex`."""
    source = std_re_source(pattern)
    if source is None:
        return None
    try:
        return re.compile(source, flags)
    except re.error:
        return None


# the flags a pattern moved to `re` may carry: ^ and $ at each line, and `regex`'s defaults
_PLAIN_FLAGS = regex.MULTILINE | regex.UNICODE | regex.VERSION0


def on_faster_engine(pattern: regex.Pattern[str]) -> re.Pattern[str] | regex.Pattern[str]:
    """``pattern`` on `re` where that scans a page the faster (``on_std_re``, its flags those
    `re` reads alike); else as it is. `regex` seeks a match's one required word of two or more
    characters (``required_words``) by a string search, faster than `re` skips to a first
    character; without such a word, `re` is the faster where it skips to the characters a
    match opens with (a class, a character, or a branch of characters first): a `regex` call
    and its search cost more (the relative years, a dozen words: about half as much on `re`)."""
    words = required_words(pattern.pattern)
    if words is not None and len(words) == 1 and len(words[0]) > 1:
        return pattern
    if pattern.flags & ~_PLAIN_FLAGS:
        return pattern
    plain = on_std_re(pattern.pattern, re.MULTILINE if pattern.flags & regex.MULTILINE else 0)
    if plain is None or not _skips_to_first(sre_parse.parse(plain.pattern, plain.flags).data):
        return pattern
    return plain


def std_re_source(pattern: str) -> str | None:
    r"""``pattern`` as `re` reads it the way `regex` does (\h, \s and \p{Han} spelled out, in
    a class too), or None when it holds other syntax that `regex` alone has or reads otherwise:
    any other escape of a letter or digit, a group or flag other than ``_SHARED_GROUPS``, a
    ``[`` inside a class."""
    parts: list[str] = []
    in_class = False
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            spelled = next((k for k in _SPELLED_OUT if pattern.startswith(k, position)), None)
            if spelled is not None:
                body = _SPELLED_OUT[spelled]
                parts.append(body[1:-1] if in_class else body)
                position += len(spelled)
                continue
            escaped = pattern[position + 1 : position + 2]
            if escaped.isalnum() and escaped != "d":
                return None
            parts.append(pattern[position : position + 2])
            position += 2
            continue
        if in_class and char == "[":
            return None
        if char == "[" and not in_class:
            in_class = True
            if pattern.startswith(("[^]", "[]"), position):
                return None  # a leading ] is a literal to one engine, an empty class to neither
        elif char == "]" and in_class:
            in_class = False
        elif (
            char == "("
            and not in_class
            and pattern.startswith("(?", position)
            and not pattern.startswith(_SHARED_GROUPS, position)
        ):
            return None
        parts.append(char)
        position += 1
    return "".join(parts)


def led_by_first_characters(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """``pattern`` led by a lookahead for the characters a match can start with, when it
    opens with something else than a class or a word (an optional qualifier, a group of
    classes): `re` skips to a class's characters, and without one it enters the whole pattern
    at every position, where the lookahead fails on most for a tenth of the cost."""
    if pattern is None:
        return None
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if _skips_to_first(parsed.data) or parsed.state.flags & re.IGNORECASE:
        return pattern
    first = _first_items(parsed.data)
    if first is None or first[1]:  # may open with any character, or match an empty string
        return pattern
    return re.compile(f"(?={_class(first[0])})(?:{pattern.pattern})", pattern.flags)


def led_by_second_characters(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a lookahead for the characters a match can go on with, written after
    its first item, when that is one class or character (inside plain groups only), which `re`
    skips to: a page holds many more of a number's first characters than numbers (一个, 统一),
    and there the lookahead fails in one step where each branch was tried."""
    rest = _after_first_item(sre_parse.parse(pattern.pattern, pattern.flags))
    end = _first_item_end(pattern.pattern)
    second = None if rest is None or end is None else _first_items(rest)
    if second is None or second[1]:  # any character may follow, or none (a one-item match)
        return pattern
    source = f"{pattern.pattern[:end]}(?={_class(second[0])}){pattern.pattern[end:]}"
    led = _after_first_item(sre_parse.parse(source, pattern.flags))
    if led is None or len(led) != len(rest) + 1 or led[0][0] is not sre.ASSERT:
        return pattern  # the text's first item is not the one parsed: left as it is
    return re.compile(source, pattern.flags)


def _after_first_item(parsed: sre_parse.SubPattern) -> _Items | None:
    """What follows the first item when that is one class or character past plain groups
    (the groups' own rest first, then what follows each group); else None."""
    if parsed.state.flags & re.IGNORECASE:
        return None
    data, rest = parsed.data, []
    while data:
        op, argument = data[0]
        if op is sre.LITERAL or op is sre.IN:
            return [*data[1:], *rest]
        if op is not sre.SUBPATTERN or argument[1] or argument[2]:  # no flags of its own
            return None
        rest = [*data[1:], *rest]
        data = argument[3].data
    return None


_GROUP_OPENING = re.compile(r"\((?:\?:|\?P<\w+>)?")
_SPECIAL = frozenset(".^$*+?{}[]|()\\#")


def _first_item_end(source: str) -> int | None:
    """Where the pattern's first class or character ends in its text, past the group openings
    before it (and a verbose pattern's spaces); None when it is none of these."""
    verbose = source.startswith("(?x)")
    position = 4 if verbose else 0
    while True:
        while verbose and position < len(source) and source[position].isspace():
            position += 1
        opening = _GROUP_OPENING.match(source, position)
        if opening is None:
            break
        position = opening.end()
    if source.startswith("[", position):
        return _class_end(source, position)
    if source.startswith("\\", position):
        escaped = source[position + 1 : position + 2]
        return position + 2 if escaped == "d" or not escaped.isalnum() else None
    if position < len(source) and source[position] not in _SPECIAL:
        return position + 1
    return None


def _skips_to_first(data: sre_parse.SubPattern) -> bool:
    """Does `re` already skip to the first characters (a class, a character, or a branch of
    characters first, past groups), or try one position (an anchor first)?"""
    while data and data[0][0] is sre.SUBPATTERN:
        data = data[0][1][3]
    if not data:
        return False
    op, argument = data[0]
    if op is sre.BRANCH:
        return all(branch and branch[0][0] is sre.LITERAL for branch in argument[1])
    return op is sre.LITERAL or op is sre.IN or op is sre.AT


_Items = list[tuple[Any, Any]]


def _first_items(data: sre_parse.SubPattern) -> tuple[_Items, bool] | None:
    """The class items of the characters a match of ``data`` can start with, and whether it
    can match an empty string; None when it can open with any character (or a back reference).
    Lookarounds and anchors take no character: stepped over."""
    items: _Items = []
    for op, argument in data:
        if op is sre.LITERAL:
            return [*items, (op, argument)], False
        if op is sre.IN:
            if any(item is sre.NEGATE for item, _ in argument):
                return None
            return [*items, *argument], False
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
            inner = [argument[3] if op is sre.SUBPATTERN else argument]
        elif op is sre.BRANCH:
            inner = argument[1]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner = [argument[2]]
        else:
            return None
        empty = False
        for part in inner:
            found = _first_items(part)
            if found is None:
                return None
            items += found[0]
            empty = empty or found[1]
        if not empty and not (op in _REPEATS and argument[0] == 0):
            return items, False
    return items, True


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _class(items: _Items) -> str:
    """Class items as the text of one class."""
    written = []
    for op, argument in items:
        if op is sre.LITERAL:
            written.append(_in_class(argument))
        elif op is sre.RANGE:
            written.append(f"{_in_class(argument[0])}-{_in_class(argument[1])}")
        else:
            written.append(_CATEGORIES[argument])
    return "[" + "".join(dict.fromkeys(written)) + "]"


def _in_class(code: int) -> str:
    return "\\" + chr(code) if chr(code) in "\\]^-[" else re.escape(chr(code))


def first_characters_class(pattern: str) -> str | None:
    """The class of the characters a match of ``pattern`` can start with, as `re` parses it;
    None when any character may open it or it can match an empty string."""
    found = _first_items(sre_parse.parse(pattern))
    return None if found is None or found[1] else _class(found[0])
