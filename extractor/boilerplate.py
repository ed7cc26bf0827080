"""Site furniture and document boundaries, by the line rules in rules/boilerplate.toml.

Nothing is silently dropped: every removal becomes a splice of kind ``boilerplate`` carrying the
rule id, so it lands in the document's repair log with the original text it removed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

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
    for rule in rules.boilerplate:
        trigger = rule.compiled_trigger
        if trigger is not None and trigger.search(view) is None:
            continue
        for match in rule.compiled.finditer(view):
            line_start, line_end = _line_bounds(view, match.start(), match.end())
            if rule.action == "split":
                boundaries.add(line_start)
            hits.append((rule, *match.span(), line_start, line_end))
    ordered = sorted(boundaries)
    spans = [(*_removed_span(hit, view, ordered), hit[0].id) for hit in hits]
    return Furniture(splices=_union(spans), boundaries=ordered)


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
