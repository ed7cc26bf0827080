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

import re
import string
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from extractor.gbk import (
    FOLDED,
    table,
    two_bytes,
)
from extractor.gbk_marks import (
    EXTENSION_CHARS,
    RARE_COUNT,
    Hints,
    RunRules,
    after_extension,
    asked,
    is_folded_inside,
    is_lone_mark,
    is_run_at,
    is_run_char,
    is_suspect,
    line_start,
    orphan_suspect,
    run_rules,
    stranded,
)
from extractor.gbk_shifted import dropping_leads, reads_shifted
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
    model = language_model()
    position, length = 0, len(text)
    lone = _Stranded(text, rules.surnames)
    quiet = _quiet_lines(text, hints, lone)
    read, plain = sorted(hints), _plain_test()
    while position < length:
        if position in quiet:  # nothing on this line could start or end a run
            position = quiet[position]
            continue
        if not is_run_at(text, position):
            _lone_marks(text, position, hints, found)
            position += 1
            continue
        start = position
        position = _past_plain(text, position, read, plain)
        while position < length and (
            (run := is_run_at(text, position))
            or (is_folded_inside(text, position, hints) and position not in hints)
        ):
            position += 1
            if not run:
                _stretch_end(text, start, position - 1, hints, model, rules, lone, found)
            elif (
                _may_drop(text[position - 1]) and position < length and is_run_char(text[position])
            ):
                _dropped_end(text, start, position, hints, model, found)
            stray = _stray_reading(text, position - 1, hints) if position - 1 in hints else None
            if stray is not None:
                _stray_ends(text, start, position, stray, hints, found)
                break
            position = _past_plain(text, position, read, plain)
        else:
            _stretch_end(text, start, position, hints, model, rules, lone, found)
    return found


def _past_plain(text: str, position: int, read: list[int], plain: _PlainTest) -> int:
    """The first place from ``position`` on that is no plain run character (``plain``: the
    page's ``_plain_test``) or has a reading after it (``read``: the places that do, in order,
    mostly none). A run's loop does nothing at the others but step past them: most characters
    of a busy line are those."""
    end = (
        _plain_end(text, position, plain)  # type: ignore[arg-type]
        if _COMPILED
        else plain.match(text, position).end()  # type: ignore[union-attr]
    )
    if not read:
        return end
    following = bisect_left(read, position)
    return min(end, read[following]) if following < len(read) else end


_PlainTest = bytes | re.Pattern[str]


def _plain_test() -> _PlainTest:
    """What tells plain run characters (``_plain_pattern``): compiled, the ``_line_flags``, read
    by a C loop (``_plain_end``: five characters a call on the benchmark's pages, where a
    pattern's match cost ~3,000 instructions); interpreted, the pattern, repeated."""
    return _line_flags() if _COMPILED else _plain_run()


def _plain_end(text: str, position: int, flags: bytes) -> int:
    """Where the plain run characters from ``position`` on end (``_PLAIN`` in ``flags``)."""
    end, length = position, len(text)
    while end < length:
        code = ord(text[end])
        if code >= _BMP or not flags[code] & _PLAIN:
            break
        end += 1
    return end


@lru_cache(maxsize=1)
def _plain_run() -> re.Pattern[str]:
    """Any number of plain run characters (``_plain_pattern``)."""
    return re.compile(f"{_plain_pattern().pattern}*")


@lru_cache(maxsize=1)
def _plain_pattern() -> re.Pattern[str]:
    """Any run character (``is_run_char``) a run may not end in by a dropped trail byte
    (``_may_drop``)."""
    rows = table().by_lead.values()
    chars = (char for row in rows for _, char in row)
    return _one_of(char for char in chars if is_run_char(char) and not _may_drop(char))


class _Stranded:
    """``stranded``'s answers on one page by the place a run would end, each asked once:
    ``_quiet_lines`` asks at every place its pattern finds (two starts may share one), and
    ``_stretch_end`` at each run end before an ASCII byte, some of them the same places. A
    class with a method the wheel calls in C (gbk_runs.pxd): a dict subclass filling itself
    in ``__missing__`` cost a Python-level call on each of a page's places asked."""

    def __init__(self, text: str, surnames: frozenset[str]) -> None:
        self.text, self.surnames, self.model = text, surnames, language_model()
        self.known: dict[int, int | None] = {}

    def at(self, end: int) -> int | None:
        """Where a run stranded before ``end`` starts (``gbk_marks.stranded``), if one is."""
        known = self.known
        if end in known:
            return known[end]
        known[end] = start = stranded(self.text, end, self.model, self.surnames)
        return start


def _quiet_lines(text: str, hints: Hints, lone: _Stranded) -> dict[int, int]:
    """Lines where no run can be: their start mapped to the next line's. Runs never cross a
    line (a newline is ASCII), so the search may skip them whole; on clean text that is nearly
    every line. A line is busy with an ASCII mark or ``?`` touching Chinese text, a reading
    left, a rare character behind a character outside GB2312 (where runs start), or one or
    two characters stranded after one before a mark or line end (``gbk_marks.stranded``)."""
    busy, ends = _scanned_lines(text) if _COMPILED else _matched_lines(text)
    busy |= {line_start(text, position) for position in hints}
    for line, end in ends:
        if line not in busy and lone.at(end) is not None:
            busy.add(line)
    quiet: dict[int, int] = {}
    start = 0
    for line in text.split("\n"):
        end = start + len(line) + 1
        if start not in busy:
            quiet[start] = end
        start = end
    return quiet


_Marked = tuple[set[int], list[tuple[int, int]]]
"""The lines a mark or a rare character behind a character outside GB2312 makes busy, and the
places ``_stranded_pattern`` finds (each with its line): where ``stranded`` is asked."""


def _matched_lines(text: str) -> _Marked:
    """``_Marked`` by the patterns (interpreted, the faster way)."""
    busy = {line_start(text, match.start()) for match in _MARK.finditer(text)}
    for match in _rare_pattern().finditer(text):
        line = line_start(text, match.start())
        if line not in busy and _extension_pattern().search(text, line, match.start()):
            busy.add(line)
    ends = [
        (line_start(text, match.start()), match.end(1))
        for match in _stranded_pattern().finditer(text)
    ]
    return busy, ends


def _scanned_lines(text: str) -> _Marked:
    """``_Marked`` by one pass over the characters, reading each one's flags (``_line_flags``),
    a busy line passed over: compiled, a C loop costs a few instructions a character where the
    three patterns cost ~270 (``_rare_pattern``'s set of thousands is a bitmap test at each
    character). A mark is found at the character after it, a stranded run at its end."""
    flags = _line_flags()
    busy: set[int] = set()
    ends: list[tuple[int, int]] = []
    line, extended, passing = 0, False, False
    # the characters one, two and three before, on this line (0: none): code points and flags
    first = second = first_flags = second_flags = third_flags = 0
    for place, char in enumerate(text):
        code = ord(char)
        if passing and code != 0x0A:
            continue
        if (  # ``_stranded_pattern``: one or two Han characters after its first, then this one
            code < 0x40
            and 0x4E00 <= first <= 0x9FFF
            and (second_flags & _STRANDS or (0x4E00 <= second <= 0x9FFF and third_flags & _STRANDS))
        ):
            ends.append((line, place))
        if code == 0x0A:
            line, extended, passing = place + 1, False, False
            first = second = first_flags = second_flags = third_flags = 0
            continue
        own = flags[code] if code < _BMP else 0
        if (
            (0x3F <= code <= 0x7E and first >= 0x80)  # ``_MARK``: after a non-ASCII character,
            or (0x3F <= first <= 0x7E and code >= 0x80)  # before one,
            or (code == 0x3F and 0x21 <= first <= 0x7E and second >= 0x80)  # a "?" after one
            or (own & _RARE and extended)  # a rare character behind one outside GB2312
        ):
            busy.add(line)
            passing, first = True, 0  # nothing more to find on this line
            continue
        extended = extended or own & _EXTENSION != 0
        second, first = first, code
        third_flags, second_flags, first_flags = second_flags, first_flags, own
    return busy, ends


_BMP = 0x10000
# compiled, the pass over a page's characters (``_scanned_lines``) beats the patterns' scans;
# interpreted, the scans are the faster (the compiled module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")
# what each BMP character is to ``_scanned_lines``: a suspect two-byte character, one outside
# GB2312 (``_extension_pattern``), one ``_stranded_pattern`` opens with; and to ``_past_plain``
# a plain run character (``_plain_pattern``)
_RARE, _EXTENSION, _STRANDS, _PLAIN = 1, 2, 4, 8


@lru_cache(maxsize=1)
def _line_flags() -> bytes:
    """Each BMP character's flags as the patterns match it, one byte each (in C a memory read)."""
    every = "".join(map(chr, range(_BMP)))
    flags = bytearray(_BMP)
    opening = _one_of(EXTENSION_CHARS)  # ``_stranded_pattern``'s first character
    patterns = (
        (_RARE, _rare_pattern()),
        (_EXTENSION, _extension_pattern()),
        (_STRANDS, opening),
        (_PLAIN, _plain_pattern()),
    )
    for flag, pattern in patterns:
        for match in pattern.finditer(every):
            flags[match.start()] |= flag
    return bytes(flags)


# ASCII (``[\x40-\x7e?]``, the range ``[?-~]``) after or before a non-ASCII character, or a
# ``?`` after printable ASCII after one (whose line is that ASCII's: only lines are asked);
# written to open with a character class, which ``re`` scans for quickly (three alternatives
# opening with lookarounds were tried at every position), and one that a digit or a comma
# (most of a page's ASCII) fails: opening with ``[!-~]`` tried 30 times as many places
_MARK = re.compile(r"[?-~](?:(?<=[^\x00-\x7f].)|(?=[^\x00-\x7f])|(?<=[^\x00-\x7f][!-~]\?))")


@lru_cache(maxsize=1)
def _rare_pattern() -> re.Pattern[str]:
    """Any suspect two-byte character."""
    rows = table().by_lead.values()
    return _one_of(char for row in rows for _, char in row if is_suspect(char))


@lru_cache(maxsize=1)
def _extension_pattern() -> re.Pattern[str]:
    """Any character outside GB2312 after which a run may start."""
    rows = table().by_lead.values()
    return _one_of(char for row in rows for trail, char in row if 0x40 <= trail <= 0xA0)


@lru_cache(maxsize=1)
def _stranded_pattern() -> re.Pattern[str]:
    """Where ``gbk_marks.stranded`` may find a run: a character ``after_extension`` accepts
    (``EXTENSION_CHARS``: private-use ones too), one or two Han
    characters, then a mark, digit, space or line end (an ASCII byte below 0x40), whose
    place is group 1's end. Elsewhere it finds none: scanning for every Han character before
    a mark and asking each cost more than the rest of ``_quiet_lines``."""
    starts = _one_of(EXTENSION_CHARS)
    return re.compile(f"{starts.pattern}(?=([\u4e00-\u9fff]{{1,2}})[\x00-\x3f])")


def _one_of(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(set(chars)))) + "]")


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
    elif _may_drop(text[end - 1]) and is_run_char(after) and (end - start > 1 or seamed):
        # 謇猛烁(hái)林: 退耕還 shifted, 還's trail byte 0x80 dropped before Chinese text
        found.append(Segment(start, end, "dropped", reading, _reach(text, end - 1, hints)))
    elif is_run_char(after):  # 歸(hái)原: 還 (df 80) vanished, its trail byte 0x80 dropped
        found.append(Segment(end, end, "vanished", reading, end))


def _stretch_end(
    text: str,
    start: int,
    end: int,
    hints: Hints,
    model: LanguageModel,
    rules: RunRules,
    stranded_at: _Stranded,
    found: list[Segment],
) -> None:
    """How a run may end at ``end``, if anything before it is suspect (added to ``found``)."""
    suspects = _suspects(text, start, end, model)
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
    elif _past_a_question(text, start, end, model):
        mark = text.rfind("?", start, end) + 1  # the first "?" ended a run; another may
        if after == "?" and _placed_question(text, mark, end):  # end here (闉?公司第一時間杩?)
            found.append(Segment(mark, end, "question", hint, max(mark, end - PLACED_RUN)))
            found.append(Segment(mark, end, "hidden", None, max(mark, end - PLACED_RUN)))
    elif after == "?" and (suspects >= 2 or (suspects and end + 1 < len(text)) or placed):
        found.append(Segment(start, end, "question", hint, reach))
        found.append(Segment(start, end, "hidden", None, reach))
    elif ord(after) < 0x40 and (suspects >= 2 or orphan_suspect(text, end - 1, model)):
        found.append(Segment(start, end, "hidden", None, reach))
    elif lone is not None:
        found.append(Segment(start, end, "hidden", None, lone))


def _suspects(text: str, start: int, end: int, model: LanguageModel) -> int:
    """How suspect the stretch before ``end`` is: its orphan suspects, or 2 when its bytes
    re-paired one along read as words."""
    first, suspects = max(start, end - SUSPECT_WINDOW), 0
    for position in range(first, end):  # a loop, not sum(): a generator is an object
        suspects += orphan_suspect(text, position, model)
    if suspects < 2 and reads_shifted(text, first, end, model):
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
    text: str, start: int, end: int, hints: Hints, model: LanguageModel, found: list[Segment]
) -> None:
    """A run that ends before a Chinese character: its last character's trail byte was 0x80
    (個, 還, 線, 穩), which cannot lead a pair, so the decoder dropped it and fell back in
    step at once. Only where the text before reads shifted or a seam starts it (對脫貧?(jiě)环定:
    不穩 shifted, 穩 = b7 80), and ``_may_drop(text[end - 1])``."""
    seamed = _after_seam(text, start, hints)
    if seamed or reads_shifted(text, max(start, end - MAX_RUN), end, model):
        found.append(Segment(start, end, "dropped", None, _reach(text, end, hints)))


@lru_cache(maxsize=65536)
def _may_drop(char: str) -> bool:
    """Whether a run ending in ``char`` may have lost a trail byte 0x80 (see ``_dropped_end``)."""
    encoded = two_bytes(char)
    return encoded is not None and encoded[1] in dropping_leads(RARE_COUNT)


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
