"""Where a batch's outcomes go: a ``Sink`` stores documents and knows what it already holds.

A sink is anything with ``write(outcome)``, ``done()``, ``rejected()`` and ``close()``; the JSONL
writer is here, the database sink (``--db``) in ``db_sink.py``. Error records of inputs are not a
sink's business: the batch reports them on stderr; a sink only hands back the documents it could
not store.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import BinaryIO, Protocol

from extractor.batch import Outcome
from extractor.db import Database
from extractor.db_sink import DatabaseSink
from extractor.model import ErrorRecord

STDOUT = "-"


class Sink(Protocol):
    """The storage side of a batch."""

    def done(self) -> set[str]:
        """Sources already stored: ``--resume`` skips them."""
        ...

    def write(self, outcome: Outcome) -> None:
        """Store one input's documents (``outcome.jsonl``; nothing for a failed input)."""
        ...

    def rejected(self) -> list[ErrorRecord]:
        """Error records of documents it could not store since the last call."""
        ...

    def close(self) -> None:
        """Flush and release; the last call."""
        ...


def open_sink(output: str | None, db_url: str | None, *, resume: bool = False) -> Sink:
    """The sink of ``extract -o OUTPUT --db URL``: JSONL (stdout when neither is given), a
    database, or both."""
    sinks: list[Sink] = []
    if output is not None or db_url is None:
        sinks.append(JsonlSink(output or STDOUT, resume=resume))
    if db_url is not None:
        sinks.append(DatabaseSink(Database(db_url), resume=resume))
    return sinks[0] if len(sinks) == 1 else TeeSink(sinks)


class TeeSink:
    """Each outcome to several sinks; with ``--resume`` each gets only the inputs it lacks."""

    def __init__(self, sinks: list[Sink]) -> None:
        self._sinks = sinks
        self._done = [sink.done() for sink in sinks]

    def done(self) -> set[str]:
        return set.intersection(*self._done)

    def write(self, outcome: Outcome) -> None:
        for sink, done in zip(self._sinks, self._done, strict=True):
            if outcome.source not in done:
                sink.write(outcome)

    def rejected(self) -> list[ErrorRecord]:
        return [record for sink in self._sinks for record in sink.rejected()]

    def close(self) -> None:
        with contextlib.ExitStack() as stack:
            for sink in self._sinks:
                stack.callback(sink.close)


class JsonlSink:
    """One JSON document per line, to a file or stdout; an input's lines are written together."""

    def __init__(self, output: str = STDOUT, *, resume: bool = False) -> None:
        self._done: set[str] = set()
        if output == STDOUT:
            if resume:
                raise ValueError("--resume needs an output file (-o out.jsonl), not stdout")
            self._stream: BinaryIO = sys.stdout.buffer
        else:
            path = Path(output)
            if resume and path.exists():
                self._done = trim_and_collect(path)
            self._stream = path.open("ab" if resume else "wb")

    def done(self) -> set[str]:
        return self._done

    def write(self, outcome: Outcome) -> None:
        if outcome.jsonl:
            self._stream.write(outcome.jsonl)
            self._stream.flush()  # a killed run leaves whole inputs behind, at most one torn

    def rejected(self) -> list[ErrorRecord]:
        return []

    def close(self) -> None:
        if self._stream is sys.stdout.buffer:
            self._stream.flush()
        else:
            self._stream.close()


def trim_and_collect(path: Path) -> set[str]:
    """The sources in an earlier run's output, after cutting away the input it was writing.

    Only a killed run leaves a last line without its newline. The input it belonged to may have
    more documents to come, so that line goes, and with it the whole lines of the last input
    before it (possibly the same one; if not, it is simply done again).
    """
    done: set[str] = set()
    block_source, block_start, offset, cut = None, 0, 0, None
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                cut = block_start
                break
            source = _source_of(line)
            if source is None:
                raise ValueError(
                    f"line {number} of {path} is not a document written by `extractor "
                    "extract`; remove it, or write to a new file instead of resuming"
                )
            if source != block_source:
                if block_source is not None:
                    done.add(block_source)
                block_source, block_start = source, offset
            offset += len(line)
        else:
            if block_source is not None:
                done.add(block_source)
    if cut is not None:
        with path.open("r+b") as writable:
            writable.truncate(cut)
    return done


def _source_of(line: bytes) -> str | None:
    try:
        return json.loads(line)["source"]
    except (ValueError, KeyError, TypeError):
        return None
