"""The dates stage: a document's date mentions as contract models.

Runs ``dates.find_dates`` over the document's matching view, resolves masked and relative years
(``date_years``) against the signed date, and gives each mention its offsets into the text and
the decoded original, its section path and its precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from extractor.date_rules import load_date_words
from extractor.date_years import PLAN_WORDS, infer_years
from extractor.dates import Found, find_dates
from extractor.model import DateMention, Document, Section, trusted_one
from extractor.offsets import EditableText
from extractor.section_tree import SectionPaths
from extractor.views import matching_view

_PLAN_TYPES = ("计划", "打算", "要点", "规划")


def fill_dates(
    document: Document,
    editable: EditableText,
    offset: int,
    view: str,
    rules_dirs: Sequence[Path] = (),
) -> Document:
    """Fill ``document.dates``; ``offset`` is where the document starts in ``editable.text``,
    ``view`` its matching view."""
    found = find_dates(view, load_date_words(rules_dirs))
    signed = document.signed_date
    years = infer_years(
        found,
        view,
        (signed.year, signed.month) if signed else (None, None),
        plan_spans(document),
    )
    for mention in found:
        if mention.flags:
            written = document.text[mention.start : mention.end]
            document.notes.append(f"date {written}: {', '.join(mention.flags)}")
    paths = SectionPaths(document.sections)
    document.dates = [
        _model(document, editable, offset, mention, inferred, paths.at(mention.start))
        for mention, inferred in zip(found, years, strict=True)
    ]
    if signed is not None:
        _describe_signed(signed, document.dates)
    return document


def _describe_signed(signed: DateMention, dates: list[DateMention]) -> None:
    """The signed date takes the precision, decade and flags of the mention at its place."""
    for date in dates:
        if date.start == signed.start:
            signed.precision, signed.flags = date.precision, list(date.flags)
            signed.year_low, signed.year_high = date.year_low, date.year_high
            signed.year_inferred = date.year_inferred if signed.year is None else signed.year
            return


def plan_spans(document: Document) -> list[tuple[int, int]]:
    """The stretches that speak of plans: the whole of a 计划, else its plan sections."""
    if document.document_type in _PLAN_TYPES:
        return [(0, len(document.text))]
    spans: list[tuple[int, int]] = []
    _add_plan_spans(document.sections, spans)
    return spans


def _add_plan_spans(sections: list[Section], spans: list[tuple[int, int]]) -> None:
    """Add the spans of the plan headings in ``sections`` and below, in text order (a function
    of the module's: a nested one that calls itself is a reference cycle each page left to
    the cyclic collector)."""
    for section in sections:
        if section.kind == "heading" and _plan_title(section.title):
            spans.append((section.start, section.end))
        _add_plan_spans(section.children, spans)


def _plan_title(title: str) -> bool:
    """Does a heading's title name a plan (its view asked for headings only: items are most
    sections, and a view of each cost more than the rest of the stage's walk)?"""
    return matching_view(title).rstrip(" .。:").endswith(PLAN_WORDS)


def precision(mention: Found) -> str | None:
    if mention.day is not None:
        return "day"
    if mention.month is not None:
        return "month"
    if mention.period is not None:
        return "period"
    if mention.year is not None or mention.year_masked or mention.relative is not None:
        return "year"
    return None


def _model(
    document: Document,
    editable: EditableText,
    offset: int,
    mention: Found,
    inferred: tuple[int | None, str | None],
    section_path: list[int],
) -> DateMention:
    """The mention's model; ``inferred``: its year as ``infer_years`` gave it, and why."""
    year, evidence = inferred
    raw_start, raw_end = editable.raw_span(offset + mention.start, offset + mention.end)
    return trusted_one(  # every field, in DateMention's order
        DateMention,
        {
            "start": mention.start,
            "end": mention.end,
            "raw_start": raw_start,
            "raw_end": raw_end,
            "text": document.text[mention.start : mention.end],
            "year": mention.year,
            "month": mention.month,
            "day": mention.day,
            "year_masked": mention.year_masked,
            "year_inferred": year,
            "period": mention.period,
            "section_path": section_path,
            "precision": precision(mention),
            "year_low": mention.year_low,
            "year_high": mention.year_high,
            "evidence": evidence,
            "flags": list(mention.flags),
        },
    )
