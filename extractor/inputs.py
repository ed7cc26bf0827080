"""The inputs of a batch: files, folders, zip and tar archives read in place, JSONL dumps, stdin.

Each input is a source name and a ``read()`` that fetches its data only when called. Archive
members are streamed one at a time and never extracted to disk, so an archive of any size goes
through in constant memory; a member's ``read()`` works only until the iterator moves on.

An input that cannot be used still comes out, with a ``read()`` that raises its
``ExtractionError`` (a traversal or link member, a decompression bomb, a damaged archive, a bad
JSONL line): the batch reports it and goes on.
"""

from __future__ import annotations

import io
import json
import lzma
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from extractor.errors import (
    BadRecordError,
    BrokenArchiveError,
    DecompressionBombError,
    ExtractionError,
    InputTooLargeError,
    UnreadableInputError,
    UnsafeMemberError,
)
from extractor.pipeline import DEFAULT_MAX_BYTES

STDIN = "-"
MAX_DEPTH = 3  # an archive, an archive inside it, and one more inside that
STDIN_SOURCE = "<stdin>"
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
JSONL_SUFFIXES = (".jsonl",)
# What a damaged compressed stream raises, besides tarfile's and zipfile's own errors.
_STREAM_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, tarfile.TarError)


Opener = Callable[[], BinaryIO]  # opens a container: a file, or a member read into memory


@dataclass(frozen=True)
class Limits:
    """When an archive member is refused; the defaults let any real text page through.

    Scraped text compresses 3-10 times; a member that inflates ``max_ratio`` times or more is a
    bomb once it is past ``ratio_floor`` bytes (tiny members compress oddly). ``max_total`` caps
    the uncompressed bytes read from one archive.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_ratio: float = 100.0
    ratio_floor: int = 2**20
    max_total: int = 16 * 2**30


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
            yield from (str(f) for f in files if not _hidden(f.relative_to(root).parts))
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
        yield from _CONTAINERS[kind](partial(Path(path).open, "rb"), path, limits, 0)


def _kind(name: str) -> str | None:
    """ "zip", "tar" or "jsonl" by the name's suffix; None for a plain file."""
    name = name.lower()
    kinds = [("zip", ZIP_SUFFIXES), ("tar", TAR_SUFFIXES), ("jsonl", JSONL_SUFFIXES)]
    return next((kind for kind, suffixes in kinds if name.endswith(suffixes)), None)


def _member(member: str, read: Callable[[], bytes], limits: Limits, depth: int) -> Iterator[Input]:
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
    yield from _CONTAINERS[kind](partial(io.BytesIO, data), member, limits, depth + 1)


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


def _hidden(parts: Iterable[str]) -> bool:
    return any((p.startswith(".") and p != "..") or p == "__MACOSX" for p in parts)


def _parts(name: str) -> list[str]:
    """A member name's parts (no pathlib: it interns every part it sees, for ever)."""
    return name.replace("\\", "/").split("/")


def _unsafe_name(name: str) -> str | None:
    """Why a member name is refused: one that climbs out of the archive or is absolute."""
    if name.startswith(("/", "\\")) or (name[:1].isalpha() and name[1:2] == ":"):
        return "has an absolute name"
    if ".." in _parts(name):
        return "has a name that climbs out of the archive (../)"
    return None


def _refused(member: str, reason: str) -> Input:
    return failed(
        member,
        UnsafeMemberError(
            f"the archive member {reason}; it was not read. Repack the archive with plain "
            "files under relative names"
        ),
    )


# --- zip: the central directory lists the members; each is inflated only when read ---


def _zip_inputs(open_: Opener, source: str, limits: Limits, depth: int) -> Iterator[Input]:
    try:
        raw = open_()
    except OSError as error:
        yield failed(source, _unreadable(error, source))
        return
    try:
        archive = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as error:
        raw.close()
        yield failed(source, _broken(f"is not a readable zip archive ({error})", 0))
        return
    total = 0  # zipfile never inflates a member past its declared size: the sum is exact
    with raw, archive:
        for info in archive.infolist():
            if info.is_dir() or _hidden(_parts(info.filename)):
                continue
            member = f"{source}!{info.filename}"
            kind = stat.S_IFMT(info.external_attr >> 16)
            reason = _unsafe_name(info.filename)
            if reason is None and kind not in (0, stat.S_IFREG):
                reason = "is a link or a device, not a file"
            if reason is not None:
                yield _refused(member, reason)
            elif info.file_size > limits.max_bytes:
                yield failed(member, _too_large(info.file_size, limits))
            elif (total := total + info.file_size) > limits.max_total:
                yield failed(member, _over_total(limits))
                return
            else:
                read = partial(_read_zip_member, archive, info, limits)
                yield from _member(member, read, limits, depth)


def _read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    try:
        with archive.open(info) as handle:
            data = handle.read(limits.max_bytes + 1)
    except (RuntimeError, NotImplementedError) as error:  # encrypted, or an exotic compression
        raise UnreadableInputError(
            f"cannot read the member ({error}); repack the archive without a password, "
            "with plain deflate compression"
        ) from error
    except (zipfile.BadZipFile, *_STREAM_ERRORS) as error:
        raise _broken(f"has a damaged member ({error})", None) from error
    _check_size(len(data), info.compress_size, limits)
    return data


# --- tar: streamed header by header, never listed, never seeked ---


def _tar_inputs(open_: Opener, source: str, limits: Limits, depth: int) -> Iterator[Input]:
    try:
        raw = open_()
    except OSError as error:
        yield failed(source, _unreadable(error, source))
        return
    with raw:
        counted = _Counted(raw)
        try:
            archive = tarfile.open(  # noqa: SIM115 (closed below)
                fileobj=counted, mode="r|*", tarinfo=_CheckedTarInfo
            )
        except _STREAM_ERRORS as error:
            yield failed(source, _broken(f"is not a readable tar archive ({error})", 0))
            return
        with archive:
            yield from _tar_members(archive, counted, source, limits, depth)


def _tar_members(
    archive: tarfile.TarFile, counted: _Counted, source: str, limits: Limits, depth: int
) -> Iterator[Input]:
    members = 0
    while True:
        try:
            info = archive.next()
        except _STREAM_ERRORS as error:
            yield failed(source, _broken(f"ends early or is damaged ({error})", members))
            return
        if info is None:
            return
        archive.members.clear()  # stream mode would otherwise keep every header it has seen
        members += 1
        if info.isdir() or _hidden(_parts(info.name)):
            continue
        member = f"{source}!{info.name}"
        reason = _unsafe_name(info.name)
        if reason is None and not info.isfile():
            reason = "is a link or a device, not a file"
        if reason is not None:
            yield _refused(member, reason)
        elif info.size > limits.max_bytes:
            yield failed(member, _too_large(info.size, limits))
        elif info.offset_data + info.size > limits.max_total:
            yield failed(member, _over_total(limits))
            return
        else:
            read = partial(_read_tar_member, archive, info, counted, limits)
            yield from _member(member, read, limits, depth)


def _read_tar_member(
    archive: tarfile.TarFile, info: tarfile.TarInfo, counted: _Counted, limits: Limits
) -> bytes:
    before = counted.consumed
    try:
        handle = archive.extractfile(info)
        data = handle.read() if handle else b""
    except _STREAM_ERRORS as error:
        raise _broken(f"ends inside this member ({error})", None) from error
    # The compressed bytes this member took; exact to a buffer, which matters only past the floor.
    _check_size(len(data), counted.consumed - before, limits)
    return data


class _CheckedTarInfo(tarfile.TarInfo):
    """A header reader that tells a truncated tar from a complete one.

    ``tarfile`` ends quietly when the data stops where a header should be; a complete archive
    ends with a block of zeros instead, so running out of data is damage.
    """

    @classmethod
    def fromtarfile(cls, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        try:
            return super().fromtarfile(tarfile_)
        except (tarfile.EmptyHeaderError, tarfile.TruncatedHeaderError) as error:
            raise tarfile.ReadError("the data stops before the end-of-archive marker") from error


class _Counted:
    """A read-only file that counts the compressed bytes taken from it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.consumed += len(data)
        return data


# --- JSONL dumps: one {"id": …, "text" | "html": …} object per line ---


def _jsonl_inputs(open_: Opener, source: str, limits: Limits, depth: int) -> Iterator[Input]:
    try:
        handle = open_()
    except OSError as error:
        yield failed(source, _unreadable(error, source))
        return
    longest = limits.max_bytes * 6 + 1024  # JSON escapes (\uXXXX) take up to six bytes a byte
    with handle:
        number = 0
        while line := handle.readline(longest):
            number += 1
            if len(line) == longest and not line.endswith(b"\n"):
                while (rest := handle.readline(longest)) and not rest.endswith(b"\n"):
                    pass
                yield failed(f"{source}:{number}", _too_large(len(line), limits, "line"))
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


# --- limits shared by both archive kinds ---


def _check_size(inflated: int, compressed: int, limits: Limits) -> None:
    if inflated > limits.max_bytes:
        raise _too_large(inflated, limits)
    if inflated > limits.ratio_floor and inflated > limits.max_ratio * max(compressed, 1):
        raise DecompressionBombError(
            f"the member inflates {inflated / max(compressed, 1):,.0f} times "
            f"(limit {limits.max_ratio:,.0f}); it looks like a decompression bomb and was not "
            "read. If it is genuine, pass a higher ratio limit"
        )


def _too_large(size: int, limits: Limits, what: str = "member") -> InputTooLargeError:
    return InputTooLargeError(
        f"the {what} is {size:,} bytes, over the limit of {limits.max_bytes:,}; split it into "
        "smaller files or raise max_bytes"
    )


def _over_total(limits: Limits) -> DecompressionBombError:
    return DecompressionBombError(
        f"the archive inflates past {limits.max_total:,} bytes in total; the rest of it was not "
        "read. Split the archive or raise the total limit"
    )


def _broken(reason: str, members: int | None) -> BrokenArchiveError:
    kept = f"; the {members} members before it were read" if members else ""
    return BrokenArchiveError(
        f"the archive {reason}{kept}. Check the download or re-create the archive"
    )


_CONTAINERS: dict[str, Callable[[Opener, str, Limits, int], Iterator[Input]]] = {
    "zip": _zip_inputs,
    "tar": _tar_inputs,
    "jsonl": _jsonl_inputs,
}
