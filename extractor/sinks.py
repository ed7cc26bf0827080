"""Where a batch's outcomes go: a ``Sink`` stores documents and knows what it already holds.

A sink is anything with ``write(outcome)``, ``done()`` and ``close()``; the JSONL writer is here,
a database sink lives beside it and is chosen by ``--db``. Error records are not a sink's
business: the batch reports them on stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO, Protocol

from extractor.batch import Outcome

STDOUT = "-"


class Sink(Protocol):
    """The storage side of a batch."""

    def done(self) -> set[str]:
        """Sources already stored: ``--resume`` skips them."""
        ...

    def write(self, outcome: Outcome) -> None:
        """Store one input's documents (``outcome.lines``, JSON; nothing for a failed input)."""
        ...

    def close(self) -> None:
        """Flush and release; the last call."""
        ...


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
        if outcome.lines:
            self._stream.write("".join(line + "\n" for line in outcome.lines).encode())
            self._stream.flush()  # a killed run leaves whole inputs behind, at most one torn

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
