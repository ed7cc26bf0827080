"""Damage simulator: clean documents in, scraped-looking pages with known truth out.

Each kind of damage is a small function named after it. A page is built from *pieces*: one per
character of the truth text, plus inserted pieces that belong to no truth character (readings,
residue, garbled runs). Whatever is inserted or garbled, truth offsets stay exact. Everything is
drawn from ``random.Random`` seeded with strings, so a seed gives the same bytes on any machine.
Character tables and text-level damage live in ``synth_chars``, shifted GBK in ``synth_gbk``.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from extractor.synth_chars import (
    RATES,
    Piece,
    Rates,
    convert_s2t,
    fold_width,
    is_han,
    mask_years,
    reading,
)
from extractor.synth_furniture import fanwen_footer, fanwen_header, mirror_footer
from extractor.synth_gbk import lose_leads, shift_gbk
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
class TruthDocument:
    title: str
    text: str
    garbled: list[tuple[int, int, str]] = field(default_factory=list)
    traceless: list[int] = field(default_factory=list)  # garbled characters nothing shows of


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
    traceless: list[int] = []
    if "gbk_shift" in kinds:
        pieces, garbled, traceless = shift_gbk(
            pieces, rng, rates, "width_fold" in kinds, body_start
        )
    if "lost_lead" in kinds:
        near = {i for start, end, _ in garbled for i in range(start - 1, end + 1)}
        pieces, lost = lose_leads(pieces, rng, body_start, near)
        garbled = sorted(garbled + lost)
    if "duplicate_title" in kinds:
        pieces = duplicate_title(pieces)
    if "html_residue" in kinds:
        pieces = add_html_residue(pieces, rng, rates)
    truth = TruthDocument(title, text, garbled, traceless)
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
