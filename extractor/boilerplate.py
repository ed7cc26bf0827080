"""Site furniture and document boundaries, by the line rules in rules/boilerplate.toml.

Nothing is silently dropped: every removal becomes a splice of kind ``boilerplate`` carrying the
rule id, so it lands in the document's repair log with the original text it removed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind

from extractor.offsets import Splice
from extractor.pattern_syntax import top_level
from extractor.rules import RuleSet

KIND = "boilerplate"


@dataclass(frozen=True)
class Furniture:
    """Removals to apply, and the text positions where a new document starts."""

    splices: list[Splice]
    boundaries: list[int]


def find_furniture(text: str, view: str, rules: RuleSet) -> Furniture:
    """Every rule matched against the view; spans are text offsets (the view is aligned)."""
    hits: list[tuple[str, str, int, int, int, int]] = []  # action, rule id, match, its line
    boundaries: set[int] = set()
    lines = Lines(view, rules.line_words)
    for rule_id, action, pattern, trigger, anchored, words, repeats in _plans(rules):
        if trigger is not None and trigger.search(view) is None:
            continue
        for match in _matches(pattern, anchored, lines, words, repeats):
            start, end = match.span()
            line_start, line_end = _line_bounds(view, start, end)
            if action == "split":
                boundaries.add(line_start)
            hits.append((action, rule_id, start, end, line_start, line_end))
    ordered = sorted(boundaries)
    spans = [(*_removed_span(hit, view, ordered), hit[1]) for hit in hits]
    return Furniture(splices=_union(spans), boundaries=ordered)


# A rule as a page reads it: id, action, pattern, trigger, whether the pattern is line
# anchored, line words (a set: ``Lines.holding_indexed``), lines above it may repeat
_Plan = tuple[str, str, regex.Pattern[str], regex.Pattern[str] | None, bool, frozenset[str], int]


def _plans(rules: RuleSet) -> list[_Plan]:
    """The rules' fields read off the models once a rule set (``RuleSet.derived``), not once a
    page (a model's attribute and a compiled property each cost a lookup through pydantic's
    hooks)."""
    plans = rules.derived.get("boilerplate")
    if plans is None:
        plans = rules.derived["boilerplate"] = [
            (
                rule.id,
                rule.action,
                rule.compiled,
                rule.compiled_trigger,
                line_anchored(rule.compiled.pattern),
                frozenset(rule.line_words),
                rule.repeats_above,
            )
            for rule in rules.boilerplate
        ]
    return plans  # type: ignore[return-value]


class Lines:
    """A view's line starts, which lines hold given words (ignoring ASCII case), and which
    repeat a line above them. ``words`` (distinct: ``RuleSet.line_words``, gathered once a rule
    set) are indexed in one scan at the start (a search per word, each ruled out first by the
    page's set of characters, cost a twentieth of the run); others are sought when asked for.

    The words are found in the view's UTF-8 bytes, ASCII letters lowered: ``str.lower`` costs
    half as much again on Chinese text as encoding and lowering the bytes, and an automaton
    reading a string encodes it, then turns each match's offsets back into characters."""

    def __init__(self, view: str, words: Sequence[str] = ()) -> None:
        self.view = view
        self.starts = _line_starts(view)
        self._lowered = view.encode("utf-8", "surrogatepass").lower()
        self._holders: dict[str, list[int]] = {}  # lines of the words found or sought
        self._indexed: frozenset[str] = frozenset()  # words whose absence means none holds them
        self._bits: dict[str, int] = {}  # an indexed word -> its bit in the masks
        self._masks: dict[frozenset[str], int] = {}  # a rule's words -> the mask of their bits
        self._found = 0  # the mask of the indexed words the page holds
        if words:
            words = tuple(words)
            automaton, self._indexed, self._bits, self._masks = _word_index(words)
            self._holders = _holders(self._lowered, words, automaton)
            self._found = self._mask(self._holders)

    def holding(self, words: Iterable[str]) -> list[int]:
        """Indices of the lines that hold one of ``words``."""
        holders, indexed = self._holders, self._indexed
        found: list[int] = []
        for word in words:
            lines = holders.get(word)
            if lines is None:
                if word in indexed:
                    continue  # indexed, and on no line
                lines = holders[word] = self._seek(word)
            found += lines
        return sorted(set(found)) if found else found

    def holding_indexed(self, words: frozenset[str]) -> list[int]:
        """``holding`` for words all indexed: the page's words found looked up among them. A
        page holds a score of the 600 line words; a rule spelled out lists up to 93, and a
        look-up for each, nearly all missing, cost more than the rules' searches they spare.
        The words of two rules in three are none of the page's: their masks (one bit a word,
        kept a rule set) tell that at once, where asking each of the page's words cost ~200
        instructions."""
        mask = self._masks.get(words)
        if mask is None:
            mask = self._masks[words] = self._mask(words)
        if not mask & self._found:
            return []
        found: list[int] = []
        for word, lines in self._holders.items():
            if word in words:
                found += lines
        return sorted(set(found)) if found else found

    def _mask(self, words: Iterable[str]) -> int:
        """The bits of the indexed ones of ``words``."""
        bits = self._bits
        return sum(1 << bits[word] for word in words if word in bits)

    def _seek(self, word: str) -> list[int]:
        """The lines holding ``word``, found by searching for it (a line once)."""
        data, sought, lines = self._lowered, word.encode("utf-8", "surrogatepass"), []
        line, counted = 0, 0  # the line of byte ``counted``
        position = data.find(sought)
        while position != -1:
            line += data.count(b"\n", counted, position)
            lines.append(line)
            counted = data.find(b"\n", position)
            position = -1 if counted == -1 else data.find(sought, counted)
        return lines

    def repeating(self, reach: int) -> list[int]:
        """Indices of the lines whose text, stripped of whitespace, opens one of the ``reach``
        lines above them (after its leading whitespace). A blank line repeats nothing: it
        stands in any line, and most of those a page's blank lines gave the one rule asking (a
        title's second copy) each cost a failed match; a text standing only inside a line above
        gave it a third of its failed matches."""
        view, starts, found = self.view, self.starts, []
        for index in range(1, len(starts)):
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(view)
            body = view[starts[index] : end].strip()
            if body and _opens_a_line(view, starts, body, max(0, index - reach), index):
                found.append(index)
        return found


def _opens_a_line(view: str, starts: list[int], body: str, first: int, stop: int) -> bool:
    """Whether ``body`` (no blank) opens one of the lines ``first`` to ``stop - 1`` once its
    leading whitespace is skipped (its first character compared before the text)."""
    opening = body[0]
    for line in range(first, stop):
        position, end = starts[line], starts[line + 1] - 1
        while position < end and view[position].isspace():
            position += 1
        if view[position] == opening and view.startswith(body, position):
            return True
    return False


def _line_starts(view: str) -> list[int]:
    """Where each line starts: 0 and each newline's next position (no list of the lines)."""
    starts = [0]
    newline = view.find("\n")
    while newline != -1:
        starts.append(newline + 1)
        newline = view.find("\n", newline + 1)
    return starts


def _holders(
    lowered: bytes, words: tuple[str, ...], automaton: BytesAhoCorasick
) -> dict[str, list[int]]:
    """For the words found, the lines holding them (in order, perhaps repeated), from one pass
    of an Aho-Corasick automaton that finds every word at once, overlapping ones included (a
    trie pattern on ``re`` tries the words' 170 first characters at every position). The
    automaton finds the newlines too, after the words: it gives matches by their end, and no
    word holds a newline, so each word comes after the newlines before it and before the
    ones after it, and the newlines counted so far are its line."""
    holders: dict[str, list[int]] = {}
    line, newline = 0, len(words)
    for index, _, _ in automaton.find_matches_as_indexes(lowered, overlapping=True):
        if index == newline:
            line += 1
            continue
        held = holders.get(words[index])
        if held is None:
            holders[words[index]] = [line]
        else:
            held.append(line)
    return holders


# what a rule set's line words are indexed by: their automaton (``_automaton``), the words as
# a set, each word's bit in the masks, and the masks of the rules' words, filled as they ask
_WordIndex = tuple[BytesAhoCorasick, frozenset[str], dict[str, int], dict[frozenset[str], int]]


@lru_cache(maxsize=32)
def _word_index(words: tuple[str, ...]) -> _WordIndex:
    """The index of ``words``, kept: one look-up a page, not one for each part (each hashed
    the 600 words' tuple, ~24,000 instructions)."""
    bits = {word: index for index, word in enumerate(words)}
    return _automaton(words), frozenset(words), bits, {}


def _automaton(words: tuple[str, ...]) -> BytesAhoCorasick:
    """The words in UTF-8, then a newline, as an Aho-Corasick automaton (a DFA: the line words
    are found in a third less time than by the NFA the library picks for them)."""
    patterns = [word.encode("utf-8", "surrogatepass") for word in (*words, "\n")]
    return BytesAhoCorasick(
        patterns, matchkind=MatchKind.Standard, implementation=Implementation.DFA
    )


def rule_matches(
    pattern: regex.Pattern[str], lines: Lines, words: Sequence[str] = (), repeats_above: int = 0
) -> list[regex.Match[str]]:
    """What ``pattern.finditer(view)`` finds, trying the pattern only where it can start.

    A pattern anchored at line starts (most rules: ``^\\h*…``) is tried once a line instead of
    once a character; with ``words``, only on the lines that hold one of them, and with
    ``repeats_above``, only on the lines that repeat text of one that many lines above (a
    match must start on such a line).
    """
    return _matches(pattern, line_anchored(pattern.pattern), lines, tuple(words), repeats_above)


def _matches(
    pattern: regex.Pattern[str],
    anchored: bool,
    lines: Lines,
    words: Collection[str],
    repeats_above: int,
) -> list[regex.Match[str]]:
    """``rule_matches``, told whether the pattern is ``line_anchored``."""
    candidates = _candidates(lines, words, repeats_above)
    if candidates is None and not anchored:
        return list(pattern.finditer(lines.view))
    if candidates is None:
        candidates = list(range(len(lines.starts)))
    if not anchored:
        return _searched(pattern, lines, candidates)
    view, starts, found = lines.view, lines.starts, []
    resume = 0
    for line in candidates:
        start = starts[line]
        if start < resume:  # inside the match before: a line start does not start one
            continue
        match = pattern.match(view, start)
        if match is not None:
            found.append(match)
            resume = max(match.end(), match.start() + 1)
    return found


def _searched(
    pattern: regex.Pattern[str], lines: Lines, candidates: list[int]
) -> list[regex.Match[str]]:
    """The matches of an unanchored ``pattern`` that start on the ``candidates`` lines, left to
    right as ``finditer`` finds them. A search from a line start finds the leftmost match at or
    after it, which stands for every candidate line up to the one it starts on: one search
    serves many lines (the engine skips ahead by the pattern's first items, which a match tried
    at each position of a line cannot)."""
    view, starts, found = lines.view, lines.starts, []
    position = 0
    ahead: regex.Match[str] | None = None
    for line in candidates:
        line_stop = starts[line + 1] if line + 1 < len(starts) else len(view) + 1
        position = max(starts[line], position)
        while position < line_stop:
            if ahead is None or ahead.start() < position:
                ahead = pattern.search(view, position)
                if ahead is None:
                    return found
            if ahead.start() >= line_stop:
                break
            found.append(ahead)
            position = max(ahead.end(), ahead.start() + 1)
    return found


def _candidates(lines: Lines, words: Collection[str], repeats_above: int) -> list[int] | None:
    """The lines a rule's gates leave to try, in order; None for every line. Words given as a
    set are a rule's in ``find_furniture``, all indexed (``RuleSet.line_words``)."""
    if not words:
        holding = None
    elif isinstance(words, frozenset):
        holding = lines.holding_indexed(words)
    else:
        holding = lines.holding(words)
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
    hit: tuple[str, str, int, int, int, int], view: str, boundaries: list[int]
) -> tuple[int, int]:
    """What a hit removes; ``drop_rest`` stops at the next document boundary."""
    action, _, match_start, match_end, line_start, line_end = hit
    if action == "drop_line":
        return line_start, line_end
    if action == "drop_rest":
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
