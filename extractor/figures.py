"""The figures stage: a document's money amounts and counts as contract models.

Runs ``amounts`` and ``quantities`` over the document's matching view, links each amount to
the count of the people or households it was given to (为该村117名困难群众交纳 → 117名, and
the per-beneficiary figure), and gives every item its offsets into the document text, into the
decoded original (through the pipeline's ``EditableText``) and its section path.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from extractor.amounts import Money, find_amounts
from extractor.figure_rules import (
    MoneyRules,
    QuantityRules,
    load_money_rules,
    load_quantity_rules,
)
from extractor.model import Amount, Document, Phrase, Quantity, trusted
from extractor.numbers import ascii_digits_only
from extractor.offsets import EditableText
from extractor.quantities import Count, find_quantities
from extractor.section_tree import SectionPaths
from extractor.views import matching_view

CENT = Decimal("0.01")
# compiled, a C loop tells the pages whose digits are all ASCII, whose scans then read \d as
# 0-9 (``numbers.on_ascii_digits``); interpreted, the loop costs more than the scans save
_COMPILED = not __file__.endswith(".py")


def fill_figures(
    document: Document,
    editable: EditableText,
    offset: int,
    view: str,
    rules_dirs: Sequence[Path] = (),
) -> Document:
    """Fill ``document.amounts`` and ``document.quantities``; ``offset`` is where the document
    starts in ``editable.text``, ``view`` its matching view."""
    money_rules, count_rules = load_money_rules(rules_dirs), load_quantity_rules(rules_dirs)
    amounts, quantities = find_figures(document.text, money_rules, count_rules, view)
    locate = _Locator(document, editable, offset)
    # built in one batch per model: a call per item cost a tenth of the stage
    document.quantities = trusted(Quantity, locate.quantities(quantities))
    document.amounts = trusted(Amount, [locate.amount(money, quantities) for money in amounts])
    return document


def find_figures(
    text: str, money_rules: MoneyRules, count_rules: QuantityRules, view: str | None = None
) -> tuple[list[Money], list[Count]]:
    """Amounts and counts of one text (no count inside an amount)."""
    view = matching_view(text) if view is None else view
    if _COMPILED and ascii_digits_only(view):  # interpreted, the check costs what it saves
        money_rules, count_rules = money_rules.ascii_digits, count_rules.ascii_digits
    amounts = find_amounts(view, money_rules)
    counts = find_quantities(view, count_rules, [(m.start, m.end) for m in amounts])
    return amounts, counts


class _Locator:
    """Turns found items into the fields of their models (every field, in the model's order):
    text, raw offsets and section paths."""

    def __init__(self, document: Document, editable: EditableText, offset: int) -> None:
        self.document, self.editable, self.offset = document, editable, offset
        self.text = document.text
        self.section_paths = SectionPaths(document.sections)

    def _raw(self, start: int, end: int) -> tuple[int, int]:
        return self.editable.raw_span(self.offset + start, self.offset + end)

    def _phrase_fields(self, span: tuple[int, int]) -> dict[str, Any]:
        start, end = span
        raw_start, raw_end = self._raw(start, end)
        fields = {"start": start, "end": end, "raw_start": raw_start, "raw_end": raw_end}
        fields["text"] = self.text[start:end]
        return fields

    def _phrase(self, span: tuple[int, int] | None) -> Phrase | None:
        return None if span is None else trusted(Phrase, [self._phrase_fields(span)])[0]

    def quantities(self, counts: list[Count]) -> list[dict[str, Any]]:
        """The fields of each count's model; the phrases they count built in one batch."""
        rows, phrases, counting = [], [], []
        for count in counts:
            start, end = count.start, count.end
            raw_start, raw_end = self._raw(start, end)
            row = {
                "start": start,
                "end": end,
                "raw_start": raw_start,
                "raw_end": raw_end,
                "text": self.text[start:end],
                "value": count.value,
                "unit": self.text[count.unit_start : count.unit_end],
                "section_path": self.section_paths.at(start),
                "bound": count.bound,
                "low": count.low,
                "high": count.high,
                "counts": None,  # the phrase, once built
                "rule": count.rule,
            }
            if count.counted is not None:
                phrases.append(self._phrase_fields(count.counted))
                counting.append(row)
            rows.append(row)
        for row, phrase in zip(counting, trusted(Phrase, phrases), strict=True):
            row["counts"] = phrase
        return rows

    def amount(self, money: Money, counts: list[Count]) -> dict[str, Any]:
        beneficiaries = _beneficiaries(money, counts)
        share = None
        if beneficiaries is not None and money.value is not None and money.per is None:
            count = counts[beneficiaries].value
            share = (money.value / count).quantize(CENT, rounding=ROUND_HALF_UP)
        purpose = money.purpose
        raw_start, raw_end = self._raw(money.start, money.end)
        return {
            "start": money.start,
            "end": money.end,
            "raw_start": raw_start,
            "raw_end": raw_end,
            "text": self.text[money.start : money.end],
            "value": money.value,
            "currency": money.currency,
            "bound": money.bound,
            "low": money.low,
            "high": money.high,
            "masked": money.masked,
            "purpose": self.text[purpose.start : purpose.end] if purpose else None,
            "section_path": self.section_paths.at(money.start),
            "per": money.per,
            "action": money.action,
            "giver": self._phrase(_pair(money.giver)),
            "recipient": self._phrase(_pair(money.recipient)),
            "role": money.role,
            "part_of": money.part_of,
            "beneficiaries": beneficiaries,
            "per_beneficiary": share,
            "rule": money.rule,
        }


def _pair(span) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def _beneficiaries(money: Money, counts: list[Count]) -> int | None:
    """The index of the count of people or households inside the amount's recipient phrase."""
    if money.recipient is None:
        return None
    for index, count in enumerate(counts):
        inside = money.recipient.start <= count.start and count.end <= money.recipient.end
        if inside and count.people and count.bound == "exact":
            return index
    return None
