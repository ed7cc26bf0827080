"""Shifted-GBK damage for the simulator: runs decoded one byte out of step, lost lead bytes.

A run starts where a character loses its lead byte and is decoded out of step until a byte below
0x80 falls on a lead position (see ``extractor.mojibake`` for what the real pages show).
"""

from __future__ import annotations

import random
from collections.abc import Collection
from itertools import pairwise

from extractor.gbk import decode_pair
from extractor.synth_chars import Piece, Rates, fold_width, gbk_bytes, is_han, reading


def site_decode(
    data: bytes, start: int, boundaries: Collection[int], rng: random.Random, rates: Rates
) -> tuple[list[str], int, set[int]]:
    """Decode ``data`` from ``start`` until back in step: the characters (unfolded), the end,
    and the positions of the bytes that show in them. A dropped byte or pair shows nothing, nor
    does an ASCII digit swallowed into a ``?``: any digit makes the same ``?``, and unlike a
    line end or a comma swallowed so, no layout or grammar tells which digit it was."""
    out: list[str] = []
    shown: set[int] = set()
    position = start
    while position < len(data) and position not in boundaries:
        lead = data[position]
        if lead < 0x80:
            out.append(chr(lead))
            shown.add(position)
            position += 1
            continue
        char = decode_pair(lead, data[position + 1]) if position + 1 < len(data) else None
        if char is None:
            if rng.random() < rates.question_rate:
                out.append("?")
                shown.add(position)
                if position + 1 < len(data) and not 0x30 <= data[position + 1] <= 0x39:
                    shown.add(position + 1)
                position += 2
            else:
                position += 1
            continue
        out.append(char)  # "" for a private-use character: dropped
        if char:
            shown.update((position, position + 1))
        position += 2
    return out, min(position, len(data)), shown


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
) -> tuple[list[Piece], tuple[int, int, str], list[int]]:
    """Lose the lead byte of ``pieces[k]`` and decode one byte out of step until resync; also
    the truth offsets of the characters that left no trace (see ``_traceless``)."""
    seam = _seam(pieces, k, rng, rates)
    window = 64
    state = rng.getstate()
    while True:
        last = min(len(pieces), k + window)
        data, starts = _stream(pieces, k, last)
        chars, end, shown = site_decode(data, 1, starts, rng, rates)
        if end in starts:
            break
        rng.setstate(state)
        window *= 4
    text = "".join(chars)
    stop, offset = starts[end]
    lost = [p.index for p in pieces[k:stop] if p.index >= 0]
    replacement = [seam] if seam else []
    replacement.append(Piece(fold_width(text) if fold else text, -1, "gbk_shift"))
    read = pieces[stop - 1].tag == "reading"
    if read:  # the last lost character's reading stays after it
        replacement.append(pieces[stop - 1])
    traceless = _traceless(pieces, starts, shown | ({0} if seam else set()), stop, read)
    if offset:  # resync inside a reading: its tail stays as it falls
        replacement.append(Piece(pieces[stop].text[offset:], -1, pieces[stop].tag))
        stop += 1
    span = (lost[0], lost[-1] + 1, "gbk_shift")
    return pieces[:k] + replacement + pieces[stop:], span, traceless


def _traceless(
    pieces: list[Piece], starts: dict[int, tuple[int, int]], shown: set[int], stop: int, read: bool
) -> list[int]:
    """Truth offsets of the run's characters nothing of which is left on the page: none of
    their bytes shows (in a character, a letter, a ``?`` or the seam) and no reading of theirs
    stays. No repair can know them; the evaluation counts them apart (the ceiling)."""
    bounds = sorted(starts)
    found = []
    for first, after in pairwise(bounds):
        number, _ = starts[first]
        if number >= stop or pieces[number].index < 0:
            continue
        if read and number == stop - 2:
            continue  # its reading is left after the run
        if not shown.intersection(range(first, after)):
            found.append(pieces[number].index)
    return found


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
) -> tuple[list[Piece], list[tuple[int, int, str]], list[int]]:
    """Shift one to three runs: the pieces, the garbled spans and the traceless offsets."""
    candidates = [
        p.index
        for k, p in enumerate(pieces)
        if p.index > body_start and _shiftable(p) and _after_gbk_extension(pieces, k)
    ]
    chosen = sorted(rng.sample(candidates, min(rng.randint(1, 3), len(candidates))))
    spans: list[tuple[int, int, str]] = []
    traceless: list[int] = []
    for target in chosen:
        if spans and target <= spans[-1][1]:
            continue  # inside or right after the previous run: its q would not be intact
        k = next(n for n, p in enumerate(pieces) if p.index == target)
        pieces, span, lost = shift_one(pieces, k, rng, rates, fold)
        spans.append(span)
        traceless += lost
    return pieces, spans, traceless


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
