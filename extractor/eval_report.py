"""The report of an evaluation: counts that add up across inputs, the ratios they give, tables.

Every figure is micro-averaged (counts are summed over all inputs before dividing), so a long
document weighs more than a short one and one empty field cannot swing the score. A ratio with
nothing to count is ``None``, not 0: "not measured" must never look like "all wrong", and
floors skip it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Self

from rich.table import Table

# What identifies a mention of each field: two mentions match when these keys are equal.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "sections": ("level", "marker", "title"),
    "amounts": ("text", "value", "bound"),
    "quantities": ("text", "value", "unit"),
    "dates": ("text", "year", "month", "day"),
    "people": ("name",),
    "organisations": ("name",),
    "places": ("name",),
}
ACCURACY_FIELDS = ("title", "issuer", "signed_date")


class _Tally:
    """Counts that add up across documents and inputs before any ratio is taken."""

    def add(self, other: Self) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def as_json(self) -> dict[str, Any]:
        """The counts and, beside them, the ratios they give."""
        ratios = ("precision", "recall", "f1", "value", "cer")
        return asdict(self) | {name: getattr(self, name) for name in ratios if hasattr(self, name)}


@dataclass
class Counts(_Tally):
    """Matched, gold and predicted mentions of one field."""

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """2·matched / (gold + predicted): defined whenever either side has anything."""
        total = self.gold + self.predicted
        return 2 * self.matched / total if total else None


@dataclass
class Ratio(_Tally):
    """hits out of total, e.g. titles right out of titles compared."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class TextErrors(_Tally):
    """Summed Levenshtein distances over summed gold lengths: the character error rate."""

    distance: int = 0
    length: int = 0

    @property
    def cer(self) -> float | None:
        return self.distance / self.length if self.length else None


@dataclass
class Report:
    """Everything measured on one gold folder."""

    inputs: int = 0
    failed: list[str] = field(default_factory=list)
    gold_documents: int = 0
    predicted_documents: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELD_KEYS})
    roles: Ratio = field(default_factory=Ratio)
    accuracy: dict[str, Ratio] = field(
        default_factory=lambda: {f: Ratio() for f in ACCURACY_FIELDS}
    )
    text: TextErrors = field(default_factory=TextErrors)
    text_by_kind: dict[str, TextErrors] = field(default_factory=dict)
    garbled_restored: Ratio = field(default_factory=Ratio)
    garbled_recoverable: Ratio = field(default_factory=Ratio)  # those that left a trace
    undamaged_changed: Ratio = field(default_factory=Ratio)

    def metrics(self) -> dict[str, float | None]:
        """Flat metric names, the ones floors refer to."""
        flat: dict[str, float | None] = {}
        for name, counts in self.fields.items():
            flat |= {f"{name}.precision": counts.precision, f"{name}.recall": counts.recall}
            flat[f"{name}.f1"] = counts.f1
        flat["roles.recall"] = self.roles.value
        flat |= {f"{name}.accuracy": ratio.value for name, ratio in self.accuracy.items()}
        flat["text.cer"] = self.text.cer
        flat |= {f"text.cer.{kind}": errors.cer for kind, errors in self.text_by_kind.items()}
        flat["garbled.restored"] = self.garbled_restored.value
        flat["garbled.restored.recoverable"] = self.garbled_recoverable.value
        changed = self.undamaged_changed
        flat["undamaged.changed"] = changed.value
        flat["undamaged.changed.count"] = float(changed.hits) if changed.total else None
        return flat

    def to_json(self) -> dict[str, Any]:
        """The same numbers as the table, with the counts behind each ratio."""
        by_kind = sorted(self.text_by_kind.items())
        return {
            "inputs": self.inputs,
            "failed_inputs": self.failed,
            "documents": {"gold": self.gold_documents, "predicted": self.predicted_documents},
            "fields": {name: counts.as_json() for name, counts in self.fields.items()},
            "roles": self.roles.as_json(),
            "accuracy": {name: ratio.as_json() for name, ratio in self.accuracy.items()},
            "text": self.text.as_json() | {"by_kind": {k: e.as_json() for k, e in by_kind}},
            "garbled_restored": self.garbled_restored.as_json(),
            "garbled_restored_recoverable": self.garbled_recoverable.as_json(),
            "undamaged_changed": self.undamaged_changed.as_json(),
            "metrics": self.metrics(),
        }


# ---- rendering --------------------------------------------------------------------------------


def number(value: float | None) -> str:
    """Four decimals, six for small rates (a CER of 0.00003 must not read as 0)."""
    if value is None:
        return "—"
    return f"{value:.6f}" if 0 < value < 0.01 else f"{value:.4f}"


def render(report: Report) -> list[Table]:
    """Two tables: fields × P/R/F1, then everything that is one number."""
    fields = Table("field", "gold", "predicted", "matched", "precision", "recall", "F1")
    fields.title = (
        f"{report.inputs} inputs ({len(report.failed)} failed): "
        f"{report.gold_documents} gold documents, {report.predicted_documents} predicted"
    )
    for name, c in report.fields.items():
        scores = (number(c.precision), number(c.recall), number(c.f1))
        fields.add_row(name, str(c.gold), str(c.predicted), str(c.matched), *scores)
    other = Table("metric", "value", "counts")
    for label, value, counts in _single_rows(report):
        other.add_row(label, number(value), counts)
    return [fields, other]


def _single_rows(report: Report) -> Iterator[tuple[str, float | None, str]]:
    yield "roles.recall", report.roles.value, f"{report.roles.hits}/{report.roles.total} roles"
    for name, ratio in report.accuracy.items():
        yield f"{name}.accuracy", ratio.value, f"{ratio.hits}/{ratio.total} documents"
    text = report.text
    yield "text.cer", text.cer, f"{text.distance} edits / {text.length} chars"
    for kind, errors in sorted(report.text_by_kind.items()):
        yield f"text.cer.{kind}", errors.cer, f"{errors.distance} edits / {errors.length} chars"
    restored, changed = report.garbled_restored, report.undamaged_changed
    yield "garbled.restored", restored.value, f"{restored.hits}/{restored.total} garbled chars"
    traced = report.garbled_recoverable
    counts = f"{traced.hits}/{traced.total} garbled chars that left a trace"
    yield "garbled.restored.recoverable", traced.value, counts
    yield "undamaged.changed", changed.value, f"{changed.hits}/{changed.total} undamaged chars"
