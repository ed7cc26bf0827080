"""Extracted documents in a database: embedded SQLite or PostgreSQL, one schema for both.

``Database(url)`` creates the tables when they are missing (idempotent) and checks the schema
version; ``write(documents)`` replaces each document's rows by its id in one transaction, so
loading the same output twice leaves the same rows. All SQL is SQLAlchemy Core: parameterised,
with batched inserts (``executemany``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from extractor import db_schema as s
from extractor.db_rows import TABLES, Rows, document_rows
from extractor.errors import DatabaseError, InvalidRecordError, UnstorableDocumentError
from extractor.model import SCHEMA_VERSION, Document, ErrorRecord

BATCH = 500  # documents per transaction
_DRIVERS = {
    "sqlite": "sqlite+pysqlite",
    "sqlite+pysqlite": "sqlite+pysqlite",
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}
_CHILDREN = [table for table in reversed(TABLES) if table is not s.documents]


class Database:
    """A connection pool to one database holding the ``db_schema`` tables."""

    def __init__(self, url: str) -> None:
        self.url = _engine_url(url)
        self.engine = _engine(self.url)
        self._create_schema()

    def write(self, documents: Iterable[Document]) -> None:
        """Insert the documents, replacing the rows of any already there, in one transaction."""
        latest = {document.id: document for document in documents}  # the last copy of an id wins
        if not latest:
            return
        for document in latest.values():
            self.check(document)
        rows: Rows = {}
        for document in latest.values():
            for table, table_rows in document_rows(document).items():
                rows.setdefault(table, []).extend(table_rows)
        with self.engine.begin() as connection:
            _delete(connection, list(latest))
            for table in TABLES:
                if rows.get(table):
                    _insert(connection, table, rows[table])

    def check(self, document: Document) -> None:
        """Raise ``UnstorableDocumentError`` for a document this database cannot hold."""
        if self.url.get_backend_name() == "postgresql" and (
            "\x00" in document.original or "\x00" in document.text
        ):
            raise UnstorableDocumentError(
                "the document contains NUL characters (U+0000), which PostgreSQL text cannot "
                "hold; load it into SQLite (sqlite:///file) or remove them from the input"
            )

    def sources(self) -> set[str]:
        """The sources of the documents held: what ``extract --db … --resume`` skips."""
        query = select(s.documents.c.source).distinct().where(s.documents.c.source.is_not(None))
        with self.engine.connect() as connection:
            return set(connection.execute(query).scalars())

    def counts(self, document_id: str | None = None) -> dict[str, int]:
        """Rows per table, for all documents or for one."""
        result = {}
        with self.engine.connect() as connection:
            for table in TABLES:
                key = table.c.id if table is s.documents else table.c.document_id
                query = select(func.count()).select_from(table)
                if document_id is not None:
                    query = query.where(key == document_id)
                result[table.name] = connection.execute(query).scalar_one()
        return result

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run the user's own SQL (an audit query) as written, then roll back: nothing changes.

        It goes to the driver without parameters, so ``%`` and ``:`` in it mean themselves.
        """
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            if cursor.description is None:
                return [], []
            return [column[0] for column in cursor.description], list(cursor.fetchall())
        except self.engine.dialect.loaded_dbapi.Error as error:
            raise DatabaseError(f"the query failed: {error}") from error
        finally:
            connection.rollback()
            connection.close()

    def close(self) -> None:
        self.engine.dispose()

    def _create_schema(self) -> None:
        try:
            s.metadata.create_all(self.engine)
            with self.engine.begin() as connection:
                found = connection.execute(select(s.schema_version.c.version)).scalars().all()
                if not found:
                    connection.execute(
                        s.schema_version.insert(),
                        {"version": s.DB_SCHEMA_VERSION, "document_schema": SCHEMA_VERSION},
                    )
        except OperationalError as error:
            raise DatabaseError(
                f"cannot open {self.url.render_as_string(hide_password=True)}: {error.orig}; "
                "check the URL, that the server is running and that the user may create tables"
            ) from error
        if found and found != [s.DB_SCHEMA_VERSION]:
            raise DatabaseError(
                f"the database has schema version {found}, this extractor writes "
                f"{s.DB_SCHEMA_VERSION}; load into a new database"
            )


def _engine_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseError(
            f"not a database URL: {url!r}; use sqlite:///path/file.sqlite or "
            "postgresql://user:password@host/database"
        ) from error
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise DatabaseError(
            f"unsupported database {parsed.drivername!r}; use sqlite:///path or postgresql://…"
        )
    if driver.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                f"cannot create the folder of {parsed.database}: {error.strerror or error}; "
                "choose another path"
            ) from error
    return parsed.set(drivername=driver)


def _engine(url: URL) -> Engine:
    try:
        engine = create_engine(url)
    except ModuleNotFoundError as error:
        raise DatabaseError(
            f"the {url.get_backend_name()} driver is not installed ({error.name}); "
            "run pip install 'extractor[postgres]'"
        ) from error
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    """SQLite checks foreign keys only when asked, per connection."""
    connection.execute("PRAGMA foreign_keys = ON")


def _delete(connection: Connection, ids: list[str]) -> None:
    """Remove the documents' rows, children first."""
    for table in _CHILDREN:
        connection.execute(delete(table).where(table.c.document_id.in_(ids)))
    connection.execute(delete(s.documents).where(s.documents.c.id.in_(ids)))


def _insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Batched: PostgreSQL's COPY (the rows go as data, never as SQL), elsewhere executemany."""
    if connection.dialect.name != "postgresql":
        connection.execute(table.insert(), rows)
        return
    names = [column.name for column in table.columns]
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(map(quote, names))}) FROM STDIN"
    cursor = connection.connection.driver_connection.cursor()  # in this transaction
    with cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row.get(name) for name in names])


@dataclass
class LoadReport:
    """What a load did: documents written, and an error record for each line left out."""

    documents: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)


def load_jsonl(lines: TextIO, database: Database, source: str) -> LoadReport:
    """Load the documents of a JSONL file written by ``extractor extract``, BATCH at a time.

    A line that is not a valid document, or that this database cannot hold, becomes an error
    record naming ``source:line``; the rest are loaded.
    """
    report = LoadReport()
    batch: list[Document] = []
    for document in _documents(lines, database, source, report):
        batch.append(document)
        if len(batch) == BATCH:
            database.write(batch)
            batch.clear()
    database.write(batch)
    return report


def _documents(
    lines: TextIO, database: Database, source: str, report: LoadReport
) -> Iterator[Document]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            document = _parse(line)
            database.check(document)
        except (InvalidRecordError, UnstorableDocumentError) as error:
            report.errors.append(ErrorRecord(error=error.code, source=where, message=str(error)))
            continue
        report.documents += 1
        yield document


def _parse(line: str) -> Document:
    try:
        return Document.model_validate_json(line)
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(map(str, first["loc"])) or "the line"
        raise InvalidRecordError(
            f"not an extracted document ({error.error_count()} problems; first: {place}: "
            f"{first['msg']}); load only lines written by extractor extract"
        ) from error
