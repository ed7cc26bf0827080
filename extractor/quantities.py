"""Counts: a number with its classifier (117名, 58户, 五所, 4.26万余人次, 3至5户).

Found by the compiled rules of ``rules/quantities.toml`` over the matching view; overlapping
candidates keep the longest, a not-a-count rule (ordinals, durations, slogans such as 一户一策,
words such as 处理) vetoes any candidate it touches, and candidates inside a money mention are
dropped. Dates, percentages and measures never match: their units are not classifiers.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from operator import itemgetter

import regex

from extractor.figure_rules import Bound, QuantityRules
from extractor.figure_spans import overlaps, veto_spans
from extractor.numbers import has_digit_run, parse

_MAX_COUNTED = 10


class Count:
    """One count as found; offsets index the text (and its matching view).

    A plain class, not a dataclass: compiled, a dataclass's generated ``__init__`` still runs
    as Python bytecode, about 2,000 instructions a count; compiled, a C class
    (``quantities.pxd``; the slots serve pure Python).
    """

    __slots__ = (
        "bound",
        "counted",
        "end",
        "high",
        "low",
        "people",
        "rule",
        "start",
        "unit_end",
        "unit_start",
        "value",
    )

    def __init__(
        self, start: int, end: int, rule: str, value: Decimal, unit_start: int, unit_end: int
    ) -> None:
        self.start, self.end, self.rule, self.value = start, end, rule, value
        self.unit_start, self.unit_end = unit_start, unit_end
        self.bound: Bound = "exact"
        self.low: Decimal | None = None
        self.high: Decimal | None = None
        self.counted: tuple[int, int] | None = None  # what it counts: 117名【困难群众】
        self.people = False  # the unit counts people or households (名, 人, 户 …)


def find_quantities(
    view: str, rules: QuantityRules, money: list[tuple[int, int]] = ()
) -> list[Count]:
    """Every count in ``view`` in text order, none inside the ``money`` spans (sorted)."""
    candidates = []
    for order, compiled in enumerate(rules.rules):
        slots = tuple([compiled.regex.groupindex.get(name, 0) for name in _GROUPS])
        rule = compiled.rule.id
        for match in compiled.regex.finditer(view):
            count = _interpret(match, rule, slots)
            if count is not None:
                candidates.append((count.start, -(count.end - count.start), order, count))
    # loops, not comprehensions: compiled, a comprehension's count is untyped, its fields
    # Python attribute look-ups (six a count); the last kept count's end a C int
    kept: list[Count] = []
    spans: list[tuple[int, int]] = []
    last_end = 0
    for _, _, _, count in sorted(candidates, key=_BY_PLACE):
        if not kept or count.start >= last_end:
            kept.append(count)
            spans.append((count.start, count.end))
            last_end = count.end
    vetoes = veto_spans(rules.vetoes, view, spans)
    money = list(money)
    people_units = rules.people_units
    found: list[Count] = []
    for count in kept:
        if overlaps(vetoes, count.start, count.end) or overlaps(money, count.start, count.end):
            continue
        count.counted = _counted(view, count.end, rules)
        count.people = view[count.unit_start : count.unit_end] in people_units
        found.append(count)
    return found


# The named groups ``_interpret`` reads, by number: a group asked for by name cost the regex
# module four times as much, and a page has hundreds of counts. A rule must name num and unit
# (checked as the rules load); high, inner and qpost it may leave out (number 0).
_GROUPS = ("num", "high", "inner", "qpost", "unit")
_BY_PLACE = itemgetter(0, 1, 2)  # a candidate's start, minus its length, its rule's order


def _interpret(match: regex.Match[str], rule: str, slots: tuple[int, ...]) -> Count | None:
    """The value of one match; None for a decimal without 万/亿 (8.5个) or a digit code (七一).
    ``slots``: the numbers of the ``_GROUPS`` in the rule's pattern."""
    groups = (None, *match.groups())  # group 0: the absent optional groups
    value = _value(groups[slots[0]])
    if value is None:
        return None
    high_text, inner, qpost = groups[slots[1]], groups[slots[2]], groups[slots[3]]
    unit_start, unit_end = match.span(slots[4])
    count = Count(match.start(), match.end(), rule, value, unit_start, unit_end)
    if high_text:
        high = _value(high_text)
        if high is None or high <= value:
            return None
        count.bound, count.low, count.high = "range", value, high
    elif inner or qpost == "以上":
        count.bound, count.low = "at_least", value
    elif qpost == "以下":
        count.bound, count.high = "at_most", value
    elif qpost == "左右":
        count.bound = "about"
    return count


@lru_cache(maxsize=4096)
def _value(text: str) -> Decimal | None:
    """A count's value, None for no count (kept per number: a page writes 一, 两 and 3 often)."""
    if "." in text and not text.endswith(("万", "亿")):
        return None
    if not text[0].isascii() and has_digit_run(text):
        return None
    parsed = parse(text)
    if parsed is None or parsed.is_range or parsed.low <= 0:
        return None
    return parsed.low


def _counted(view: str, end: int, rules: QuantityRules) -> tuple[int, int] | None:
    """The words right after the classifier, up to a stop (117名困难群众交纳 → 困难群众)."""
    limit = min(len(view), end + _MAX_COUNTED)
    stop = rules.counted_stops.search(view, end, limit)
    finish = stop.start() if stop else limit
    if finish - end < 2 or (stop is None and limit < len(view)):
        return None
    return end, finish
