"""The relational schema of extracted documents: one SQLAlchemy Core metadata for both dialects.

Every child table is keyed by ``(document_id, seq)``, ``seq`` being the item's index in its
list in the JSON (sections: their pre-order position in the tree), so a row names the JSON item
it came from and a document's rows can be replaced as a whole. Offsets keep the model's meaning:
``text_start``/``text_end`` index ``documents.text``, ``raw_start``/``raw_end`` index
``documents.original`` (Python ``str`` positions, which are SQL character positions: the
evidence is ``substr(original, raw_start + 1, raw_end - raw_start)``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Dialect,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

DB_SCHEMA_VERSION = 1

metadata = MetaData()


class ExactDecimal(TypeDecorator[Decimal]):
    """NUMERIC: exact on PostgreSQL; on SQLite bound as plain decimal text, read back as Decimal.

    SQLite's NUMERIC affinity keeps integers exactly and other values to 15 significant digits,
    which covers every amount to the cent below a trillion yuan.
    """

    impl = Numeric
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None or isinstance(value, Decimal):
            return value
        return Decimal(str(value))

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        # On SQLite a plain NUMERIC column: SQLAlchemy's own Numeric would warn and go via float.
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(asdecimal=False))
        return dialect.type_descriptor(Numeric())


def span_columns(prefix: str = "") -> list[Column[Any]]:
    """Offsets into the repaired text and into the original, as the model's ``Span`` has them."""
    return [
        Column(f"{prefix}text_start", Integer),
        Column(f"{prefix}text_end", Integer),
        Column(f"{prefix}raw_start", Integer),
        Column(f"{prefix}raw_end", Integer),
    ]


def phrase_columns(name: str) -> list[Column[Any]]:
    """A ``Phrase`` (giver, recipient, what is counted) flattened: its text and its offsets."""
    return [Column(f"{name}_text", Text), *span_columns(f"{name}_")]


def section_columns() -> list[Column[Any]]:
    """Where an item sits in the heading tree: the JSON's path and the ``sections`` row."""
    return [Column("section_path", Text), Column("section_seq", Integer)]


def _child(name: str, *columns: Any, owner: tuple[Table, str] | None = None) -> Table:
    """A table of one list in a document or, with ``owner`` (its table and key column), in one
    item of such a list: a person's roles, an organisation's aliases, anyone's mentions."""
    if owner:
        table, key = owner
        keys = ["document_id", key, "seq"]
        parent = ForeignKeyConstraint(keys[:2], [table.c.document_id, table.c.seq])
        owner_key = [Column(key, Integer, nullable=False)]
    else:
        keys = ["document_id", "seq"]
        parent = ForeignKeyConstraint(["document_id"], ["documents.id"])
        owner_key = []
    return Table(
        name,
        metadata,
        Column("document_id", Text, nullable=False),
        *owner_key,
        Column("seq", Integer, nullable=False),
        *columns,
        PrimaryKeyConstraint(*keys),
        parent,
    )


def _sibling_key(column: str, table: str) -> ForeignKeyConstraint:
    """A reference to another item of the same document; deferred, as the JSON may point ahead."""
    return ForeignKeyConstraint(
        ["document_id", column],
        [f"{table}.document_id", f"{table}.seq"],
        deferrable=True,
        initially="DEFERRED",
    )


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("document_schema", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),
    Column("schema_version", Text, nullable=False),
    Column("source", Text),
    Column("input_index", Integer, nullable=False),
    Column("encoding", Text, nullable=False),
    Column("input_format", Text, nullable=False),
    Column("title", Text),
    Column("document_type", Text),
    Column("issuer", Text),
    Column("text", Text, nullable=False),
    Column("raw_start", Integer, nullable=False),
    Column("raw_end", Integer, nullable=False),
    Column("original", Text, nullable=False),
    Index("ix_documents_source", "source"),
    Index("ix_documents_issuer", "issuer"),
)

notes = _child("notes", Column("note", Text, nullable=False))

repairs = _child(
    "repairs",
    Column("kind", Text, nullable=False),
    Column("rule", Text),
    Column("raw_start", Integer, nullable=False),
    Column("raw_end", Integer, nullable=False),
    Column("before_text", Text, nullable=False),
    Column("after_text", Text, nullable=False),
    Column("text_start", Integer, nullable=False),
    Column("note", Text),
    Column("absorbed", Text, nullable=False),
    Index("ix_repairs_kind", "kind"),
)

sections = _child(
    "sections",
    Column("parent_seq", Integer),
    Column("path", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("marker", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("title_start", Integer, nullable=False),
    Column("title_end", Integer, nullable=False),
    Column("style", Text, nullable=False),
    Column("flags", Text, nullable=False),
    *span_columns(),
    _sibling_key("parent_seq", "sections"),
    Index("ix_sections_path", "document_id", "path", unique=True),
)

quantities = _child(
    "quantities",
    Column("text", Text, nullable=False),
    Column("value", ExactDecimal),
    Column("unit", Text, nullable=False),
    Column("bound", Text, nullable=False),
    Column("low", ExactDecimal),
    Column("high", ExactDecimal),
    *phrase_columns("counts"),
    Column("rule", Text),
    *span_columns(),
    *section_columns(),
    _sibling_key("section_seq", "sections"),
    Index("ix_quantities_unit", "unit"),
)

amounts = _child(
    "amounts",
    Column("text", Text, nullable=False),
    Column("value", ExactDecimal),
    Column("currency", Text, nullable=False),
    Column("bound", Text, nullable=False),
    Column("low", ExactDecimal),
    Column("high", ExactDecimal),
    Column("masked", Boolean, nullable=False),
    Column("purpose", Text),
    Column("per", Text),
    Column("action", Text),
    *phrase_columns("giver"),
    *phrase_columns("recipient"),
    Column("role", Text),
    Column("part_of_seq", Integer),
    Column("beneficiaries_seq", Integer),
    Column("per_beneficiary", ExactDecimal),
    Column("rule", Text),
    *span_columns(),
    *section_columns(),
    _sibling_key("section_seq", "sections"),
    _sibling_key("part_of_seq", "amounts"),
    _sibling_key("beneficiaries_seq", "quantities"),
    Index("ix_amounts_value", "currency", "value"),
    Index("ix_amounts_action", "action"),
)

dates = _child(
    "dates",
    Column("text", Text, nullable=False),
    Column("signed", Boolean, nullable=False),
    Column("listed", Boolean, nullable=False),
    Column("year", Integer),
    Column("month", Integer),
    Column("day", Integer),
    Column("year_masked", Boolean, nullable=False),
    Column("year_inferred", Integer),
    Column("year_low", Integer),
    Column("year_high", Integer),
    Column("period", Text),
    Column("precision", Text),
    Column("evidence", Text),
    Column("flags", Text, nullable=False),
    *span_columns(),
    *section_columns(),
    _sibling_key("section_seq", "sections"),
    Index("ix_dates_year", "year_inferred"),
)

organisations = _child(
    "organisations",
    Column("name", Text, nullable=False),
    Index("ix_organisations_name", "name"),
)

organisation_aliases = _child(
    "organisation_aliases",
    Column("alias", Text, nullable=False),
    Index("ix_organisation_aliases_alias", "alias"),
    owner=(organisations, "organisation_seq"),
)

people = _child(
    "people",
    Column("name", Text, nullable=False),
    Column("organisation", Text),
    Column("organisation_seq", Integer),
    Column("partial", Boolean, nullable=False),
    _sibling_key("organisation_seq", "organisations"),
    Index("ix_people_name", "name"),
)

roles = _child(
    "roles",
    Column("role", Text, nullable=False),
    Index("ix_roles_role", "role"),
    owner=(people, "person_seq"),
)

posts = _child(
    "posts",
    Column("title", Text, nullable=False),
    Column("unit", Text),
    Column("responsibility", Text),
    Index("ix_posts_unit", "unit"),
    owner=(people, "person_seq"),
)

places = _child("places", Column("name", Text, nullable=False), Index("ix_places_name", "name"))


def _mentions(owner: Table, key: str) -> Table:
    """Where a person, organisation or place is named in the text."""
    return _child(
        f"{key.removesuffix('_seq')}_mentions",
        Column("text", Text, nullable=False),
        *span_columns(),
        *section_columns(),
        _sibling_key("section_seq", "sections"),
        owner=(owner, key),
    )


person_mentions = _mentions(people, "person_seq")
organisation_mentions = _mentions(organisations, "organisation_seq")
place_mentions = _mentions(places, "place_seq")
