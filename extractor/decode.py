"""Bytes to text: find the encoding of a saved page without changing a single character.

Scraped summaries arrive as UTF-8, GB18030/GBK, Big5 or UTF-16, sometimes with a stray bad
byte from a truncated download. Valid UTF-8 is taken at once (the common, fast case). Anything
else is decided on a sample: every candidate codec is tried, and the one whose text looks most
like Chinese or ASCII wins; charset-normalizer's guess only tips a close call. GB18030 and
Big5 both decode most of each other's bytes into real ideographs, so the score rests on what
differs: private-use and rare-block characters, undecodable bytes, the punctuation, and how
many ideographs are common ones (level 1 of GB2312 or Big5, read from the codecs themselves).

Nothing is normalised: newlines, full-width punctuation and odd spaces stay as they were, so
offsets into the decoded text are offsets into what the user gave us.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes

from extractor.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    UndecodableInputError,
)

logger = logging.getLogger(__name__)

SAMPLE_BYTES = 64 * 1024
TOLERATED_BAD_SHARE = 0.005  # undecodable bytes a codec may replace and still win
UTF16_MIN_SCORE = 0.95  # NULs alone are no proof: ASCII read as UTF-16 scores about 0.8
LEGACY_MIN_SCORE = 0.5
GUESS_BONUS = 0.02  # charset-normalizer's pick wins ties, never a clear contest
CLOSE_CALL = 0.05  # a runner-up this close is worth a note
COMMON_WEIGHT = 0.5  # reward for ideographs the standards rank common, penalty for rare ones

_REPLACEMENT = "\ufffd"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", 0),
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
)
# Control bytes never written by UTF-8, GB18030 or Big5 text (tab, newlines, VT, FF excluded).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_ARCHIVE_ADVICE = (
    "archives are not yet supported as single files: extract it first and pass the files inside"
)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "pass the text of the page instead"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the text of the page instead"),
    (b"GIF87a", "a GIF image", "pass the text of the page instead"),
    (b"GIF89a", "a GIF image", "pass the text of the page instead"),
    (b"%PDF-", "a PDF document", "extract its text first (e.g. with pdftotext) and pass that"),
    (b"PK\x03\x04", "a ZIP archive (.docx and .xlsx files are ZIP archives too)", _ARCHIVE_ADVICE),
    (b"PK\x05\x06", "an empty ZIP archive", _ARCHIVE_ADVICE),
    (b"\x1f\x8b", "a GZIP archive", "decompress it first (gunzip) and pass the file inside"),
    (b"Rar!\x1a\x07", "a RAR archive", _ARCHIVE_ADVICE),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive", _ARCHIVE_ADVICE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls)", "save it as .txt"),
    (b"\x7fELF", "an ELF executable", "pass a text or HTML file instead"),
)
# What real text is made of, and what a wrong codec produces instead.
_GOOD = re.compile(
    r"[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e\uffe0-\uffe6\u2010-\u2027\x20-\x7e\t\n\r]"
)
_BAD = re.compile(
    "[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\uff61-\uff9f"
    "\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0010ffff]"
)
_OTHER_LETTERS = re.compile(
    r"[^\W\d_\x00-\x7f\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]+")
_CANONICAL = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030"}


@dataclass(frozen=True)
class Decoded:
    """The decoded text, the codec that produced it, and why we are less than sure of it."""

    text: str
    encoding: str
    confidence_note: str | None = None


def decode(data: bytes | str, *, max_bytes: int = 64 * 2**20) -> Decoded:
    """Decode a saved page, or raise an ``ExtractionError`` that says what to do instead."""
    unit = "characters" if isinstance(data, str) else "bytes"
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"the input is {len(data):,} {unit}, over the limit of {max_bytes:,}; split the "
            "file into smaller parts (e.g. one document per file) or raise max_bytes"
        )
    if not data:
        raise _empty(f"is empty (0 {unit})")
    if isinstance(data, str):
        return _checked(Decoded(data, "str"))
    if data.isspace():
        raise _empty("contains only whitespace")
    _check_magic(data)
    decoded = _decode_with_bom(data) or _decode_utf16_by_nuls(data)
    if decoded is None:
        _check_control_bytes(data)
        decoded = _decode_utf8(data) or _decode_by_score(data)
    return _checked(decoded)


# -- refusals --------------------------------------------------------------------------------


def _empty(what: str) -> EmptyInputError:
    return EmptyInputError(
        f"the input {what}; check that the right file was given and that the page was saved "
        "completely"
    )


def _check_magic(data: bytes) -> None:
    for magic, what, advice in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(f"the input is {what}, not text; {advice}")


def _check_control_bytes(data: bytes) -> None:
    """Refuse binary junk: control bytes that no text encoding we accept would write."""
    sample = data[:SAMPLE_BYTES]
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control > max(2, len(sample) // 100):
        raise BinaryInputError(
            f"the input looks binary, not text ({control} of its first {len(sample)} bytes are "
            "NUL or control bytes); if it is a document in another format, convert it to plain "
            "text or HTML first"
        )


def _checked(decoded: Decoded) -> Decoded:
    """Refuse text that is empty or was already destroyed (mostly U+FFFD) before it was saved."""
    text = decoded.text
    if not text:
        raise _empty("holds no text (at most a byte-order mark)")
    if text.isspace():
        raise _empty("contains only whitespace")
    damaged = text.count(_REPLACEMENT)
    if damaged and _mostly_replacement(text, damaged):
        raise UndecodableInputError(
            f"the text is mostly U+FFFD replacement characters ({damaged} of them): it was "
            "damaged before it was saved and cannot be repaired; fetch the page again from "
            "its source"
        )
    return decoded


def _mostly_replacement(text: str, damaged: int) -> bool:
    """Most visible characters are U+FFFD, or most non-ASCII ones (markup around a dead page)."""
    visible = len(text) - sum(text.count(space) for space in " \t\r\n\u3000")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return damaged * 2 > visible or (damaged >= 16 and damaged * 5 >= non_ascii * 4)


# -- the sure cases: byte-order marks, UTF-16 by its NUL bytes, strict UTF-8 ----------------


def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, codec, skip in _BOMS:
        if data.startswith(bom):
            return _decode_tolerant(data[skip:], codec)
    return None


def _decode_utf16_by_nuls(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: NUL bytes from ASCII characters, and text that reads well.

    The NULs do not decide the byte order (U+3000 and 一 put theirs on the other side than
    ASCII does); the score does, and it also turns away ASCII with a stray NUL or two.
    """
    sample = data[:SAMPLE_BYTES]
    if sample.count(0) < 2:
        return None
    best_score, best_codec = UTF16_MIN_SCORE, None
    for codec in ("utf-16-le", "utf-16-be"):
        trial = _trial(sample, codec)
        score = _score(trial) if trial is not None else 0.0
        if score >= best_score:
            best_score, best_codec = score, codec
    if best_codec is None:
        return None
    decoded = _decode_tolerant(data, best_codec)
    return _with_note(decoded, "no byte-order mark: recognised as UTF-16 by its NUL bytes")


def _decode_utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


# -- the judged case: score every candidate on a sample --------------------------------------


def _decode_by_score(data: bytes) -> Decoded:
    """Try the candidates best-scored first; the first that decodes the whole input wins."""
    ranked = _rank(data)
    for number, (score, codec) in enumerate(ranked):
        if score < LEGACY_MIN_SCORE:
            break
        decoded = _decode_tolerant(data, codec)
        if decoded is not None:
            return _with_note(decoded, _close_call(ranked, number))
    best = f" (best try: {ranked[0][1]})" if ranked else ""
    raise UndecodableInputError(
        f"the input does not decode as UTF-8, UTF-16, GB18030 or Big5{best}; open it in an "
        "editor, save it as UTF-8 and try again"
    )


def _rank(data: bytes) -> list[tuple[float, str]]:
    """Viable candidates with their scores, best first; ties keep the listing order."""
    sample = _sample(data)
    guess = _guess(sample)
    candidates = ["utf-8", "gb18030", "big5"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]
    if guess and guess not in candidates:
        candidates.append(guess)
    scored = []
    for codec in candidates:
        trial = _trial(sample, codec)
        if trial is not None:
            bonus = GUESS_BONUS if codec == guess else 0.0
            scored.append((_score(trial) + bonus, codec))
    return sorted(scored, key=lambda item: -item[0])


def _sample(data: bytes) -> bytes:
    """The first 64 KB, cut after a newline so no multi-byte character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", SAMPLE_BYTES // 2, SAMPLE_BYTES)
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def _guess(sample: bytes) -> str | None:
    """charset-normalizer's best guess, as a codec name we can decode with."""
    try:
        best = from_bytes(sample).best()
        name = codecs.lookup(best.encoding).name if best is not None else None
    except Exception:  # a third-party heuristic must not sink the decode
        logger.debug("charset-normalizer failed", exc_info=True)
        return None
    return _CANONICAL.get(name, name) if name else None


def _trial(sample: bytes, codec: str) -> str | None:
    """Decode a sample, replacing a tiny share of bad bytes; None when there are more.

    The incremental decoder keeps a character cut at the end of the sample out of the count.
    """
    decoder = codecs.getincrementaldecoder(codec)
    text = decoder("replace").decode(sample, final=False)
    bad = text.count(_REPLACEMENT)
    if bad:
        bad -= decoder("ignore").decode(sample, final=False).count(_REPLACEMENT)
    return None if bad > len(sample) * TOLERATED_BAD_SHARE else text


def _score(text: str) -> float:
    """Share of characters that belong in Chinese or ASCII text, less junk three times over.

    Both GB18030 and Big5 turn most of the other's bytes into real ideographs, so ideographs
    also count for or against by how common they are: a wrong codec lands on rare ones.
    """
    if not text:
        return 0.0
    good = len(_GOOD.findall(text))
    other = len(_OTHER_LETTERS.findall(text))
    bad = len(_BAD.findall(text))
    ideographs = "".join(_IDEOGRAPHS.findall(text))
    common = sum(1 for char in ideographs if char in _common_ideographs())
    commonness = COMMON_WEIGHT * (2 * common - len(ideographs))
    return (good + 0.5 * other - 3 * bad + commonness) / len(text)


@functools.cache
def _common_ideographs() -> frozenset[str]:
    """The ideographs GB2312 and Big5 each rank as common (level 1): a frequency test in
    the codecs themselves, about 7,000 characters, Simplified and Traditional."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1: B0A1-D7F9
        chars.update(_decode_row(bytes([lead]), range(0xA1, 0xFF), "gb2312"))
    for lead in range(0xA4, 0xC7):  # Big5 level 1: A440-C67E
        trails = range(0x40, 0x7F) if lead == 0xC6 else [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        chars.update(_decode_row(bytes([lead]), trails, "big5"))
    return frozenset(char for char in chars if "\u4e00" <= char <= "\u9fff")


def _decode_row(lead: bytes, trails: Iterable[int], codec: str) -> Iterator[str]:
    for trail in trails:
        with contextlib.suppress(UnicodeDecodeError):
            yield (lead + bytes([trail])).decode(codec)


def _close_call(ranked: list[tuple[float, str]], number: int) -> str | None:
    winner_score, winner = ranked[number]
    for score, codec in ranked[number + 1 :]:
        if winner_score - score < CLOSE_CALL:
            return f"guessed {winner} (score {winner_score:.2f}) over {codec} ({score:.2f})"
    return None


# -- decoding the whole input ----------------------------------------------------------------


def _decode_tolerant(data: bytes, codec: str) -> Decoded | None:
    """Decode strictly, or with U+FFFD for a stray bad byte or two; None when more are bad."""
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        pass
    text = data.decode(codec, "replace")
    bad = text.count(_REPLACEMENT) - data.decode(codec, "ignore").count(_REPLACEMENT)
    if bad > len(data) * TOLERATED_BAD_SHARE:
        return None
    note = f"{bad} undecodable byte sequence(s) replaced with U+FFFD while decoding as {codec}"
    return Decoded(text, codec, note)


def _with_note(decoded: Decoded | None, note: str | None) -> Decoded | None:
    if decoded is None or note is None:
        return decoded
    joined = f"{decoded.confidence_note}; {note}" if decoded.confidence_note else note
    return Decoded(decoded.text, decoded.encoding, joined)
