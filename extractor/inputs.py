"""The inputs of a batch: files, folders, zip and tar archives read in place, JSONL dumps, stdin.

Each input is a source name and a ``read()`` that fetches its data only when called. Archive
members are streamed one at a time (``archives.py``) and never extracted to disk, so an archive
of any size goes through in constant memory; a member's ``read()`` works only until the iterator
moves on.

An input that cannot be used still comes out, with a ``read()`` that raises its
``ExtractionError`` (a traversal or link member, a decompression bomb, a damaged archive, a bad
JSONL line): the batch reports it and goes on.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from extractor.archives import Limits, Reader, archive_members, hidden, too_large
from extractor.errors import BadRecordError, ExtractionError, UnreadableInputError

STDIN = "-"
MAX_DEPTH = 3  # an archive, an archive inside it, and one more inside that
STDIN_SOURCE = "<stdin>"
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
JSONL_SUFFIXES = (".jsonl",)


Opener = Callable[[], BinaryIO]  # opens a container: a file, or a member read into memory


@dataclass(frozen=True)
class Input:
    """One input: where it came from, and how to read it (bytes, or text for a JSONL record)."""

    source: str
    read: Callable[[], bytes | str]


def expand(paths: Iterable[str | Path]) -> Iterator[str]:
    """The paths in the order given; a folder's files recursively, sorted, hidden ones skipped."""
    for path in map(str, paths):
        root = Path(path)
        if path != STDIN and root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.is_file())
            yield from (str(f) for f in files if not hidden(f.relative_to(root).parts))
        else:
            yield path


def iter_inputs(paths: Iterable[str | Path], limits: Limits | None = None) -> Iterator[Input]:
    """Every input under ``paths``: archives and JSONL dumps are opened, the rest are files."""
    limits = limits or Limits()
    for path in expand(paths):
        yield from inputs_of(path, limits)


def inputs_of(path: str, limits: Limits) -> Iterator[Input]:
    """The inputs of one path (not a folder): a file, an archive's members, a dump's records."""
    kind = _kind(path)
    if path == STDIN:
        yield Input(STDIN_SOURCE, partial(read_path, STDIN))
    elif kind is None:
        yield Input(path, partial(read_path, path))
    else:
        yield from _container(kind, partial(Path(path).open, "rb"), path, limits, 0)


def _kind(name: str) -> str | None:
    """ "zip", "tar" or "jsonl" by the name's suffix; None for a plain file."""
    name = name.lower()
    kinds = [("zip", ZIP_SUFFIXES), ("tar", TAR_SUFFIXES), ("jsonl", JSONL_SUFFIXES)]
    return next((kind for kind, suffixes in kinds if name.endswith(suffixes)), None)


def _container(
    kind: str, open_: Opener, source: str, limits: Limits, depth: int
) -> Iterator[Input]:
    """The inputs of an archive or dump; one that cannot be opened is one failed input."""
    try:
        handle = open_()
    except OSError as error:
        yield failed(source, _unreadable(error, source))
        return
    with handle:
        if kind == "jsonl":
            yield from _jsonl_inputs(handle, source, limits)
            return
        for member, read in archive_members(kind, handle, source, limits):
            if isinstance(read, ExtractionError):
                yield failed(member, read)
            else:
                yield from _member(member, read, limits, depth)


def _member(member: str, read: Reader, limits: Limits, depth: int) -> Iterator[Input]:
    """A member as an input, or, for an archive or dump inside an archive, its inputs.

    A nested container is read into memory (at most ``max_bytes``) and opened from there;
    beyond ``MAX_DEPTH`` levels it is passed on as a file.
    """
    kind = _kind(member.rsplit("!", 1)[-1])
    if kind is None or depth + 1 >= MAX_DEPTH:
        yield Input(member, read)
        return
    try:
        data = read()
    except ExtractionError as error:
        yield failed(member, error)
        return
    yield from _container(kind, partial(io.BytesIO, data), member, limits, depth + 1)


def failed(source: str, error: ExtractionError) -> Input:
    """An input whose ``read()`` raises ``error``: a refusal reported in input order."""
    error.source = source
    return Input(source, partial(_raise, error))


def _raise(error: ExtractionError) -> bytes:
    raise error


def read_path(path: str) -> bytes:
    """The bytes of a file, or of stdin for ``-``; ``UnreadableInputError`` if unreadable."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise _unreadable(error, path) from error


def _unreadable(error: OSError, source: str) -> UnreadableInputError:
    reason = error.strerror or str(error)
    return UnreadableInputError(
        f"cannot read the file ({reason}); check the path and its permissions", source=source
    )


# --- JSONL dumps: one {"id": …, "text" | "html": …} object per line ---


def _jsonl_inputs(handle: BinaryIO, source: str, limits: Limits) -> Iterator[Input]:
    longest = limits.max_bytes * 6 + 1024  # JSON escapes (\uXXXX) take up to six bytes a byte
    number = 0
    while line := handle.readline(longest):
        number += 1
        if len(line) == longest and not line.endswith(b"\n"):
            while (rest := handle.readline(longest)) and not rest.endswith(b"\n"):
                pass
            yield failed(f"{source}:{number}", too_large(len(line), limits, "line"))
        elif line.strip():
            yield _record(line, source, number)


def _record(line: bytes, source: str, number: int) -> Input:
    try:
        record = json.loads(line)
    except ValueError as error:
        return failed(f"{source}:{number}", _bad_record(f"is not valid JSON ({error})"))
    if not isinstance(record, dict) or not isinstance(record.get("id"), str | int):
        return failed(f"{source}:{number}", _bad_record('has no "id" (a string or a number)'))
    texts = [record[key] for key in ("text", "html") if isinstance(record.get(key), str)]
    member = f"{source}#{record['id']}"
    if len(texts) != 1:
        return failed(member, _bad_record('needs exactly one of "text" or "html" (a string)'))
    return Input(member, partial(str, texts[0]))


def _bad_record(reason: str) -> BadRecordError:
    return BadRecordError(
        f"the line {reason}; each line must be an object like "
        '{"id": "a1", "text": "…"} or {"id": "a1", "html": "<p>…</p>"}'
    )
