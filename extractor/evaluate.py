"""Evaluation: score ``extract()`` against gold annotations and simulator truth.

A gold folder holds ``*.gold.json`` files (fields, title, issuer, signed date) and
``*.truth.json`` files from the damage simulator (text, title, garbled spans and the garbled
characters that left no trace). Documents are
paired by order; a missing or extra document counts in full. The counting lives in
``eval_report``, the comparisons in ``eval_match`` and the gate in ``eval_floors``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Literal

from rapidfuzz.distance import Levenshtein

from extractor.errors import EvaluationError, ExtractionError
from extractor.eval_match import Doc, garbled_counts, match_field, match_roles, same_value
from extractor.eval_match import normalise_decimal as normalise_decimal  # bench/ reads it here
from extractor.eval_report import ACCURACY_FIELDS, Report, TextErrors
from extractor.pipeline import Options, extract

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
        garbled, traceless = (gold or {}).get("garbled") or [], (gold or {}).get("traceless") or []
        restored, recoverable, changed = garbled_counts(truth, text, garbled, traceless)
        report.garbled_restored.add(restored)
        report.garbled_recoverable.add(recoverable)
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
