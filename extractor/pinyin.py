"""Pinyin readings that spam mirrors insert after characters: 節(jié), 學;(dòng), ?shù).

A reading counts only if it is a syllable that pypinyin's dictionary gives some character,
tone-marked or a known neutral-tone syllable; so (一), (1), (試行), (QQ) and (201*年) are never
touched. Readings that follow a garbled character (a lost lead byte shows as ``?``, ``;``, ``{``
or a lone Latin letter between Chinese characters) are removed too, and their reading is kept as
a hint for the mojibake stage. A ``?`` followed by ``reading)`` is the seam of a shifted-GBK run
whose ``(`` was swallowed; its reading is removed and remembered the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.offsets import Splice
from extractor.pinyin_table import character_readings, readers_tones_aside

_TONE_MARKED = "àáèéêìíòóùúüāēěīńňōūǎǐǒǔǘǚǜǹḿếề"
_SYLLABLE = rf"[a-z{_TONE_MARKED}\u0300\u0301\u0304\u030c]{{1,7}}"
# `(reading)` anywhere and `?reading)` at a seam (no `(` before the reading), in one scan that
# opens with a class `re` skips to (a form whose seam was a lookbehind was tried at every
# position; two scans, one per form, came before this); `re`, not `regex`: twice as fast on
# them. No two can overlap (a reading holds no `(`, `)` or `?`), so the one scan finds what
# the two did. ``split`` hands out the text
# between them, the opener and the reading: no match object, span or group call for each of a
# page's hundreds.
_ANNOTATION = re.compile(rf"([(?])({_SYLLABLE})\)")
_KIND = "pinyin_annotation"
_GARBLE_MARKS = "?;@[\\]^_`{|}~"  # marks a lost byte leaves, besides lone letters
_TOO_AMBIGUOUS = frozenset({"a", "e", "o", "n", "m", "ng", "hm", "hng"})


@dataclass(frozen=True, slots=True)
class ReadingHint:
    """A reading that stood after a garbled character: evidence for the mojibake stage."""

    position: int  # offset of the garbled character (the repair stage turns it into a raw one)
    reading: str


@lru_cache(maxsize=1)
def valid_readings() -> frozenset[str]:
    """Every reading pypinyin knows, with tones, plus the neutral-tone ones it lists."""
    readings: set[str] = set()
    for value in character_readings().values():
        readings.update(value.split(","))
    return frozenset(r for r in readings if r not in _TOO_AMBIGUOUS)


def _is_cjk(char: str) -> bool:
    return char >= "\u2e80" and not ("\uff00" <= char <= "\uffef")


def _after_garbled(text: str, position: int, before_at: int, annotation_end: int) -> bool:
    """Is ``text[position]`` a mark a lost byte leaves: ``?`` ``;`` ``{`` or a lone letter?

    A lone letter is one that is not part of a Latin word or code and touches Chinese text;
    ``before_at`` is the character before it, the reading between them skipped (產(chǎn)I(yè)).
    """
    char = text[position]
    if char in _GARBLE_MARKS:
        return True
    if not (char.isascii() and char.isalpha()):
        return False
    before = text[before_at] if before_at >= 0 else ""
    after = text[annotation_end] if annotation_end < len(text) else ""
    if before.isascii() and before.isalpha():
        # a full-width letter a shifted pair made, folded, then the trail: 醫療kU(xiǎn)
        prior = text[before_at - 1] if before_at > 0 else ""
        return (_is_cjk(prior) or prior == ")") and _is_cjk(after)  # ) of the Han's reading
    seam = before == "?"  # after a seam ?reading): a run starts there (計?miáo)F(xiàn):)
    return seam or _is_cjk(before) or _is_cjk(after) or (before.isdigit() and after.isdigit())


def find_annotations(text: str) -> tuple[list[Splice], list[ReadingHint]]:
    """Splices that delete every pinyin annotation, and the hints left by garbled ones.

    Besides readings after garble marks, a reading that is not the character's own (熱(róng))
    or a second reading straight after one (危(wēi)(fáng)) belongs to a character the damage
    took: it is kept as a hint at the character it follows. The usual reading, a Chinese
    character's own, is decided inline (pages carry hundreds; 99.8% of those on simulated pages);
    ``_unusual`` decides the rest.
    """
    readings, readers = valid_readings(), readers_tones_aside()
    splices: list[Splice] = []
    hints: list[ReadingHint] = []
    anchor_of_last = last_end = -1
    parts = _ANNOTATION.split(text)  # the text before each, its opener, its reading, ...
    end = 0
    for index in range(1, len(parts), 3):
        reading = parts[index + 1]
        start = end + len(parts[index - 1])
        end = start + len(reading) + 2
        if reading not in readings:
            continue
        if parts[index] == "(":
            if start == 0:
                continue
            if start != last_end:
                char = text[start - 1]  # ``_is_cjk(char)`` written out: hundreds a page
                if (
                    char >= "\u2e80"
                    and not ("\uff00" <= char <= "\uffef")
                    and char in readers[reading]
                ):
                    splices.append(_new_splice(Splice, (start, end, "", _KIND, _OWN, None)))
                    anchor_of_last, last_end = start - 1, end
                    continue
            at = start
        else:
            at = start + 1  # the seam's ``?`` stays: the reading marks the character it lost
        follows_reading = last_end == at
        anchor = anchor_of_last if follows_reading else at - 1
        before = _before(anchor, last_end, anchor_of_last)
        found = _unusual(text, (at, end, reading), anchor, before, follows_reading)
        if found is not None:
            splice, hint = found
            splices.append(splice)
            hints.append(hint)
            anchor_of_last, last_end = anchor, end
    return splices, hints


# A reading's splice built as ``Splice``'s own ``__new__`` builds it, minus a Python call
# (pages carry hundreds of readings)
_new_splice = tuple.__new__
_OWN = "pinyin.after_character"


def _unusual(
    text: str,
    annotation: tuple[int, int, str],
    anchor: int,
    before: int,
    follows_reading: bool,
) -> tuple[Splice, ReadingHint] | None:
    """The splice and hint of a reading that is not its Chinese character's own, or None when
    it is no annotation at all; ``annotation`` is its span and reading, ``anchor`` the character
    it belongs to, ``before`` the one before that (``_before``), ``follows_reading`` whether it
    comes right after another."""
    (start, end, reading), char = annotation, text[anchor]
    if text[start] != "(":
        note = f"reading {reading} marks a lost character"
        rule = "pinyin.seam"
    elif char.isascii() and _after_garbled(text, anchor, before, end):
        note = f"reading {reading} follows a garbled character"
        rule = "pinyin.after_garbled"
    elif _is_cjk(char) or char in "(（" or follows_reading:
        note = f"reading {reading} is not {char}'s own: a lost character's"
        rule = "pinyin.stray"
    else:
        return None
    return Splice(start, end, "", _KIND, rule, note), ReadingHint(anchor, reading)


def _before(position: int, last_end: int, anchor_of_last: int) -> int:
    """Where the character before ``position`` stands, skipping a reading that ends there."""
    return anchor_of_last if last_end == position else position - 1
