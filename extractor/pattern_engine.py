"""Which engine runs a rule pattern: `re`, where it reads the pattern as `regex` does and scans
a page the faster, led by lookaheads for the characters a match can start or go on with; else
`regex`, which rule files are written for (``pattern_syntax`` reads their syntax).
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any

import regex

from extractor.pattern_syntax import HAN, HORIZONTAL_SPACE, SPACE, class_end, required_words

_SPELLED_OUT = {r"\h": HORIZONTAL_SPACE, r"\p{Han}": HAN, r"\s": SPACE}
# What both engines read alike: groups, lookarounds, \d and escaped punctuation; atomic
# groups too, which `re` has had since Python 3.11 (the oldest this package runs on).
_SHARED_GROUPS = ("(?:", "(?P<", "(?=", "(?!", "(?<=", "(?<!", "(?>")


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
        return class_end(source, position)
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
