"""Site furniture and document boundaries, by the line rules in rules/boilerplate.toml.

Nothing is silently dropped: every removal becomes a splice of kind ``boilerplate`` carrying the
rule id, so it lands in the document's repair log with the original text it removed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain

import regex

from extractor.entity_lexicon import word_automaton
from extractor.offsets import Splice
from extractor.pattern_syntax import top_level
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
    lines = Lines(view, rules.line_words)
    for rule in rules.boilerplate:
        trigger = rule.compiled_trigger
        if trigger is not None and trigger.search(view) is None:
            continue
        for match in rule_matches(rule.compiled, lines, rule.line_words, rule.repeats_above):
            line_start, line_end = _line_bounds(view, match.start(), match.end())
            if rule.action == "split":
                boundaries.add(line_start)
            hits.append((rule, *match.span(), line_start, line_end))
    ordered = sorted(boundaries)
    spans = [(*_removed_span(hit, view, ordered), hit[0].id) for hit in hits]
    return Furniture(splices=_union(spans), boundaries=ordered)


class Lines:
    """A view's line starts, which lines hold given words (ignoring ASCII case), and which
    repeat a line above them. ``words`` (distinct: ``RuleSet.line_words``, gathered once a rule
    set) are indexed in one scan at the start (a search per word, each ruled out first by the
    page's set of characters, cost a twentieth of the run); others are sought when asked for."""

    def __init__(self, view: str, words: Sequence[str] = ()) -> None:
        self.view = view
        self.starts = list(accumulate((len(line) + 1 for line in view.split("\n")[:-1]), initial=0))
        lowered = view.lower()
        self._lowered = lowered if len(lowered) == len(view) else None
        self._holders: dict[str, list[int]] = {}
        if self._lowered is not None and words:
            self._holders = _holders(self._lowered, self.starts, tuple(words))

    def holding(self, words: Sequence[str]) -> list[int] | None:
        """Indices of the lines that hold one of ``words``; None when case folding misaligns."""
        if self._lowered is None:
            return None
        holders = self._holders
        for word in words:
            if word not in holders:
                holders[word] = self._seek(word)
        return sorted(set(chain.from_iterable(map(holders.__getitem__, words))))  # loops in C

    def _seek(self, word: str) -> list[int]:
        """The lines holding ``word``, found by searching for it (a line once)."""
        text, starts, lines = self._lowered or "", self.starts, []
        position = text.find(word)
        while position != -1:
            line = bisect_right(starts, position) - 1
            lines.append(line)
            position = text.find(word, starts[line + 1]) if line + 1 < len(starts) else -1
        return lines

    def repeating(self, reach: int) -> list[int]:
        """Indices of the lines whose text, stripped of whitespace, stands in one of the
        ``reach`` lines above them (a blank line stands in any)."""
        view, starts, found = self.view, self.starts, []
        for index in range(1, len(starts)):
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(view)
            body = view[starts[index] : end].strip()
            if view.find(body, starts[max(0, index - reach)], starts[index] - 1) != -1:
                found.append(index)
        return found


def _holders(lowered: str, starts: list[int], words: tuple[str, ...]) -> dict[str, list[int]]:
    """For each word, the lines holding it (in order, perhaps repeated), from one pass of an
    Aho-Corasick automaton that finds every word at once, overlapping ones included (a trie
    pattern on ``re`` tries the words' 170 first characters at every position)."""
    holders: dict[str, list[int]] = {word: [] for word in words}
    for index, start, _ in word_automaton(words).find_matches_as_indexes(lowered, overlapping=True):
        holders[words[index]].append(bisect_right(starts, start) - 1)
    return holders


def rule_matches(
    pattern: regex.Pattern[str], lines: Lines, words: Sequence[str] = (), repeats_above: int = 0
) -> Iterator[regex.Match[str]]:
    """What ``pattern.finditer(view)`` finds, trying the pattern only where it can start.

    A pattern anchored at line starts (most rules: ``^\\h*…``) is tried once a line instead of
    once a character; with ``words``, only on the lines that hold one of them, and with
    ``repeats_above``, only on the lines that repeat text of one that many lines above (a
    match must start on such a line).
    """
    anchored = line_anchored(pattern.pattern)
    candidates = _candidates(lines, words, repeats_above)
    if candidates is None and not anchored:
        yield from pattern.finditer(lines.view)
        return
    if candidates is None:
        candidates = list(range(len(lines.starts)))
    if not anchored:
        yield from _searched(pattern, lines, candidates)
        return
    starts, resume = lines.starts, 0
    for line in candidates:
        if starts[line] < resume:  # inside the match before: a line start does not start one
            continue
        match = pattern.match(lines.view, starts[line])
        if match is not None:
            yield match
            resume = max(match.end(), match.start() + 1)


def _searched(
    pattern: regex.Pattern[str], lines: Lines, candidates: list[int]
) -> Iterator[regex.Match[str]]:
    """The matches of an unanchored ``pattern`` that start on the ``candidates`` lines, left to
    right as ``finditer`` finds them. A search from a line start finds the leftmost match at or
    after it, which stands for every candidate line up to the one it starts on: one search
    serves many lines (the engine skips ahead by the pattern's first items, which a match tried
    at each position of a line cannot)."""
    view, starts = lines.view, lines.starts
    position = 0
    ahead: regex.Match[str] | None = None
    for line in candidates:
        line_stop = starts[line + 1] if line + 1 < len(starts) else len(view) + 1
        position = max(starts[line], position)
        while position < line_stop:
            if ahead is None or ahead.start() < position:
                ahead = pattern.search(view, position)
                if ahead is None:
                    return
            if ahead.start() >= line_stop:
                break
            yield ahead
            position = max(ahead.end(), ahead.start() + 1)


def _candidates(lines: Lines, words: Sequence[str], repeats_above: int) -> list[int] | None:
    """The lines a rule's gates leave to try, in order; None for every line."""
    holding = lines.holding(words) if words else None
    if not repeats_above:
        return holding
    repeating = lines.repeating(repeats_above)
    return repeating if holding is None else sorted(set(holding).intersection(repeating))


@lru_cache(maxsize=1024)
def line_anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at a line start (``regex.MULTILINE``).

    True when the pattern opens with ``^`` (after inline flags and ``(?(DEFINE)…)`` blocks)
    and has no ``|`` outside a group. Conservative: anything else is scanned character by
    character as before.
    """
    tokens = list(top_level(pattern))
    while tokens and tokens[0].startswith(("(?(DEFINE)", "(?x)", "(?m)")):
        tokens.pop(0)
    return bool(tokens) and tokens[0] == "^" and "|" not in tokens


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
