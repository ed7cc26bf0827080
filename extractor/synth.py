"""Damage simulator: clean documents in, scraped-looking pages with known truth out.

Each kind of damage is a small function named after it. A page is built from *pieces*: one per
character of the truth text, plus inserted pieces that belong to no truth character (readings,
residue, garbled runs). Whatever is inserted or garbled, truth offsets stay exact. Everything is
drawn from ``random.Random`` seeded with strings, so a seed gives the same bytes on any machine.

The crude s2t conversion needs OpenCC's single-character table with all candidates: it is read from
``dictionary/STCharacters.txt`` beside the ``opencc`` module when that exists, else dumped from the
compiled ``STCharacters.ocd2`` with the ``opencc_dict`` tool the wheel ships; only if both are
missing is each character converted alone (and then ambiguous ones such as 干 are converted too).
"""

from __future__ import annotations

import random
import re
import subprocess
import tempfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import opencc
from pypinyin import Style, pinyin

from extractor.gbk import decode_pair
from extractor.synth_furniture import fanwen_footer, fanwen_header, mirror_footer
from extractor.views import is_traditional

DAMAGE_KINDS = (
    "s2t",
    "pinyin",
    "width_fold",
    "gbk_shift",
    "lost_lead",
    "html_residue",
    "duplicate_title",
    "furniture",
    "masked_years",
    "second_document",
)
GARBLE_KINDS = ("gbk_shift", "lost_lead")


@dataclass(frozen=True)
class Rates:
    """Probabilities of the random choices; the defaults are what real pages suggest."""

    pinyin_rate: float = 0.6  # a reading after a Han character
    seam_rate: float = 0.8  # `?reading)` at the seam of a shifted run, when one can form
    question_rate: float = 0.5  # an invalid byte pair gives `?` (else the lead byte is dropped)
    mask_rate: float = 0.8  # a year before 年 is masked
    mask_two_rate: float = 0.2  # a masked year loses its last two digits, not one
    residue_rate: float = 0.1  # a line gets `</p>`


RATES = Rates()


@dataclass(frozen=True)
class TruthDocument:
    title: str
    text: str
    garbled: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Run:
    """Where damage to be restored sits in the page: gbk_shift, gbk_seam or lost_lead."""

    document: int
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Damaged:
    input: str
    documents: list[TruthDocument]
    runs: list[Run] = field(default_factory=list)


class Piece(NamedTuple):
    text: str
    index: int = -1  # offset of the truth character this piece shows intact, else -1
    tag: str = ""  # the damage that made an inserted piece


# ---- character tables -------------------------------------------------------------------------


def is_han(char: str) -> bool:
    code = ord(char) if len(char) == 1 else -1
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


@cache
def reading(char: str) -> str | None:
    """The site's fixed, context-free reading: pypinyin's first one, tone-marked."""
    if not is_han(char):
        return None
    found = pinyin(char, style=Style.TONE, heteronym=False)[0][0]
    return found if found != char and found.isalpha() else None


@lru_cache(maxsize=1)
def _s2t_table() -> dict[int, str]:
    """Simplified → Traditional for characters with exactly one Traditional form."""
    lines = _st_characters()
    if lines is None:
        return _SingleCharS2T()
    table: dict[int, str] = {}
    for line in lines:
        simplified, _, forms = line.partition("\t")
        candidates = forms.split()
        if len(simplified) == 1 and len(candidates) == 1 and candidates[0] != simplified:
            table[ord(simplified)] = candidates[0]
    return table


def _st_characters() -> list[str] | None:
    """OpenCC's single-character table as text lines, from the plain or the compiled file."""
    package = Path(opencc.__file__).parent
    plain = package / "dictionary" / "STCharacters.txt"
    if plain.is_file():
        return plain.read_text(encoding="utf-8").splitlines()
    compiled = package / "clib" / "share" / "opencc" / "STCharacters.ocd2"
    tool = package / "clib" / "bin" / "opencc_dict"
    if not (compiled.is_file() and tool.is_file()):
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "STCharacters.txt"
        command = [str(tool), "-i", str(compiled), "-o", str(target), "-f", "ocd2", "-t", "text"]
        done = subprocess.run(command, capture_output=True, check=False)
        if done.returncode != 0 or not target.is_file():
            return None
        return target.read_text(encoding="utf-8").splitlines()


class _SingleCharS2T(dict[int, str]):
    """Fallback without the table: each character converted alone by OpenCC."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        converted = _s2t_converter().convert(char) if is_han(char) else char
        self[code] = converted if len(converted) == 1 else char
        return self[code]


@lru_cache(maxsize=1)
def _s2t_converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


_WIDTH_FOLD = {ord(c): chr(ord(c) - 0xFEE0) for c in "，：；（）！？"}
_WIDTH_FOLD.update({code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)})
_WIDTH_FOLD.update({code: chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)})
_WIDTH_FOLD.update({code: chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)})


@cache
def gbk_bytes(char: str) -> bytes:
    return char.encode("gb18030")


# ---- damage to the document text (kept in the truth) ------------------------------------------


def convert_s2t(text: str) -> str:
    return text if is_traditional(text) else text.translate(_s2t_table())


def fold_width(text: str) -> str:
    return text.translate(_WIDTH_FOLD)


_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?=年)")


def mask_years(text: str, rng: random.Random, rates: Rates) -> str:
    def mask(match: re.Match[str]) -> str:
        year = match.group()
        if rng.random() >= rates.mask_rate:
            return year
        if rng.random() < rates.mask_two_rate:
            return year[:2] + rng.choice(("**", "xx"))
        return year[:3] + "*"

    return _YEAR.sub(mask, text)


# ---- damage to the page pieces (removed or restored by the extractor) -------------------------


def annotate(text: str, rng: random.Random, rates: Rates) -> str:
    """Pinyin for a plain string (furniture lines)."""
    return "".join(piece.text for piece in add_pinyin([Piece(c) for c in text], rng, rates))


def add_pinyin(pieces: list[Piece], rng: random.Random, rates: Rates) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        out.append(piece)
        if is_han(piece.text) and rng.random() < rates.pinyin_rate:
            found = reading(piece.text)
            if found:
                out.append(Piece(f"({found})", -1, "reading"))
    return out


def site_decode(
    data: bytes, start: int, boundaries: Collection[int], rng: random.Random, rates: Rates
) -> tuple[list[str], int]:
    """Decode ``data`` from ``start`` until back in step: the characters (unfolded), the end."""
    out: list[str] = []
    position = start
    while position < len(data) and position not in boundaries:
        lead = data[position]
        if lead < 0x80:
            out.append(chr(lead))
            position += 1
            continue
        char = decode_pair(lead, data[position + 1]) if position + 1 < len(data) else None
        if char is None:
            if rng.random() < rates.question_rate:
                out.append("?")
                position += 2
            else:
                position += 1
            continue
        out.append(char)  # "" for a private-use character: dropped
        position += 2
    return out, min(position, len(data))


def _stream(pieces: list[Piece], first: int, last: int) -> tuple[bytes, dict[int, tuple[int, int]]]:
    """GBK bytes of ``pieces[first:last]`` and, per character start, (piece, offset in piece).

    Readings are left out: on real pages no reading stands inside a garbled run, so the
    readings were added after the damage (those of the characters it destroyed never were).
    """
    data = bytearray()
    starts: dict[int, tuple[int, int]] = {}
    for number in range(first, last):
        if pieces[number].tag == "reading":
            continue
        for offset, char in enumerate(pieces[number].text):
            starts[len(data)] = (number, offset)
            data += gbk_bytes(char)
    if last == len(pieces):
        starts[len(data)] = (last, 0)
    return bytes(data), starts


def _shiftable(piece: Piece) -> bool:
    if piece.tag or piece.index < 0 or not is_han(piece.text):
        return False
    encoded = gbk_bytes(piece.text)
    return len(encoded) == 2 and bool(decode_pair(encoded[0], encoded[1]))


def _seam(pieces: list[Piece], k: int, rng: random.Random, rates: Rates) -> Piece | None:
    """`?reading)` for the character made of trail(q) and lead(p), if it forms and is drawn.

    Real pages show it after q's own reading (當(dāng)?shù)…): readings were added after the
    damage, so q is the character before p, whether or not a reading follows it.
    """
    q = _before(pieces, k)
    if q is None:
        return None
    seam = decode_pair(gbk_bytes(q.text)[1], gbk_bytes(pieces[k].text)[0])
    found = reading(seam) if seam else None
    if found and rng.random() < rates.seam_rate:
        return Piece(f"?{found})", -1, "gbk_seam")
    return None


def shift_one(
    pieces: list[Piece], k: int, rng: random.Random, rates: Rates, fold: bool
) -> tuple[list[Piece], tuple[int, int, str]]:
    """Lose the lead byte of ``pieces[k]`` and decode one byte out of step until resync."""
    seam = _seam(pieces, k, rng, rates)
    window = 64
    state = rng.getstate()
    while True:
        last = min(len(pieces), k + window)
        data, starts = _stream(pieces, k, last)
        chars, end = site_decode(data, 1, starts, rng, rates)
        if end in starts:
            break
        rng.setstate(state)
        window *= 4
    text = "".join(chars)
    stop, offset = starts[end]
    lost = [p.index for p in pieces[k:stop] if p.index >= 0]
    replacement = [seam] if seam else []
    replacement.append(Piece(fold_width(text) if fold else text, -1, "gbk_shift"))
    if pieces[stop - 1].tag == "reading":  # the last lost character's reading stays after it
        replacement.append(pieces[stop - 1])
    if offset:  # resync inside a reading: its tail stays as it falls
        replacement.append(Piece(pieces[stop].text[offset:], -1, pieces[stop].tag))
        stop += 1
    span = (lost[0], lost[-1] + 1, "gbk_shift")
    return pieces[:k] + replacement + pieces[stop:], span


def _after_gbk_extension(pieces: list[Piece], k: int) -> bool:
    """Whether the character before ``pieces[k]`` (its reading aside) lies outside GB2312, its
    trail byte 0x40–0xA0 (當 = ae 94, 學 = 8c 57): every shifted run of the seed starts right
    after one (12 of 12, where a random start would do so about one time in three)."""
    q = _before(pieces, k)
    return q is not None and 0x40 <= gbk_bytes(q.text)[1] <= 0xA0


def _before(pieces: list[Piece], k: int) -> Piece | None:
    """The intact Han character before ``pieces[k]``, its reading skipped, if there is one."""
    if k < 1:
        return None
    q = pieces[k - 2] if k >= 2 and pieces[k - 1].tag == "reading" else pieces[k - 1]
    if q.tag or q.index < 0 or not is_han(q.text) or len(gbk_bytes(q.text)) != 2:
        return None
    return q


def shift_gbk(
    pieces: list[Piece], rng: random.Random, rates: Rates, fold: bool, body_start: int
) -> tuple[list[Piece], list[tuple[int, int, str]]]:
    candidates = [
        p.index
        for k, p in enumerate(pieces)
        if p.index > body_start and _shiftable(p) and _after_gbk_extension(pieces, k)
    ]
    chosen = sorted(rng.sample(candidates, min(rng.randint(1, 3), len(candidates))))
    spans: list[tuple[int, int, str]] = []
    for target in chosen:
        if spans and target <= spans[-1][1]:
            continue  # inside or right after the previous run: its q would not be intact
        k = next(n for n, p in enumerate(pieces) if p.index == target)
        pieces, span = shift_one(pieces, k, rng, rates, fold)
        spans.append(span)
    return pieces, spans


def lose_leads(
    pieces: list[Piece], rng: random.Random, body_start: int, near: set[int]
) -> tuple[list[Piece], list[tuple[int, int, str]]]:
    """Characters whose trail byte is ASCII show as that letter: 現 → F."""

    def ascii_trail(piece: Piece) -> bool:
        encoded = gbk_bytes(piece.text)
        return len(encoded) == 2 and 0x40 <= encoded[1] <= 0x7E

    candidates = [
        n
        for n, p in enumerate(pieces)
        if p.index > body_start and not p.tag and is_han(p.text) and p.index not in near
    ]
    candidates = [n for n in candidates if ascii_trail(pieces[n])]
    chosen = sorted(rng.sample(candidates, min(rng.randint(1, 3), len(candidates))))
    pieces = list(pieces)
    spans = []
    for n in chosen:
        index = pieces[n].index
        pieces[n] = Piece(chr(gbk_bytes(pieces[n].text)[1]), -1, "lost_lead")
        spans.append((index, index + 1, "lost_lead"))
    return pieces, spans


def duplicate_title(pieces: list[Piece]) -> list[Piece]:
    newline = next((n for n, p in enumerate(pieces) if p.text == "\n" and p.index >= 0), None)
    if newline is None:
        title = "".join(p.text for p in pieces)
        return [*pieces, Piece("\n" + title, -1, "duplicate_title")]
    title = "".join(p.text for p in pieces[:newline])
    copy = Piece(title + "\n", -1, "duplicate_title")
    return [*pieces[: newline + 1], copy, *pieces[newline + 1 :]]


def add_html_residue(pieces: list[Piece], rng: random.Random, rates: Rates) -> list[Piece]:
    """`</p>` at line ends, `&nbsp;`/`bsp;` at a few line starts or ends, sometimes `<br/>`."""
    ends = [
        n
        for n, p in enumerate(pieces)
        if p.text == "\n" and p.index >= 0 and n > 0 and not pieces[n - 1].text.endswith("\n")
    ]
    extra: dict[int, list[str]] = {}
    for n in ends:
        if rng.random() < rates.residue_rate:
            extra.setdefault(n, []).append("</p>")
    for n in rng.sample(ends, min(rng.randint(1, 3), len(ends))):
        space = rng.choice(("&nbsp;", "&nbsp; &nbsp;", "bsp;"))
        where = n + 1 if rng.random() < 0.7 else n
        extra.setdefault(where, []).insert(0, space)
    inner = [
        n
        for n in range(1, len(pieces))
        if _intact_han(pieces[n - 1]) and _intact_han(pieces[n]) and pieces[n].index > 0
    ]
    if inner and rng.random() < 0.5:
        extra.setdefault(rng.choice(inner), []).append("<br/>")
    out: list[Piece] = []
    for n, piece in enumerate(pieces):
        out.extend(Piece(text, -1, "html_residue") for text in extra.get(n, ()))
        out.append(piece)
    out.extend(Piece(text, -1, "html_residue") for text in extra.get(len(pieces), ()))
    return out


def _intact_han(piece: Piece) -> bool:
    return piece.index >= 0 and not piece.tag and is_han(piece.text)


# ---- one document, one page -------------------------------------------------------------------


@dataclass
class _Body:
    truth: TruthDocument
    pieces: list[Piece]
    traditional: bool


def damage_document(clean: str, kinds: Collection[str], rng: random.Random, rates: Rates) -> _Body:
    """The truth of one document and the pieces of its damaged page text."""
    text = clean.strip()
    if "s2t" in kinds:
        text = convert_s2t(text)
    if "width_fold" in kinds:
        text = fold_width(text)
    if "masked_years" in kinds:
        text = mask_years(text, rng, rates)
    text = text.strip()
    title = text.split("\n", 1)[0].strip()
    body_start = text.find("\n") if "\n" in text else len(text)
    pieces = [Piece(char, index) for index, char in enumerate(text)]
    if "pinyin" in kinds:
        pieces = add_pinyin(pieces, rng, rates)
    garbled: list[tuple[int, int, str]] = []
    if "gbk_shift" in kinds:
        pieces, garbled = shift_gbk(pieces, rng, rates, "width_fold" in kinds, body_start)
    if "lost_lead" in kinds:
        near = {i for start, end, _ in garbled for i in range(start - 1, end + 1)}
        pieces, lost = lose_leads(pieces, rng, body_start, near)
        garbled = sorted(garbled + lost)
    if "duplicate_title" in kinds:
        pieces = duplicate_title(pieces)
    if "html_residue" in kinds:
        pieces = add_html_residue(pieces, rng, rates)
    truth = TruthDocument(title=title, text=text, garbled=garbled)
    return _Body(truth, pieces, "s2t" in kinds or is_traditional(text))


def damage(
    clean: str,
    kinds: Collection[str],
    seed: int,
    second: str | None = None,
    rates: Rates = RATES,
) -> Damaged:
    """Damage ``clean`` (and ``second`` for second_document); the same seed gives the same page."""
    kinds = checked_kinds(kinds)
    if not clean.strip():
        raise ValueError("the clean document is empty; give it some text to damage")
    if "second_document" in kinds and not (second and second.strip()):
        raise ValueError("second_document needs a second clean document: pass `second`")
    bodies = [damage_document(clean, kinds, random.Random(f"doc:{seed}:0"), rates)]
    if "second_document" in kinds:
        assert second is not None
        bodies.append(damage_document(second, kinds, random.Random(f"doc:{seed}:1"), rates))
    page = _Page()
    rng = random.Random(f"page:{seed}")
    family = _family(kinds, bodies[0])
    if family == "fanwen":
        page.add_lines(fanwen_header(bodies[0].truth.title, rng), "width_fold" in kinds)
    page.add_body(0, bodies[0].pieces)
    if len(bodies) > 1:
        caption = "擴展閱讀:" if bodies[1].traditional else "扩展阅读:"
        page.add_lines([caption + bodies[1].truth.title], fold=False)
        page.add_body(1, bodies[1].pieces)
    if family == "fanwen":
        page.add_lines(fanwen_footer(rng), "width_fold" in kinds)
    elif family == "mirror":
        lines = mirror_footer(bodies[0].truth.title)
        if "pinyin" in kinds:
            lines = [annotate(line, rng, rates) for line in lines]
        page.add_lines(lines, fold=False)
    return Damaged(page.text(), [body.truth for body in bodies], page.runs)


def checked_kinds(kinds: Collection[str]) -> frozenset[str]:
    if isinstance(kinds, str):
        kinds = (kinds,)
    unknown = sorted(set(kinds) - set(DAMAGE_KINDS))
    if unknown:
        raise ValueError(f"unknown damage kind(s) {unknown}; choose from {list(DAMAGE_KINDS)}")
    return frozenset(kinds)


def _family(kinds: Collection[str], first: _Body) -> str | None:
    """Which site furniture: spam mirror (Traditional or pinyin), 范文 site, or none."""
    if "furniture" not in kinds:
        return None
    return "mirror" if "pinyin" in kinds or first.traditional else "fanwen"


class _Page:
    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.length = 0
        self.runs: list[Run] = []

    def _append(self, text: str) -> None:
        self.chunks.append(text)
        self.length += len(text)

    def add_lines(self, lines: Iterable[str], fold: bool) -> None:
        for line in lines:
            self._append((fold_width(line) if fold else line) + "\n")

    def add_body(self, document: int, pieces: list[Piece]) -> None:
        for piece in pieces:
            if piece.tag in ("gbk_shift", "gbk_seam", "lost_lead"):
                start = self.length
                self.runs.append(Run(document, start, start + len(piece.text), piece.tag))
            self._append(piece.text)
        self._append("\n")

    def text(self) -> str:
        return "".join(self.chunks)
