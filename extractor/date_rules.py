"""The period words of ``rules/dates.toml``: loading, validation and their labels.

Each rule names a word that is a date on its own (上半年, 春节, “十三五”时期, 今年 …). The
numeric grammar (years, months, days, ranges) lives in ``extractor.dates``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from extractor.rules import _merge, _Rule, default_rules_dir

_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTERS = "一二三四"
_MEMORIAL = {
    "七一": (7, 1),
    "六一": (6, 1),
    "三八": (3, 8),
    "五一": (5, 1),
    "八一": (8, 1),
    "五四": (5, 4),
}
_RELATIVE = {
    "今年": 0, "本年度": 0, "本年": 0, "当年": 0, "去年": -1, "上年度": -1, "上一年": -1,
    "上年": -1, "明年": 1, "下年度": 1, "次年": 1, "前年": -2,
}  # fmt: skip


class DateWordRule(_Rule):
    """A word that is a date or period by itself."""

    label: str
    examples: list[str]
    counter_examples: list[str] = Field(default_factory=list)


def load_date_words(rules_dirs: Sequence[Path] = ()) -> tuple[DateWordRule, ...]:
    return _load(tuple(Path(d).resolve() for d in rules_dirs))


@lru_cache(maxsize=16)
def _load(extra: tuple[Path, ...]) -> tuple[DateWordRule, ...]:
    return _merge((default_rules_dir(), *extra), "dates.toml", DateWordRule)


def word_meaning(
    rule: DateWordRule, word: str
) -> tuple[str | None, int | None, int | None, int | None]:
    """(period label, month, day, relative year offset) of a matched word (matching view)."""
    label = rule.label
    if label == "$0":
        return word, None, None, None
    if label == "quarter":
        digit = word.lstrip("第")[0]
        return f"第{_QUARTERS[_CN[digit] - 1]}季度", None, None, None
    if label == "year_edge":
        return ("年底" if word == "年末" else word), None, None, None
    if label == "festival":
        keep = word if word in ("春节", "元旦") or len(word) == 2 else word.removesuffix("节")
        return keep, None, None, None
    if label == "quoted_festival":
        return word[1:3], None, None, None
    if label == "bare_day":
        month, day = _MEMORIAL[word]
        return word, month, day, None
    if label == "plan_period":
        return word.strip('"“”').removesuffix("时期").strip('"“”'), None, None, None
    if label == "season_turn":
        return word[-1], None, None, None
    if label == "relative":
        if word.startswith("近"):
            return None, None, None, 0
        edge = {"底": "年底", "末": "年底", "初": "年初"}.get(word[-1])
        base = word.removesuffix("同期").rstrip("底末初")
        return edge, None, None, _RELATIVE.get(base, 0)
    return label, None, None, None
