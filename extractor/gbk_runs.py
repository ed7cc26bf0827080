"""Where shifted-GBK runs may stand in a text, and how each would have ended.

A run is decoded one byte out of step until a byte below 0x80 falls on a lead position, so it
ends in one of a few ways (``Segment.terminator``):

- ``letter``: the last character's trail byte was ASCII and shows as a lone letter (F, l, {);
- ``question``: the last trail byte swallowed the ASCII byte after it and showed as ``?``;
- ``hidden``: the last trail byte was dropped and the ASCII byte after it shows as it was;
- ``vanished``: a character lost its lead byte and then its trail: nothing shows of it but the
  reading the mirror put after it (危(wēi)(fáng)11 → 危房11);
- ``dropped``: the last trail byte was 0x80 (個, 還), which cannot start a pair: the decoder
  dropped it and was back in step before the next Chinese character.

A ``?`` with a reading just before a run is its *seam* (the character made of the previous
trail byte and the lost lead byte), which names the lost lead byte. A reading after the run
belongs to its last character. ``gbk_hypotheses`` turns each segment into the ways it could
have been made.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from extractor.gbk import (
    FOLDED,
    table,
    two_bytes,
)
from extractor.gbk_lines import Stranded, may_drop, past_plain, plain_test, quiet_lines
from extractor.gbk_marks import (
    Hints,
    RunRules,
    after_extension,
    asked,
    is_folded_inside,
    is_lone_mark,
    is_run_at,
    is_run_char,
    orphan_suspect,
    run_rules,
)
from extractor.gbk_shifted import ShiftedPage
from extractor.lm import LanguageModel, language_model
from extractor.pinyin_table import fits_reading
from extractor.rules import RuleSet, load_rules

MAX_RUN = 24
SUSPECT_WINDOW = 8
NEAR_STARTS = 3  # starts tried before a lone letter when no rare character points further back
PLACED_RUN = 4  # common characters between a character outside GB2312 and a "?" read as a run


@dataclass(frozen=True)
class Segment:
    """Visible run characters ``text[start:end]`` and how the run would have ended."""

    start: int
    end: int
    terminator: str  # "letter", "question", "hidden", "vanished" or "dropped"
    hint: str | None  # the reading of the last character, left after the run
    reach: int  # how far left the run may have begun


def _reach(text: str, start: int, hints: Hints) -> int:
    """How far left a run may have begun: across run characters and folded marks, up to a
    seam or any other character with a reading (the damage before it ended there)."""
    reach = start
    while reach > 0 and start - reach < MAX_RUN and reach - 1 not in hints:
        if not (is_run_at(text, reach - 1) or is_folded_inside(text, reach - 1, hints)):
            break
        reach -= 1
    return reach


def _stray_reading(text: str, position: int, hints: Hints) -> str | None:
    """A reading after ``text[position]`` that is not its own: it belongs to a lost character."""
    readings = hints.get(position)
    if not readings or text[position] in "?" or is_lone_mark(text, position):
        return None
    return None if fits_reading(text[position], readings[-1]) else readings[-1]


def _is_seam(text: str, position: int, hints: Hints) -> bool:
    """A ``?`` with a reading: on the pages seen, the seam before a run (or before the single
    character a run was), whatever follows it."""
    return text[position] == "?" and position in hints


def _after_seam(text: str, start: int, hints: Hints) -> bool:
    """Whether a seam stands right before ``start``."""
    return start > 0 and _is_seam(text, start - 1, hints)


def suspect_segments(text: str, hints: Hints, rules: RuleSet | None = None) -> list[Segment]:
    """Runs worth a search: those ending in a lone letter, a ``?``, a stray reading or rare
    characters, and characters vanished but for their reading, where a run can start.
    ``rules`` (the shipped ones by default) name question words and surnames."""
    rules = rules or load_rules()
    found = run_rules(rules.question_words, rules.extra_dirs)
    return [s for s in _segments(text, hints, found) if _can_start(text, s, hints)]


def _can_start(text: str, segment: Segment, hints: Hints) -> bool:
    """A lone letter or a vanished character needs no start; a run needs a seam or a
    character outside GB2312 before it (see ``after_extension``)."""
    if segment.terminator in ("letter", "vanished") or seam_leads(text, segment.reach, hints):
        return True
    last = segment.end + (segment.terminator == "question")
    return any(after_extension(text, start) for start in range(segment.reach, last))


def _segments(text: str, hints: Hints, rules: RunRules) -> list[Segment]:
    """Every place a run may end, in order (``suspect_segments`` keeps those that can start).
    Each helper appends to ``found``: generators are objects, and most places yield nothing."""
    found: list[Segment] = []
    shifted = ShiftedPage(text, language_model())
    position, length = 0, len(text)
    lone = Stranded(text, rules.surnames)
    quiet = quiet_lines(text, hints, lone)
    read, plain = sorted(hints), plain_test()
    while position < length:
        if position in quiet:  # nothing on this line could start or end a run
            position = quiet[position]
            continue
        if not is_run_at(text, position):
            _lone_marks(text, position, hints, found)
            position += 1
            continue
        start = position
        position = past_plain(text, position, read, plain)
        while position < length and (
            (run := is_run_at(text, position))
            or (is_folded_inside(text, position, hints) and position not in hints)
        ):
            position += 1
            if not run:
                _stretch_end(text, start, position - 1, hints, shifted, rules, lone, found)
            elif may_drop(text[position - 1]) and position < length and is_run_char(text[position]):
                _dropped_end(text, start, position, hints, shifted, found)
            stray = _stray_reading(text, position - 1, hints) if position - 1 in hints else None
            if stray is not None:
                _stray_ends(text, start, position, stray, hints, found)
                break
            position = past_plain(text, position, read, plain)
        else:
            _stretch_end(text, start, position, hints, shifted, rules, lone, found)
    return found


def _stray_ends(
    text: str, start: int, end: int, reading: str, hints: Hints, found: list[Segment]
) -> None:
    """A reading after ``text[end - 1]`` that is not its own: a run ended there with its last
    trail byte dropped, or a whole character vanished after it (added to ``found``)."""
    after = text[end] if end < len(text) else "\n"
    seamed = _after_seam(text, start, hints)
    if ord(after) < 0x40:  # the resync rule: an ASCII byte the lost trail byte could not take
        found.append(Segment(start, end, "hidden", reading, _reach(text, end - 1, hints)))
        found.append(Segment(end, end, "vanished", reading, end))
    elif may_drop(text[end - 1]) and is_run_char(after) and (end - start > 1 or seamed):
        # 謇猛烁(hái)林: 退耕還 shifted, 還's trail byte 0x80 dropped before Chinese text
        found.append(Segment(start, end, "dropped", reading, _reach(text, end - 1, hints)))
    elif is_run_char(after):  # 歸(hái)原: 還 (df 80) vanished, its trail byte 0x80 dropped
        found.append(Segment(end, end, "vanished", reading, end))


def _stretch_end(
    text: str,
    start: int,
    end: int,
    hints: Hints,
    shifted: ShiftedPage,
    rules: RunRules,
    stranded_at: Stranded,
    found: list[Segment],
) -> None:
    """How a run may end at ``end``, if anything before it is suspect (added to ``found``)."""
    suspects = _suspects(text, start, end, shifted)
    after = text[end] if end < len(text) else "\n"
    hint = hints[end][-1] if end in hints else None
    seamed = _after_seam(text, start, hints)
    if after == "?" and asked(text, end, rules.questions):
        after = "\n"  # the writer's question mark: the run, if any, ended before it
    if after == "?" and after_extension(text, end) and _inside_line(text, end):
        # a run of one character right where runs start, its trail byte gone with the next
        found.append(Segment(end, end, "question", hint, end))
    lone = stranded_at.at(end) if ord(after) < 0x40 else None
    if not (suspects or hint or seamed or lone or after == "?" or 0x40 <= ord(after) <= 0x7E):
        return  # plain text before a comma or a line end: the common case, at once
    reach = _reach(text, end, hints)
    placed = after == "?" and not suspects and _placed_question(text, max(reach, start), end)
    reach = reach if suspects else max(reach, end - (PLACED_RUN if placed else NEAR_STARTS))
    if _after_seam(text, reach, hints):
        suspects += 2  # a seam says a run starts there: it ends somewhere
    if end < len(text) and is_lone_mark(text, end, hint is not None):
        _letter_ends(text, Segment(start, end, "letter", hint, reach), found)
    elif after in FOLDED and after != "?" and hint is not None:  # a folded pair, then lost bytes
        found.append(Segment(start, end + 1, "hidden", hint, reach))
    elif _past_a_question(text, start, end, shifted.model):
        mark = text.rfind("?", start, end) + 1  # the first "?" ended a run; another may
        if after == "?" and _placed_question(text, mark, end):  # end here (闉?公司第一時間杩?)
            found.append(Segment(mark, end, "question", hint, max(mark, end - PLACED_RUN)))
            found.append(Segment(mark, end, "hidden", None, max(mark, end - PLACED_RUN)))
    elif after == "?" and (suspects >= 2 or (suspects and end + 1 < len(text)) or placed):
        found.append(Segment(start, end, "question", hint, reach))
        found.append(Segment(start, end, "hidden", None, reach))
    elif ord(after) < 0x40 and (suspects >= 2 or orphan_suspect(text, end - 1, shifted.model)):
        found.append(Segment(start, end, "hidden", None, reach))
    elif lone is not None:
        found.append(Segment(start, end, "hidden", None, lone))


def _suspects(text: str, start: int, end: int, shifted: ShiftedPage) -> int:
    """How suspect the stretch before ``end`` is: its orphan suspects, or 2 when its bytes
    re-paired one along read as words."""
    first, suspects = max(start, end - SUSPECT_WINDOW), 0
    for position in range(first, end):  # a loop, not sum(): a generator is an object
        suspects += orphan_suspect(text, position, shifted.model)
    if suspects < 2 and shifted.reads(first, end):
        suspects += 2
    return suspects


def _letter_ends(text: str, run: Segment, found: list[Segment]) -> None:
    """A run ended by the lone letter after it, and the runs that letter may end besides
    (added to ``found``)."""
    start, end, hint, reach = run.start, run.end, run.hint, run.reach
    found.append(run)
    mark = text.rfind("?", reach, end)
    if mark >= 0:  # 峙?與履約闆r: the "?" may have ended a run before this one
        found.append(Segment(max(start, mark + 1), end, "letter", hint, mark + 1))
    if _folded_then_lost(text, end, hint):
        found.append(Segment(start, end + 1, "hidden", hint, reach))


def _folded_then_lost(text: str, position: int, hint: str | None) -> bool:
    """Whether a letter or digit with a reading no character ending in it has, before an ASCII
    byte, may be a folded pair, then a character whose trail byte was lost before that byte,
    the reading its own (和保障, → 捅U(zhàng),: 保 = b1 a3, 障 = d5 cf, a3 d5 = Ｕ)."""
    char = text[position]
    if hint is None or not char.isalnum() or ord(text[position + 1 : position + 2] or "\n") >= 0x40:
        return False
    return all(trail != ord(char) for _, trail, _ in table().by_reading.get(hint, ()))


def _past_a_question(text: str, start: int, end: int, model: LanguageModel) -> bool:
    """A stretch that runs on through a ``?`` over nothing suspect: the ``?`` was the run's
    end (傎悺?次, 競賽”1次 shifted: the last trail byte took the 1 along) and what follows is
    sound text, not a folded ？ inside the run."""
    mark = text.rfind("?", start, end)
    return mark >= 0 and not any(orphan_suspect(text, i, model) for i in range(mark + 1, end))


def _placed_question(text: str, reach: int, end: int) -> bool:
    """A ``?`` a few common characters after a character outside GB2312 (結头?: 結對幫扶,
    shifted): a run may start there and its last trail byte took the ASCII byte after it
    along. Nothing in the characters looks wrong, so the search judges them."""
    return any(after_extension(text, start) for start in range(max(reach, end - PLACED_RUN), end))


def _dropped_end(
    text: str, start: int, end: int, hints: Hints, shifted: ShiftedPage, found: list[Segment]
) -> None:
    """A run that ends before a Chinese character: its last character's trail byte was 0x80
    (個, 還, 線, 穩), which cannot lead a pair, so the decoder dropped it and fell back in
    step at once. Only where the text before reads shifted or a seam starts it (對脫貧?(jiě)环定:
    不穩 shifted, 穩 = b7 80), and ``may_drop(text[end - 1])``."""
    seamed = _after_seam(text, start, hints)
    if seamed or shifted.reads(max(start, end - MAX_RUN), end):
        found.append(Segment(start, end, "dropped", None, _reach(text, end, hints)))


def _lone_marks(text: str, position: int, hints: Hints, found: list[Segment]) -> None:
    """A lone letter, a ``?`` with a reading, or a reading after punctuation, no run before
    (added to ``found``)."""
    if position and is_run_at(text, position - 1):
        return  # the run before it yields the segment
    hint = hints[position][-1] if position in hints else None
    seamed = _after_seam(text, position, hints)  # 實?dǎo)H: 際 = 88 48
    if seamed and text[position + 1 : position + 2] == "?" and text[position] in _PAIRED:
        # a seam, a pair the run made (a3 xx, folded), then its last trail byte with the ASCII
        # byte it swallowed (規?hū)P?: 規模小, shifted, 模 = c4 a3 and 小 = d0 a1)
        found.append(Segment(position, position + 1, "question", None, position))
    if is_lone_mark(text, position, hint is not None or seamed):
        found.append(Segment(position, position, "letter", hint, position))
    elif seamed and ord(text[position]) < 0x40:
        # a seam, then the character's trail byte took the ASCII byte along ("?") or was
        # dropped before it: nothing of the character shows
        kind = "question" if text[position] == "?" else "hidden"
        found.append(Segment(position, position, kind, hint, position))
    elif (
        hint is not None
        and text[position] in "(（"
        and ord(text[position + 1 :][:1] or "\n") < 0x40
    ):
        found.append(Segment(position + 1, position + 1, "vanished", hint, position + 1))


_PAIRED = frozenset(FOLDED) - {"?"} | frozenset(string.ascii_letters + string.digits)


def seam_leads(text: str, start: int, hints: Hints) -> frozenset[int] | None:
    """The lost lead bytes a seam ``?reading)`` before ``start`` allows, if there is a seam."""
    if not _after_seam(text, start, hints):
        return None
    before = two_bytes(text[start - 2]) if start >= 2 else None
    matches = table().by_reading.get(hints[start - 1][0], [])
    exact = frozenset(
        trail for lead, trail, _ in matches if before is not None and lead == before[1]
    )
    leads = exact or frozenset(trail for _, trail, _ in matches if trail >= 0x81)
    return leads or None


def _inside_line(text: str, position: int) -> bool:
    """Whether something other than a line end follows ``text[position]``."""
    return position + 1 < len(text) and text[position + 1] not in "\n\r"
