"""Floors: pinned bounds on the evaluation's metrics, read from TOML, checked, and reported.

A floors file gates the build (``extractor eval --floors``): each metric must stay at or above
its floor, or at or below its ``.max`` for metrics where lower is better. A metric with no
value on the folder at hand is skipped, never counted as broken.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import EvaluationError
from extractor.eval_report import Report, number

LOWER_IS_BETTER = ("text.cer", "undamaged.changed")


@dataclass(frozen=True)
class Floor:
    """A pinned bound: ``metric`` must stay >= ``bound`` (or <= it when ``upper``)."""

    key: str
    metric: str
    bound: float
    upper: bool


@dataclass(frozen=True)
class Breach:
    floor: Floor
    value: float

    def __str__(self) -> str:
        sign, word = ("above", "max") if self.floor.upper else ("below", "floor")
        return f"{self.floor.metric} = {number(self.value)} is {sign} its {word} {self.floor.bound}"


def load_floors(path: Path) -> list[Floor]:
    """The ``[floors]`` table of a TOML file; an unknown or misdirected key is an error."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("floors")
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise EvaluationError(f"{path}: cannot read the floors ({error})") from error
    if not isinstance(table, dict):
        raise EvaluationError(f'{path}: needs a [floors] table of "metric" = number')
    return [_floor(path, key, bound) for key, bound in table.items()]


def _floor(path: Path, key: str, bound: Any) -> Floor:
    """Why so strict: a mistyped key would silently switch its gate off."""
    if isinstance(bound, bool) or not isinstance(bound, int | float):
        raise EvaluationError(f"{path}: floor {key!r} must be a number, not {bound!r}")
    upper = key.endswith(".max")
    metric = key.removesuffix(".max").removesuffix(".min")
    if not _known_metric(metric):
        raise EvaluationError(f"{path}: {key!r} names no metric; see `extractor eval --json`")
    if upper != metric.startswith(LOWER_IS_BETTER):
        hint = "needs" if metric.startswith(LOWER_IS_BETTER) else "must not have"
        raise EvaluationError(f"{path}: {key!r} {hint} the .max suffix (lower is better)")
    return Floor(key, metric, float(bound), upper)


def floor_messages(floors: list[Floor], breaches: list[Breach], skipped: list[Floor]) -> list[str]:
    """What the gate says: each broken floor with its value, then a one-line tally."""
    lines = [f"FLOOR BROKEN: {breach}" for breach in breaches]
    if skipped:
        names = ", ".join(floor.key for floor in skipped)
        lines.append(f"floors skipped (no value on this folder): {names}")
    checked = len(floors) - len(skipped)
    return [*lines, f"floors: {checked} checked, {len(breaches)} broken"]


def _known_metric(metric: str) -> bool:
    return metric in Report().metrics() or metric.startswith("text.cer.")


def check_floors(
    metrics: dict[str, float | None], floors: Iterable[Floor]
) -> tuple[list[Breach], list[Floor]]:
    """(floors broken, floors skipped because their metric has no value here)."""
    breaches, skipped = [], []
    for floor in floors:
        value = metrics.get(floor.metric)
        if value is None:
            skipped.append(floor)
        elif value > floor.bound if floor.upper else value < floor.bound:
            breaches.append(Breach(floor, value))
    return breaches, skipped
