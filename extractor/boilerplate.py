"""Site furniture and document boundaries, by the line rules in rules/boilerplate.toml.

Nothing is silently dropped: every removal becomes a splice of kind ``boilerplate`` carrying the
rule id, so it lands in the document's repair log with the original text it removed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import regex

from extractor.offsets import Splice
from extractor.rules import BoilerplateRule, RuleSet

KIND = "boilerplate"


@dataclass(frozen=True)
class Furniture:
    """Removals to apply, and the text positions where a new document starts."""

    splices: list[Splice]
    boundaries: list[int]


def find_furniture(text: str, view: str, rules: RuleSet) -> Furniture:
    """Every rule matched against the view; spans are text offsets (the view is aligned)."""
    hits: list[tuple[BoilerplateRule, int, int, int, int]] = []
    boundaries: set[int] = set()
    lines = Lines(view)
    for rule in rules.boilerplate:
        trigger = rule.compiled_trigger
        if trigger is not None and trigger.search(view) is None:
            continue
        for match in rule_matches(rule.compiled, lines, rule.line_words):
            line_start, line_end = _line_bounds(view, match.start(), match.end())
            if rule.action == "split":
                boundaries.add(line_start)
            hits.append((rule, *match.span(), line_start, line_end))
    ordered = sorted(boundaries)
    spans = [(*_removed_span(hit, view, ordered), hit[0].id) for hit in hits]
    return Furniture(splices=_union(spans), boundaries=ordered)


class Lines:
    """A view's line starts, and which lines hold given words (ignoring ASCII case)."""

    def __init__(self, view: str) -> None:
        self.view = view
        self.starts = list(accumulate((len(line) + 1 for line in view.split("\n")[:-1]), initial=0))
        lowered = view.lower()
        self._lowered = lowered if len(lowered) == len(view) else None
        self._characters = frozenset(lowered)  # a word with a character not in it is not sought

    def holding(self, words: Sequence[str]) -> list[int] | None:
        """Indices of the lines that hold one of ``words``; None when case folding misaligns."""
        text, starts = self._lowered, self.starts
        if text is None:
            return None
        found: set[int] = set()
        for word in words:
            if not self._characters.issuperset(word):
                continue
            position = text.find(word)
            while position != -1:
                line = bisect_right(starts, position) - 1
                found.add(line)
                position = text.find(word, starts[line + 1]) if line + 1 < len(starts) else -1
        return sorted(found)


def rule_matches(
    pattern: regex.Pattern[str], lines: Lines, words: Sequence[str] = ()
) -> Iterator[regex.Match[str]]:
    """What ``pattern.finditer(view)`` finds, trying the pattern only where it can start.

    A pattern anchored at line starts (most rules: ``^\\h*…``) is tried once a line instead of
    once a character; with ``words``, only on the lines that hold one of them (a match must
    start on such a line).
    """
    anchored = line_anchored(pattern.pattern)
    candidates = lines.holding(words) if words else None
    if candidates is None and not anchored:
        yield from pattern.finditer(lines.view)
        return
    if candidates is None:
        candidates = list(range(len(lines.starts)))
    scanner = pattern if anchored else _within_line(pattern.pattern)
    starts, resume = lines.starts, 0
    for line in candidates:
        line_start = starts[line]
        line_stop = starts[line + 1] if line + 1 < len(starts) else len(lines.view) + 1
        position = max(line_start, resume)
        while position < line_stop and (position == line_start or not anchored):
            match = scanner.match(lines.view, position)
            if match is None:
                break
            yield match
            resume = position = max(match.end(), match.start() + 1)


@lru_cache(maxsize=256)
def _within_line(pattern: str) -> regex.Pattern[str]:
    """The pattern tried from a position to the end of its line: the leftmost match there."""
    return regex.compile(r"\G[^\n]*?\K(?:" + pattern + ")", regex.MULTILINE)


@lru_cache(maxsize=1024)
def line_anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at a line start (``regex.MULTILINE``).

    True when the pattern opens with ``^`` (after inline flags and ``(?(DEFINE)…)`` blocks)
    and has no ``|`` outside a group. Conservative: anything else is scanned character by
    character as before.
    """
    tokens = list(_top_level(pattern))
    while tokens and tokens[0].startswith(("(?(DEFINE)", "(?x)", "(?m)")):
        tokens.pop(0)
    return bool(tokens) and tokens[0] == "^" and "|" not in tokens


def _top_level(pattern: str) -> Iterator[str]:
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


def _line_bounds(view: str, start: int, end: int) -> tuple[int, int]:
    """The line holding the match, with its newline (matches never cross lines, by design)."""
    line_start = view.rfind("\n", 0, start) + 1
    newline = view.find("\n", max(end - 1, start))
    return line_start, len(view) if newline == -1 else newline + 1


def _removed_span(
    hit: tuple[BoilerplateRule, int, int, int, int], view: str, boundaries: list[int]
) -> tuple[int, int]:
    """What a hit removes; ``drop_rest`` stops at the next document boundary."""
    rule, match_start, match_end, line_start, line_end = hit
    if rule.action == "drop_line":
        return line_start, line_end
    if rule.action == "drop_rest":
        following = bisect_right(boundaries, line_start)
        return line_start, boundaries[following] if following < len(boundaries) else len(view)
    return match_start, match_end


def _union(spans: list[tuple[int, int, str]]) -> list[Splice]:
    """Overlapping removals become one; the first rule (by position) names it."""
    merged: list[list[int | str]] = []
    for start, end, rule_id in sorted(spans):
        if start == end:
            continue
        if merged and start < int(merged[-1][1]):
            merged[-1][1] = max(int(merged[-1][1]), end)
            continue
        merged.append([start, end, rule_id])
    return [Splice(int(s), int(e), "", KIND, str(r)) for s, e, r in merged]


def shift_positions(positions: list[int], splices: list[Splice]) -> list[int]:
    """Where ``positions`` land once ``splices`` (sorted, non-overlapping) are applied.

    A position inside a removed span lands where the span was.
    """
    shifted = []
    for position in positions:
        delta = 0
        landed = None
        for splice in splices:
            if splice.end <= position:
                delta += len(splice.replacement) - (splice.end - splice.start)
            elif splice.start < position:
                landed = splice.start + delta
                break
            else:
                break
        shifted.append(position + delta if landed is None else landed)
    return shifted
