"""Zip and tar archives read in place: members streamed one at a time, never extracted to disk.

A member comes out as its name and a ``read()`` that inflates it only when called, and works
only until the iterator moves on, so an archive of any size goes through in constant memory.
A member refused unread (a name that climbs out, a link or device, over the size limit, past the
archive's total) comes out with its error instead, and so does a damaged archive, after the
members read before the damage.
"""

from __future__ import annotations

import lzma
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

from extractor.errors import (
    BrokenArchiveError,
    DecompressionBombError,
    ExtractionError,
    InputTooLargeError,
    UnreadableInputError,
    UnsafeMemberError,
)
from extractor.pipeline import DEFAULT_MAX_BYTES

# What a damaged compressed stream raises, besides tarfile's and zipfile's own errors.
_STREAM_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, tarfile.TarError)

Reader = Callable[[], bytes]
Member = tuple[str, Reader | ExtractionError]  # a member to read, or why it was not read


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
class _Entry:
    """A member as its header describes it, before anything is read.

    ``start``: the uncompressed bytes of the archive before this member's data, where the format
    tells it (tar); None where it does not (zip), and the sizes of the members read are summed.
    """

    name: str
    is_dir: bool
    is_file: bool
    size: int
    start: int | None
    read: Reader


def archive_members(kind: str, raw: BinaryIO, source: str, limits: Limits) -> Iterator[Member]:
    """The members of a "zip" or "tar" archive (an open binary file), in archive order."""
    entries = _ENTRIES[kind](raw, limits)
    total = 0
    try:
        with closing(entries):
            for entry in entries:
                if entry.is_dir or hidden(_parts(entry.name)):
                    continue
                member = f"{source}!{entry.name}"
                end = (total if entry.start is None else entry.start) + entry.size
                if (error := _refusal(entry, limits)) is not None:
                    yield member, error
                elif end > limits.max_total:
                    yield member, _over_total(limits)
                    return
                else:
                    total = end
                    yield member, entry.read
    except BrokenArchiveError as error:
        yield source, error


def _refusal(entry: _Entry, limits: Limits) -> ExtractionError | None:
    """Why a member is refused before it is read, or None."""
    reason = _unsafe_name(entry.name)
    if reason is None and not entry.is_file:
        reason = "is a link or a device, not a file"
    if reason is not None:
        return UnsafeMemberError(
            f"the archive member {reason}; it was not read. Repack the archive with plain "
            "files under relative names"
        )
    if entry.size > limits.max_bytes:
        return too_large(entry.size, limits)
    return None


def hidden(parts: Iterable[str]) -> bool:
    """A hidden file or folder, or macOS resource forks: never an input."""
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


# --- zip: the central directory lists the members; each is inflated only when read ---


def _zip_entries(raw: BinaryIO, limits: Limits) -> Iterator[_Entry]:
    try:
        archive = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as error:
        raise _broken(f"is not a readable zip archive ({error})", 0) from error
    # zipfile never inflates a member past its declared size: the sum of sizes is exact
    with archive:
        for info in archive.infolist():
            is_file = stat.S_IFMT(info.external_attr >> 16) in (0, stat.S_IFREG)
            read = partial(_read_zip_member, archive, info, limits)
            yield _Entry(info.filename, info.is_dir(), is_file, info.file_size, None, read)


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


def _tar_entries(raw: BinaryIO, limits: Limits) -> Iterator[_Entry]:
    counted = _Counted(raw)
    try:
        archive = tarfile.open(  # noqa: SIM115 (closed below)
            fileobj=counted, mode="r|*", tarinfo=_CheckedTarInfo
        )
    except (*_STREAM_ERRORS, TypeError) as error:  # TypeError: a gzip header cut short
        raise _broken(f"is not a readable tar archive ({error})", 0) from error
    with archive:
        members = 0
        while True:
            try:
                info = archive.next()
            except _STREAM_ERRORS as error:
                raise _broken(f"ends early or is damaged ({error})", members) from error
            if info is None:
                return
            archive.members.clear()  # stream mode would otherwise keep every header it has seen
            members += 1
            read = partial(_read_tar_member, archive, info, counted, limits)
            yield _Entry(info.name, info.isdir(), info.isfile(), info.size, info.offset_data, read)


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


_ENTRIES: dict[str, Callable[[BinaryIO, Limits], Iterator[_Entry]]] = {
    "zip": _zip_entries,
    "tar": _tar_entries,
}


# --- limits shared by both archive kinds ---


def _check_size(inflated: int, compressed: int, limits: Limits) -> None:
    if inflated > limits.max_bytes:
        raise too_large(inflated, limits)
    if inflated > limits.ratio_floor and inflated > limits.max_ratio * max(compressed, 1):
        raise DecompressionBombError(
            f"the member inflates {inflated / max(compressed, 1):,.0f} times "
            f"(limit {limits.max_ratio:,.0f}); it looks like a decompression bomb and was not "
            "read. If it is genuine, pass a higher ratio limit"
        )


def too_large(size: int, limits: Limits, what: str = "member") -> InputTooLargeError:
    """A member (or a JSONL line) over ``max_bytes``."""
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
