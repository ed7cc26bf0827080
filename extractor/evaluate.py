"""Evaluation: score ``extract()`` against gold annotations and simulator truth, gate on floors.

Every figure is micro-averaged (counts are summed over all inputs before dividing), so a long
document weighs more than a short one and one empty field cannot swing the score. A ratio with
nothing to count is ``None``, not 0: "not measured" must never look like "all wrong", and
floors skip it. Documents are paired by order; a missing or extra document counts in full.
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal, Self

from rapidfuzz.distance import Levenshtein
from rich.table import Table

from extractor.errors import ExtractionError
from extractor.pipeline import Options, extract

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
DECIMAL_KEYS = frozenset({"value"})
ACCURACY_FIELDS = ("title", "issuer", "signed_date")
LOWER_IS_BETTER = ("text.cer", "undamaged.changed")

Doc = dict[str, Any]


class EvaluationError(ValueError):
    """A gold folder or floors file that cannot be used; the message names the file."""


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
            "undamaged_changed": self.undamaged_changed.as_json(),
            "metrics": self.metrics(),
        }


# ---- the gold folder --------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One gold or truth file: which input, what it should give, which CER buckets it feeds."""

    name: str
    input: Path
    kind: Literal["gold", "truth"]
    buckets: tuple[str, ...]
    documents: list[Doc]


def load_cases(gold_dir: Path) -> list[Case]:
    """Gold files (input relative to the folder's parent) and truth files (relative to it)."""
    cases = [_case(path, "gold") for path in sorted(gold_dir.glob("*.gold.json"))]
    cases += [_case(path, "truth") for path in sorted(gold_dir.glob("*.truth.json"))]
    if not cases:
        raise EvaluationError(f"{gold_dir}: no *.gold.json or *.truth.json files to evaluate")
    return cases


def _case(path: Path, kind: Literal["gold", "truth"]) -> Case:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        relative = Path(record["input"])
        documents = list(record["documents"])
        kinds = () if kind == "gold" else tuple(record["kinds"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise EvaluationError(f"{path}: not a usable {kind} file ({error})") from error
    base = path.parent.parent if kind == "gold" else path.parent
    if not (base / relative).is_file():
        raise EvaluationError(f"{path}: its input {base / relative} does not exist")
    buckets = (relative.parent.name or "other",) if kind == "gold" else kinds
    return Case(str(path), base / relative, kind, buckets, documents)


def predict(case: Case, options: Options) -> tuple[list[Doc], str | None]:
    """The extractor's documents as JSON dicts; an ExtractionError is zero documents."""
    try:
        documents = extract(case.input.read_bytes(), source=str(case.input), options=options)
    except ExtractionError as error:
        return [], error.code
    return [document.model_dump(mode="json") for document in documents], None


# ---- matching ---------------------------------------------------------------------------------


def normalise_decimal(value: Any) -> str | None:
    """One spelling per number: "864000", "8.64E+5" and "864000.00" all give "864000"."""
    if value is None:
        return None
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)


def mention_key(name: str, item: Doc) -> tuple[Any, ...]:
    """What must be equal for a predicted mention to match a gold one."""
    return tuple(
        normalise_decimal(item.get(key)) if key in DECIMAL_KEYS else item.get(key)
        for key in FIELD_KEYS[name]
    )


def flatten(items: Iterable[Doc]) -> Iterator[Doc]:
    """Sections may come as a tree (``children``); gold lists them flat, in text order."""
    for item in items:
        yield item
        yield from flatten(item.get("children") or [])


def match_field(name: str, gold: list[Doc], predicted: list[Doc]) -> Counts:
    """Multiset matching: a key counts at most as often as it occurs on both sides."""
    gold_keys = Counter(mention_key(name, item) for item in flatten(gold))
    predicted_keys = Counter(mention_key(name, item) for item in flatten(predicted))
    matched = sum((gold_keys & predicted_keys).values())
    return Counts(matched, gold_keys.total(), predicted_keys.total())


def match_roles(gold: list[Doc], predicted: list[Doc]) -> Ratio:
    """Of the gold people the extractor found by name, the share of their roles it found."""
    by_name: dict[str, Doc] = {}
    for person in predicted:
        by_name.setdefault(person.get("name", ""), person)
    ratio = Ratio()
    for person in gold:
        found = by_name.get(person.get("name", ""))
        if found is None:
            continue
        roles = Counter(person.get("roles") or [])
        ratio.hits += sum((roles & Counter(found.get("roles") or [])).values())
        ratio.total += roles.total()
    return ratio


def same_value(name: str, gold: Any, predicted: Any) -> bool:
    """Titles and issuers are equal strings; a signed date is equal in year, month and day."""
    if name != "signed_date" or gold is None or predicted is None:
        return gold == predicted
    return all(gold.get(key) == predicted.get(key) for key in ("year", "month", "day"))


# ---- text -------------------------------------------------------------------------------------


def kept_characters(truth: str, predicted: str) -> list[bool]:
    """For each truth character: does it sit in an "equal" block of the alignment?"""
    kept = [False] * len(truth)
    for op in Levenshtein.opcodes(truth, predicted):
        if op.tag == "equal":
            kept[op.src_start : op.src_end] = [True] * (op.src_end - op.src_start)
    return kept


def garbled_counts(truth: str, predicted: str, garbled: Iterable[list]) -> tuple[Ratio, Ratio]:
    """(garbled characters restored, undamaged characters changed) for one document."""
    damaged = [False] * len(truth)
    for start, end, *_ in garbled:
        damaged[start:end] = [True] * (end - start)
    restored, changed = Ratio(), Ratio()
    for is_damaged, is_kept in zip(damaged, kept_characters(truth, predicted), strict=True):
        if is_damaged:
            restored.hits += is_kept
            restored.total += 1
        else:
            changed.hits += not is_kept
            changed.total += 1
    return restored, changed


# ---- scoring ----------------------------------------------------------------------------------


def evaluate(gold_dir: Path, options: Options | None = None) -> Report:
    """Run the extractor on every input of ``gold_dir`` and score it."""
    report = Report()
    for case in load_cases(gold_dir):
        predicted, error = predict(case, options or Options())
        if error:
            report.failed.append(f"{case.input} ({error})")
        score_case(report, case, predicted)
    return report


def score_case(report: Report, case: Case, predicted: list[Doc]) -> None:
    """Add one input's documents, paired by order, to the report."""
    report.inputs += 1
    report.gold_documents += len(case.documents)
    report.predicted_documents += len(predicted)
    garbling = any(doc.get("garbled") for doc in case.documents)
    text = TextErrors()
    for gold, guess in zip_longest(case.documents, predicted):
        text.add(_score_pair(report, case, gold, guess or {}, garbling))
    _add_text(report, case.buckets, text)


def _score_pair(
    report: Report, case: Case, gold: Doc | None, guess: Doc, garbling: bool
) -> TextErrors:
    """One gold document against the one predicted in its place; either may be missing."""
    if case.kind == "gold":
        _score_fields(report, gold or {}, guess)
    if gold is not None:
        _score_accuracy(report, case, gold, guess)
    truth, text = (gold or {}).get("text", ""), guess.get("text", "")
    if garbling:
        restored, changed = garbled_counts(truth, text, (gold or {}).get("garbled") or [])
        report.garbled_restored.add(restored)
        report.undamaged_changed.add(changed)
    return TextErrors(Levenshtein.distance(truth, text), len(truth))


def _score_fields(report: Report, gold: Doc, predicted: Doc) -> None:
    for name, counts in report.fields.items():
        counts.add(match_field(name, gold.get(name) or [], predicted.get(name) or []))
    report.roles.add(match_roles(gold.get("people") or [], predicted.get("people") or []))


def _score_accuracy(report: Report, case: Case, gold: Doc, predicted: Doc) -> None:
    """Gold files give title, issuer and signed_date (null = there is none); truth, the title."""
    names = ACCURACY_FIELDS if case.kind == "gold" else ("title",)
    for name in names:
        ratio = report.accuracy[name]
        ratio.hits += same_value(name, gold.get(name), predicted.get(name))
        ratio.total += 1


def _add_text(report: Report, buckets: Iterable[str], text: TextErrors) -> None:
    """The input's distance and length go to the total and to each of its damage kinds."""
    report.text.add(text)
    for bucket in buckets:
        report.text_by_kind.setdefault(bucket, TextErrors()).add(text)


# ---- floors -----------------------------------------------------------------------------------


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
        return (
            f"{self.floor.metric} = {_number(self.value)} is {sign} its {word} {self.floor.bound}"
        )


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


# ---- rendering --------------------------------------------------------------------------------


def _number(value: float | None) -> str:
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
        scores = (_number(c.precision), _number(c.recall), _number(c.f1))
        fields.add_row(name, str(c.gold), str(c.predicted), str(c.matched), *scores)
    other = Table("metric", "value", "counts")
    for label, value, counts in _single_rows(report):
        other.add_row(label, _number(value), counts)
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
    yield "undamaged.changed", changed.value, f"{changed.hits}/{changed.total} undamaged chars"
