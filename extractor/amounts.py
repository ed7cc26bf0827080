"""Money mentions: where they are, what they are worth, and what the clause says about them.

Candidates come from the compiled pattern rules of ``rules/money.toml`` run over the matching
view (Simplified, ASCII width, aligned with the text, so offsets are offsets into the text);
overlaps keep the longest, and a not-money rule vetoes any candidate it touches. Each kept
match is valued with ``extractor.numbers`` (``Decimal``, in the currency's unit). The clause
around it then gives the rate (每户 → per 户), the action (捐资), the giver and recipient when
stated, and whether it is a total or a part of one (共计 …，其中 …).
"""

from __future__ import annotations

import re
from decimal import Decimal

import regex

from extractor.figure_rules import Bound, MoneyRules
from extractor.figure_spans import merged_windows, overlaps, veto_spans
from extractor.numbers import BIG_UNITS, SMALL_UNITS, parse

# the patterns of this module and the rules' word lists run on `re`: plain classes and words
_CLAUSE_MARKS = ",;:!?。\n"
CLAUSE_END = re.compile(f"[{_CLAUSE_MARKS}]")
SENTENCE_END = re.compile(r"[。!?\n]")
CLAUSE_REACH = 60  # the longest stretch before an amount read as its clause
_RECIPIENT_LEAD = re.compile(r",?(?:用于)?")
WINDOW_BEFORE, WINDOW_AFTER = 32, 8  # characters around a currency word searched for money
_STRIP_INNER = str.maketrans("", "", "多余")
_UNITS = {**SMALL_UNITS, **BIG_UNITS}
_NO_CHANGE = Decimal(0)  # most amounts have no 角 or 分: their change made once
_ONE = Decimal(1)  # the scale of most currency words (毛钱 is worth 0.1), made once


class Span:
    """A stretch of the view (a giver, a recipient, a purpose)."""

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


class Money:
    """One money mention as found; offsets index the text (and its matching view).

    A plain class, not a dataclass: compiled, a dataclass's generated ``__init__`` still runs
    as Python bytecode for each candidate; compiled, a C class (``amounts.pxd``; the slots
    serve pure Python).
    """

    __slots__ = (
        "action",
        "bound",
        "currency",
        "end",
        "giver",
        "high",
        "low",
        "masked",
        "part_of",
        "per",
        "purpose",
        "recipient",
        "role",
        "rule",
        "start",
        "value",
    )

    def __init__(
        self,
        start: int,
        end: int,
        rule: str,
        value: Decimal | None,
        currency: str,
        bound: Bound,
        masked: bool = False,
    ) -> None:
        self.start, self.end, self.rule, self.value = start, end, rule, value
        self.currency, self.bound, self.masked = currency, bound, masked
        self.low: Decimal | None = None
        self.high: Decimal | None = None
        self.per: str | None = None
        self.action: str | None = None
        self.giver: Span | None = None
        self.recipient: Span | None = None
        self.purpose: Span | None = None
        self.role: str | None = None
        self.part_of: int | None = None


def find_amounts(view: str, rules: MoneyRules) -> list[Money]:
    """Every money mention in ``view`` (a matching view), in text order, with its context."""
    candidates = []
    for window_start, window_end in _windows(view, rules):
        for order, compiled in enumerate(rules.rules):
            trigger = compiled.trigger
            if trigger is not None and trigger.search(view, window_start, window_end) is None:
                continue  # a range needs its 至, a symbol rule its sign: most windows lack them
            for match in compiled.regex.finditer(view, window_start, window_end):
                money = _interpret(match, compiled.rule.id, rules)
                if money is not None:
                    candidates.append((money.start, -(money.end - money.start), order, money))
    kept = _vetoed(_non_overlapping(candidates), view, rules)
    for index in range(len(kept)):
        _describe(view, kept, index, rules)
    _link_parts(view, kept)
    return kept


def _windows(view: str, rules: MoneyRules) -> list[tuple[int, int]]:
    """Stretches around currency words and signs: the only places money can be.

    The full patterns (with their optional qualifiers) run only there, which keeps the stage
    fast on long texts; windows are wide enough for any qualifier, range and number.
    """
    anchors = [m.span() for m in rules.anchors.finditer(view)]  # a list: a generator is an object
    return merged_windows(anchors, WINDOW_BEFORE, WINDOW_AFTER, len(view))


def _non_overlapping(candidates: list[tuple[int, int, int, Money]]) -> list[Money]:
    kept: list[Money] = []
    for _, _, _, money in sorted(candidates, key=lambda c: c[:3]):
        if not kept or money.start >= kept[-1].end:
            kept.append(money)
    return kept


def _vetoed(found: list[Money], view: str, rules: MoneyRules) -> list[Money]:
    """Candidates that no not-money rule overlaps."""
    spans = veto_spans(rules.vetoes, view, [(m.start, m.end) for m in found])
    return [money for money in found if not overlaps(spans, money.start, money.end)]


# ---- value ------------------------------------------------------------------------------------


def _interpret(match: regex.Match[str], rule: str, rules: MoneyRules) -> Money | None:
    """Value, currency and bound of one match; None when its number does not parse."""
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    start = match.start()
    qualified = groups.get("qpre2") or groups.get("qpre")
    if groups.get("cpre") and not qualified and rules.currency_of.get(groups["cpre"]) == "CNY":
        start = match.start("cpre") + len(groups["cpre"])  # 人民币 stays outside the text
    currency = _currency(groups, rules)
    bound = _bound(groups, rules)
    if "mask" in groups:
        return Money(start, match.end(), rule, None, currency, bound, masked=True)
    number = parse(groups["num"].translate(_STRIP_INNER))
    if number is None:
        return None
    scale = rules.word_scale.get(groups.get("cur", ""), _ONE)
    value = number.low * scale + _change(groups.get("sub", ""), groups.get("cur", ""))
    high = number.high * scale
    low = value
    if "low" in groups:
        parsed_low = parse(groups["low"].translate(_STRIP_INNER))
        if parsed_low is None or parsed_low.is_range:
            return None
        low = _distribute(groups["low"], parsed_low.low, groups["num"], number.low, groups)
        value, high, bound = low, number.low, "range"
    elif number.is_range:
        bound = "range"
    money = Money(start, match.end(), rule, value, currency, bound)
    _set_bounds(money, low, high)
    return money


def _currency(groups: dict[str, str], rules: MoneyRules) -> str:
    """A prefix or sign decides for generic words (港币20万元 is HKD); else the word after."""
    word = groups.get("cur", "")
    prefix = groups.get("symbol") or groups.get("cpre")
    if prefix and (not word or word in rules.generic):
        return rules.currency_of.get(prefix, "CNY")
    return rules.currency_of.get(word, "CNY")


def _bound(groups: dict[str, str], rules: MoneyRules) -> Bound:
    number = groups.get("num", "")
    inner_in_number = "多" if "多" in number else ("余" if "余" in number else None)
    for word in (
        groups.get("qpre"),
        groups.get("qpre2"),
        groups.get("inner") or inner_in_number,
        groups.get("qpost"),
    ):
        if word and word in rules.bound_of:
            return rules.bound_of[word]
    return "exact"


def _set_bounds(money: Money, low: Decimal, high: Decimal) -> None:
    if money.bound == "range":
        money.low, money.high = low, high
    elif money.bound == "at_least":
        money.low = money.value
    elif money.bound == "at_most":
        money.high = money.value


def _change(sub: str, cur: str = "") -> Decimal:
    """角, 分 (and 块五) after the yuan: 5角 → 0.5, 3分 → 0.03; 整 adds nothing."""
    if not sub:
        return _NO_CHANGE
    total = Decimal(0)
    digits = [c for c in sub if c not in "零角毛分整"]
    units = [c for c in sub if c in "角毛分"]
    if digits and not units:  # 12块5 (a 角), 三毛五 (a 分)
        units = ["分" if cur == "毛" else "角"]
    for digit, unit in zip(digits, units, strict=False):
        parsed = parse(digit)
        if parsed is not None:
            total += parsed.low * (Decimal("0.1") if unit in "角毛" else Decimal("0.01"))
    return total


def _distribute(low_text: str, low: Decimal, high_text: str, high: Decimal, groups) -> Decimal:
    """3至5万元: the unit written once serves both ends (3万); 5000至3万 keeps 5000."""
    if groups.get("lowcur"):
        return low
    high_units = _trailing_units(high_text)
    low_units = _trailing_units(low_text)
    if not high_units.startswith(low_units) or high_units == low_units:
        return low
    missing = high_units[len(low_units) :]
    multiplier = Decimal(1)
    for char in missing:
        multiplier *= _UNITS[char]
    return low * multiplier if low * multiplier <= high else low


def _trailing_units(text: str) -> str:
    stripped = text.translate(_STRIP_INNER)
    end = len(stripped)
    while end and stripped[end - 1] in _UNITS:
        end -= 1
    return stripped[end:]


# ---- context ----------------------------------------------------------------------------------


def _describe(view: str, found: list[Money], index: int, rules: MoneyRules) -> None:
    """Rate, action, giver, recipient and purpose from the clause around one amount."""
    money = found[index]
    clause_start = clause_start_before(view, money.start)
    previous_end = found[index - 1].end if index else 0
    window = max(clause_start, previous_end)
    before = view[window : money.start]
    money.per = _per(before, view[money.end : money.end + 4], rules)
    action = _last(rules.actions, before)
    if action is not None:
        money.action = action.group()
        money.giver = _giver(before[: action.start()], window, rules)
    if rules.totals.search(before):
        money.role = "total"
    money.recipient = _recipient_before(before, window, rules) or _recipient_after(
        view, money.end, rules
    )
    money.purpose = _purpose(view, money.end, rules)


def clause_start_before(view: str, start: int) -> int:
    """Where the clause holding ``start`` begins: after the last clause mark before it, at most
    ``CLAUSE_REACH`` back (sought backwards from ``start``, a character at a time: listing
    every mark of the view for the few amounts it holds cost more)."""
    low = max(0, start - CLAUSE_REACH)
    place = start
    while place > low:  # compiled, a C loop: a search's call cost more than most clauses
        place -= 1
        if view[place] in _CLAUSE_MARKS:
            return place + 1
    return low


def _per(before: str, after: str, rules: MoneyRules) -> str | None:
    """The first rate cue in the clause before the amount, else one right after it (元/人)."""
    best: tuple[int, str] | None = None
    for compiled in rules.per:
        read_after = compiled.rule.after  # a pydantic field: read once, not twice
        text = after if read_after else before
        if not _may_hold(text, compiled.words):
            continue  # most clauses hold no 均, no 每: `in` asks less than a search
        match = compiled.regex.search(text)
        if match is None:
            continue
        position = len(before) + match.start() if read_after else match.start()
        if best is None or position < best[0]:
            best = (position, match.group("label"))
    if best is None:
        return None
    return rules.per_aliases.get(best[1], best[1])


def _may_hold(text: str, words: tuple[str, ...] | None) -> bool:
    """Does ``text`` hold one of the ``words`` every match holds (None: no such words)?"""
    if words is None:
        return True
    for word in words:  # noqa: SIM110 (a loop, not any(): a closure is no C function)
        if word in text:
            return True
    return False


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007
        pass
    return last


def _giver(phrase: str, offset: int, rules: MoneyRules) -> Span | None:
    """The noun phrase before the action, if it ends like someone who can give (局, 职工 …)."""
    lead = rules.giver_lead.match(phrase)
    skip = lead.end() if lead else 0
    candidate = phrase[skip:]
    if not 1 <= len(candidate) <= 20 or not candidate.endswith(rules.givers):
        return None
    return Span(offset + skip, offset + len(phrase))


def _recipient_before(before: str, offset: int, rules: MoneyRules) -> Span | None:
    """为该村困难群众交纳 N元: the phrase between 为/向/给 and the action."""
    marker = _last(rules.recipient_markers, before)
    if marker is None:
        return None
    action = rules.actions.search(before, marker.end())
    end = action.start() if action else len(before)
    if not 1 <= end - marker.end() <= 20:
        return None
    return Span(offset + marker.end(), offset + end)


def _recipient_after(view: str, end: int, rules: MoneyRules) -> Span | None:
    """N元，为该村117名困难群众交纳 …: a recipient phrase opening the next words."""
    match = _RECIPIENT_LEAD.match(view, end)
    position = match.end() if match else end
    marker = rules.recipient_markers.match(view, position)
    if marker is None:
        return None
    stop = CLAUSE_END.search(view, marker.end(), marker.end() + 24)
    limit = stop.start() if stop else min(len(view), marker.end() + 20)
    action = rules.actions.search(view, marker.end(), limit)
    finish = action.start() if action else limit
    if finish - marker.end() < 1:
        return None
    return Span(marker.end(), finish)


def _purpose(view: str, end: int, rules: MoneyRules) -> Span | None:
    """用于 …: the stated use, to the end of its clause, in the same sentence."""
    sentence = SENTENCE_END.search(view, end)
    limit = sentence.start() if sentence else len(view)
    marker = rules.purpose_markers.search(view, end, min(limit, end + 12))
    if marker is None:
        return None
    stop = CLAUSE_END.search(view, marker.end(), limit)
    finish = stop.start() if stop else limit
    if not 1 <= finish - marker.end() <= 40:
        return None
    return Span(marker.end(), finish)


def _link_parts(view: str, found: list[Money]) -> None:
    """After 其中 in a sentence, the amounts are parts of the last amount before it."""
    for index, money in enumerate(found):
        sentence = view.rfind("。", 0, money.start)
        newline = view.rfind("\n", 0, money.start)
        start = max(sentence, newline) + 1
        marker = view.rfind("其中", start, money.start)
        if marker < 0:
            continue
        total = index - 1
        while total >= 0 and found[total].end > marker:
            total -= 1
        if total < 0 or found[total].start < start:
            continue
        money.role, money.part_of = "part", total
        found[total].role = found[total].role or "total"
