"""A ``Document`` as rows of the tables in ``db_schema``: pure functions, no database.

Lists become rows numbered by their index in the JSON (``seq``); references between items
(an amount's total, its beneficiaries, an item's section, a person's organisation) become the
``seq`` of the row they point at. Labels lists (flags, absorbed kinds) are joined with commas.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table

from extractor import db_schema as s
from extractor.model import (
    Amount,
    DateMention,
    Document,
    Mention,
    Person,
    Phrase,
    Quantity,
    Repair,
    Section,
    Span,
)

Row = dict[str, Any]
Rows = dict[Table, list[Row]]
SectionKeys = dict[tuple[int, ...], int]
TABLES = [table for table in s.metadata.sorted_tables if table is not s.schema_version]


def document_rows(document: Document) -> Rows:
    """Every row one document puts in the database, by table (tables it fills no rows of too)."""
    rows: Rows = {table: [] for table in TABLES}
    doc_id = document.id
    rows[s.documents] = [_document(document)]
    rows[s.notes] = [{"note": note} for note in document.notes]
    rows[s.repairs] = [_repair(repair) for repair in document.repairs]
    keys: SectionKeys = {}
    rows[s.sections] = list(_sections(document.sections, None, keys))
    rows[s.amounts] = [_amount(amount, keys) for amount in document.amounts]
    rows[s.quantities] = [_quantity(quantity, keys) for quantity in document.quantities]
    rows[s.dates] = _dates(document, keys)
    _entities(document, rows, keys)
    for table, table_rows in rows.items():
        if table is not s.documents:
            for seq, row in enumerate(table_rows):
                row["document_id"] = doc_id
                row.setdefault("seq", seq)  # rows owned by an item number themselves
    return rows


def _document(document: Document) -> Row:
    return {
        "id": document.id,
        "schema_version": document.schema_version,
        "source": document.source,
        "input_index": document.index,
        "encoding": document.encoding,
        "input_format": document.input_format,
        "title": document.title,
        "document_type": document.document_type,
        "issuer": document.issuer,
        "text": document.text,
        "raw_start": document.raw_start,
        "raw_end": document.raw_end,
        "original": document.original,
    }


def _span(span: Span | None, prefix: str = "") -> Row:
    return {
        f"{prefix}text_start": span.start if span else None,
        f"{prefix}text_end": span.end if span else None,
        f"{prefix}raw_start": span.raw_start if span else None,
        f"{prefix}raw_end": span.raw_end if span else None,
    }


def _phrase(phrase: Phrase | None, name: str) -> Row:
    return {f"{name}_text": phrase.text if phrase else None, **_span(phrase, f"{name}_")}


def _path(path: list[int]) -> str | None:
    """The JSON's section path as text: [1, 0] → "1.0" (indices from 0, as in the JSON)."""
    return ".".join(map(str, path)) if path else None


def _placed(path: list[int], keys: SectionKeys) -> Row:
    return {"section_path": _path(path), "section_seq": keys.get(tuple(path))}


def _repair(repair: Repair) -> Row:
    return {
        "kind": repair.kind,
        "rule": repair.rule,
        "raw_start": repair.raw_start,
        "raw_end": repair.raw_end,
        "before_text": repair.before,
        "after_text": repair.after,
        "text_start": repair.start,
        "note": repair.note,
        "absorbed": ",".join(repair.absorbed),
    }


def _sections(sections: list[Section], parent: int | None, keys: SectionKeys) -> Iterator[Row]:
    """The tree in pre-order; ``keys`` learns each path's row number on the way."""
    for section in sections:
        seq = len(keys)
        keys[tuple(section.path)] = seq
        yield {
            "parent_seq": parent,
            "path": _path(section.path) or "",
            "level": section.level,
            "kind": section.kind,
            "marker": section.marker,
            "title": section.title,
            "title_start": section.title_start,
            "title_end": section.title_end,
            "style": section.style,
            "flags": ",".join(section.flags),
            **_span(section),
        }
        yield from _sections(section.children, seq, keys)


def _amount(amount: Amount, keys: SectionKeys) -> Row:
    return {
        "text": amount.text,
        "value": amount.value,
        "currency": amount.currency,
        "bound": amount.bound,
        "low": amount.low,
        "high": amount.high,
        "masked": amount.masked,
        "purpose": amount.purpose,
        "per": amount.per,
        "action": amount.action,
        **_phrase(amount.giver, "giver"),
        **_phrase(amount.recipient, "recipient"),
        "role": amount.role,
        "part_of_seq": amount.part_of,
        "beneficiaries_seq": amount.beneficiaries,
        "per_beneficiary": amount.per_beneficiary,
        "rule": amount.rule,
        **_span(amount),
        **_placed(amount.section_path, keys),
    }


def _quantity(quantity: Quantity, keys: SectionKeys) -> Row:
    return {
        "text": quantity.text,
        "value": quantity.value,
        "unit": quantity.unit,
        "bound": quantity.bound,
        "low": quantity.low,
        "high": quantity.high,
        **_phrase(quantity.counts, "counts"),
        "rule": quantity.rule,
        **_span(quantity),
        **_placed(quantity.section_path, keys),
    }


def _dates(document: Document, keys: SectionKeys) -> list[Row]:
    """The listed dates, the signed one marked; a signed date not among them is added unlisted."""
    signed = document.signed_date
    rows = [_date(date, keys, signed=date == signed, listed=True) for date in document.dates]
    if signed is not None and signed not in document.dates:
        rows.append(_date(signed, keys, signed=True, listed=False))
    return rows


def _date(date: DateMention, keys: SectionKeys, *, signed: bool, listed: bool) -> Row:
    return {
        "text": date.text,
        "signed": signed,
        "listed": listed,
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "year_masked": date.year_masked,
        "year_inferred": date.year_inferred,
        "year_low": date.year_low,
        "year_high": date.year_high,
        "period": date.period,
        "precision": date.precision,
        "evidence": date.evidence,
        "flags": ",".join(date.flags),
        **_span(date),
        **_placed(date.section_path, keys),
    }


def _entities(document: Document, rows: Rows, keys: SectionKeys) -> None:
    """Organisations, people and places with their aliases, roles, posts and mentions."""
    named: dict[str, int] = {}  # an organisation's name or alias → its seq
    for seq, organisation in enumerate(document.organisations):
        for name in [organisation.name, *organisation.aliases]:
            named.setdefault(name, seq)
        rows[s.organisations].append({"name": organisation.name})
        rows[s.organisation_aliases] += _owned(
            "organisation_seq", seq, "alias", organisation.aliases
        )
        rows[s.organisation_mentions] += _mentions(
            "organisation_seq", seq, organisation.mentions, keys
        )
    for seq, person in enumerate(document.people):
        _person(seq, person, named.get(person.organisation or ""), rows, keys)
    for seq, place in enumerate(document.places):
        rows[s.places].append({"name": place.name})
        rows[s.place_mentions] += _mentions("place_seq", seq, place.mentions, keys)


def _person(
    seq: int, person: Person, organisation: int | None, rows: Rows, keys: SectionKeys
) -> None:
    rows[s.people].append(
        {
            "name": person.name,
            "organisation": person.organisation,
            "organisation_seq": organisation,
            "partial": person.partial,
        }
    )
    rows[s.roles] += _owned("person_seq", seq, "role", person.roles)
    rows[s.posts] += [
        {
            "person_seq": seq,
            "seq": index,
            "title": post.title,
            "unit": post.unit,
            "responsibility": post.responsibility,
        }
        for index, post in enumerate(person.posts)
    ]
    rows[s.person_mentions] += _mentions("person_seq", seq, person.mentions, keys)


def _owned(key: str, owner: int, column: str, values: list[str]) -> list[Row]:
    return [{key: owner, "seq": seq, column: value} for seq, value in enumerate(values)]


def _mentions(key: str, owner: int, mentions: list[Mention], keys: SectionKeys) -> list[Row]:
    return [
        {key: owner, "seq": seq, "text": m.text, **_span(m), **_placed(m.section_path, keys)}
        for seq, m in enumerate(mentions)
    ]
