"""``extractor extract --db URL``: the batch's documents go straight into a database.

A ``Sink`` (``extractor.sinks``) like the JSONL writer: outcomes are buffered and written
``BATCH`` documents at a time, each input's documents in the same transaction, so a killed run
leaves whole inputs behind and ``--resume`` skips exactly the sources the database holds.
"""

from __future__ import annotations

from extractor.batch import Outcome
from extractor.db import BATCH, Database
from extractor.errors import UnstorableDocumentError
from extractor.model import Document, ErrorRecord


class DatabaseSink:
    """Documents into ``Database``; a document it cannot hold becomes an error record."""

    def __init__(self, database: Database, *, resume: bool = False) -> None:
        self._database = database
        self._done = database.sources() if resume else set()
        self._buffer: list[Document] = []
        self._rejected: list[ErrorRecord] = []

    def done(self) -> set[str]:
        return self._done

    def write(self, outcome: Outcome) -> None:
        for line in outcome.encoded_lines:
            document = Document.model_validate_json(line)
            try:
                self._database.check(document)
            except UnstorableDocumentError as error:
                where = f"{outcome.source}#{document.index}"
                record = ErrorRecord(error=error.code, source=where, message=str(error))
                self._rejected.append(record)
                continue
            self._buffer.append(document)
        if len(self._buffer) >= BATCH:
            self._flush()

    def rejected(self) -> list[ErrorRecord]:
        """The error records of the documents refused since the last call."""
        records, self._rejected = self._rejected, []
        return records

    def close(self) -> None:
        self._flush()
        self._database.close()

    def _flush(self) -> None:
        self._database.write(self._buffer)
        self._buffer = []
