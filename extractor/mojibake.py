"""Restoring text whose GBK bytes were decoded one byte out of step.

Spam mirrors lose a byte in the GBK form of a page. When a character's lead byte is lost, the
decoder pairs each trail byte with the next lead byte: 地干部群眾樹 (b5d8 b8c9 b2bf c8ba b18a
98e4) without its first byte reads 馗刹咳罕姌 … until a byte below 0x80 brings it back in step.
What is seen at the edges of such a run:

- a *seam* ``?`` with a reading before it: the character made of the previous character's trail
  byte and the lost lead byte, which the mirror annotated and then broke (當?shù): 數 = 94 b5,
  so the lost lead is b5);
- a *lone letter* after it: a trail byte in the ASCII range whose lead was lost (F將 → 現 = ac 46,
  l(fā) → 發 = b0 6c); a lone letter on its own is a single lost lead byte;
- a ``?`` after it: a lead byte that swallowed the next ASCII byte, often the ``(`` of a reading;
- nothing: the dangling byte, and pairs that decoded to private-use characters, were dropped.

Each way a run could have been made is a hypothesis: a list of steps whose bytes are known or
lost. ``gbk.Search`` fills the lost bytes; a run is changed only when the best reading beats the
text as found by a wide margin, and a character that stays uncertain is written 〓 and flagged
``lost_character``. The margins are recorded as the evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from extractor.gbk import (
    DROPPED_PAIR_COST,
    FOLDED,
    HINT_MATCH,
    Reading,
    Search,
    Slot,
    Step,
    byte_stream,
    decode_pair,
    hint_bonus,
    table,
    two_bytes,
)
from extractor.lm import STRAY_LOGPROB, LanguageModel, language_model
from extractor.offsets import Splice
from extractor.views import is_traditional, to_simplified

LOST_MARK = "〓"  # the typesetter's mark for a character that could not be set
ACCEPT_MARGIN = 10.0  # nats the repaired run must gain over the text as found
HINTED_ACCEPT_MARGIN = 5.0  # … when a reading beside it agrees with the repair
RARE_COUNT = 1500  # characters rarer than this in jieba's dictionary make a run suspect
CONTEXT = 4
MAX_RUN = 24
STARTS_TRIED = 3
SUSPECT_WINDOW = 8
NEAR_STARTS = 3  # starts tried before a lone letter when no rare character points further back
FOLD_COST = 2.0  # taking an ASCII comma in a run for a folded full-width one is a guess
UNCERTAIN_COST = 4.0  # a reading that leaves characters unknown explains less
_COMMON_SYMBOLS = frozenset("、。，：；！？“”‘’（）《》〈〉【】—…·〓「」『』─")


Hints = dict[int, tuple[str, ...]]


@dataclass(frozen=True)
class Segment:
    """A stretch of two-byte characters and what stands right after it."""

    start: int
    end: int  # exclusive; text[end] is the terminator unless it is "hidden"
    terminator: str  # "letter", "question", "hidden" or "lost"
    shifted: bool  # whether the run before the terminator may be a shifted one
    reach: int  # how far left the run may have begun


@dataclass(frozen=True)
class Hypothesis:
    """A way ``text[start:end]`` could have been made, as steps whose lost bytes are to fill."""

    start: int
    end: int
    steps: tuple[Step, ...]
    rule: str


def find_repairs(text: str, hints: Hints) -> list[Splice]:
    """Splices restoring the runs the model is sure of; ``hints`` maps positions to the
    readings found after them (a seam ``?`` may carry its own and the lost character's)."""
    segments = list(suspect_segments(text, hints))
    if not segments:
        return []
    model = language_model()
    search = Search(model, text, is_traditional(text))
    chosen = [found for s in segments if (found := _repair(text, s, hints, search)) is not None]
    return _without_overlaps(chosen)


# -- where to look ------------------------------------------------------------------------------


def _is_run_char(char: str) -> bool:
    """A character a shifted run can show: two GBK bytes, not ASCII, not a toned Latin letter."""
    return not char.isascii() and not "\u00c0" <= char <= "\u02af" and two_bytes(char) is not None


def _is_lone_ascii(text: str, position: int) -> bool:
    """A trail byte in the ASCII range standing in Chinese text, not part of a word or code."""
    if not 0x40 <= ord(text[position]) <= 0x7E:
        return False
    char = text[position]
    before = text[position - 1] if position > 0 else "\n"
    after = text[position + 1] if position + 1 < len(text) else "\n"
    for neighbour in (before, after):
        if neighbour.isascii() and (
            neighbour.isalpha() or (neighbour.isdigit() and char.isalpha())
        ):
            return False  # part of a word, a code or a number such as 3A
    if _is_run_char(before):
        return True
    return (before in FOLDED or before in "?\n " or before.isdigit()) and (
        _is_run_char(after) or after.isdigit()
    )


def _suspect(char: str, model: LanguageModel) -> bool:
    """A character rarely seen in real Chinese text, or a symbol out of place in it."""
    if char in _COMMON_SYMBOLS or "\u2460" <= char <= "\u24ff":
        return False
    simplified = to_simplified(char)
    if "\u4e00" <= simplified <= "\u9fff":
        return model.is_rare(simplified, RARE_COUNT)
    return not "\uff01" <= char <= "\uff5e"


def _reach(text: str, start: int) -> int:
    """How far left a run may have begun: across characters and folded punctuation."""
    reach = start
    while (
        reach > 0
        and start - reach < MAX_RUN
        and (_is_run_char(text[reach - 1]) or text[reach - 1] in FOLDED)
    ):
        reach -= 1
    return reach


def suspect_segments(text: str, hints: Hints) -> Iterator[Segment]:
    """Runs worth a search: those ending in a lone letter, a ``?`` or rare characters.

    A lone letter is always worth one (a lost lead byte on its own), and so is a ``?`` with a
    reading (a lost character); a run is searched for a shift when rare characters end it.
    """
    model = language_model()
    position, length = 0, len(text)
    while position < length:
        if not _is_run_char(text[position]):
            yield from _lone_marks(text, position, hints)
            position += 1
            continue
        start = position
        position += 1
        while position < length and _is_run_char(text[position]) and position - 1 not in hints:
            position += 1
        window = text[max(start, position - SUSPECT_WINDOW) : position]
        suspects = sum(_suspect(char, model) for char in window)
        after = text[position] if position < length else "\n"
        reach = _reach(text, start)
        if after in FOLDED and position in hints:  # a folded pair of the run, then lost bytes
            yield Segment(start, position + 1, "hidden", True, reach)
        elif after == "?" and (suspects or position in hints):
            yield Segment(start, position, "question", suspects > 0, reach)
            if position in hints:
                yield Segment(position, position, "lost", False, position)
        elif position < length and _is_lone_ascii(text, position):
            yield Segment(start, position, "letter", suspects > 0, reach)
        elif suspects >= 2 or _suspect(text[position - 1], model):
            yield Segment(start, position, "hidden", True, reach)


def _lone_marks(text: str, position: int, hints: Hints) -> Iterator[Segment]:
    """A lone letter, or a ``?`` with a reading, that no run stands before."""
    if position and _is_run_char(text[position - 1]):
        return  # the run before it yields the segment
    if _is_lone_ascii(text, position):
        yield Segment(position, position, "letter", False, position)
    elif text[position] == "?" and position in hints:
        yield Segment(position, position, "lost", False, position)


# -- how the run could have been made -------------------------------------------------------------


def hypotheses(text: str, segment: Segment, hints: Hints, model: LanguageModel) -> list[Hypothesis]:
    """Where the run may start (after a seam, or its likeliest starts) times how it may end."""
    readings = hints.get(segment.end - 1 if segment.terminator == "hidden" else segment.end, ())
    hint = readings[-1] if readings else None
    if segment.terminator == "lost":
        return [_lost_whole(text, segment.start, hints)]
    seam = _seam(text, segment.start, hints)
    heads = [(segment.start, seam)] if seam else []
    reach = segment.reach if segment.shifted else max(segment.reach, segment.end - NEAR_STARTS)
    heads += [(start, Slot(None, None)) for start in _likely_starts(text, segment, reach, model)]
    end = segment.end if segment.terminator == "hidden" else segment.end + 1
    found = []
    for start, head in heads:
        stream = byte_stream(text[start : segment.end])
        if stream is None or (not stream and segment.terminator != "letter"):
            continue
        span_start = start - 1 if head.leads is not None else start
        for steps, rule in _endings(stream, head, segment, text, hint):
            found.append(Hypothesis(span_start, end, steps, rule))
    return found


def _lost_whole(text: str, position: int, hints: Hints) -> Hypothesis:
    """``?reading)``: a character lost whole with its reading left behind. With two readings,
    the first is the seam's (it names the lost lead byte), the second the character's own."""
    readings = hints[position]
    seam = _seam(text, position + 1, hints) if len(readings) > 1 else None
    lost = Slot(None, None, readings[-1], seam.leads if seam else None)
    return Hypothesis(position, position + 1, (((0.0, (lost,)),),), "gbk.lost_character")


def _seam(text: str, start: int, hints: Hints) -> Slot | None:
    """A ``?`` with a reading just before the run: it narrows down the lost lead byte."""
    if start < 1 or text[start - 1] != "?" or start - 1 not in hints:
        return None
    before = two_bytes(text[start - 2]) if start >= 2 else None
    matches = table().by_reading.get(hints[start - 1][0], [])
    exact = frozenset(
        trail for lead, trail, _ in matches if before is not None and lead == before[1]
    )
    leads = exact or frozenset(trail for _, trail, _ in matches if trail >= 0x81)
    return Slot(None, None, None, leads) if leads else None


def _likely_starts(text: str, segment: Segment, reach: int, model: LanguageModel) -> list[int]:
    """Starts whose reading of the whole window, text as found before the start and re-paired
    bytes after it, is likeliest: a cheap filter before the full search."""
    options: list[tuple[float, int]] = []
    for start in range(reach, segment.end):
        stream = byte_stream(text[start : segment.end])
        if stream is None:
            continue
        inside = "".join(
            decode_pair(stream[i], stream[i + 1]) or "\ufffd" for i in range(1, len(stream) - 1, 2)
        )
        window = to_simplified(text[reach:start] + inside)
        options.append((model.score(window) / max(len(window), 1), start))
    starts = [start for _, start in sorted(options, reverse=True)[:STARTS_TRIED]]
    return [*starts, segment.end] if segment.terminator == "letter" else starts


def _middle(stream: bytes, model: LanguageModel) -> tuple[Step, ...]:
    """The re-paired inside. Where a pair reads as a character that makes no word with either
    neighbour, a private-use pair may have been dropped there: that way is tried too."""
    pairs = [(stream[i], stream[i + 1]) for i in range(1, len(stream) - 1, 2)]
    chars = [to_simplified(decode_pair(lead, trail) or "\ufffd") for lead, trail in pairs]
    steps: list[Step] = []
    for index, (lead, trail) in enumerate(pairs):
        direct: tuple[Slot, ...] = (Slot(lead, trail),)
        before = chars[index - 1] if index else ""
        after = chars[index + 1] if index + 1 < len(chars) else ""
        char = chars[index]
        in_word = any(
            model.word_logprob(word) is not None
            for word in (before + char, char + after)
            if len(word) == 2
        )
        dropped = (DROPPED_PAIR_COST, (Slot(lead, None), Slot(None, trail, dropped_before=True)))
        steps.append(((0.0, direct),) if in_word else ((0.0, direct), dropped))
    return tuple(steps)


def _endings(
    stream: bytes, head: Slot, segment: Segment, text: str, hint: str | None
) -> Iterator[tuple[tuple[Step, ...], str]]:
    """Steps for each way the run can end (see the module docstring)."""
    if not stream:  # a lone letter: one character lost its lead byte
        yield (((0.0, (Slot(None, ord(text[segment.end]), hint, head.leads),)),),), "gbk.lost_lead"
        return
    first: Step = ((0.0, (Slot(None, stream[0], None, head.leads),)),)
    middle = _middle(stream, language_model())
    dangling = stream[-1]
    if segment.terminator == "letter":
        letter = ord(text[segment.end])
        last: Step = (
            (0.0, (Slot(dangling, letter, hint),)),
            (
                DROPPED_PAIR_COST,
                (Slot(dangling, None), Slot(None, letter, hint, dropped_before=True)),
            ),
        )
    elif hint is not None:
        last = (
            (0.0, (Slot(dangling, None, hint),)),
            (
                DROPPED_PAIR_COST,
                (Slot(dangling, None), Slot(None, None, hint, dropped_before=True)),
            ),
        )
    else:
        last = ((0.0, (Slot(dangling, None),)),)
    yield (first, *middle, last), "gbk.shift"


# -- choosing and writing -----------------------------------------------------------------------


def _repair(
    text: str, segment: Segment, hints: Hints, search: Search
) -> tuple[float, Splice] | None:
    """The best hypothesis for a segment, as a splice, if it beats the text as found."""
    scored: list[tuple[float, Hypothesis, Reading]] = []
    for hypothesis in hypotheses(text, segment, hints, search.model):
        left = to_simplified(_left_context(text, hypothesis.start))
        right = to_simplified(text[hypothesis.end : hypothesis.end + CONTEXT])
        reading = search.best_reading(hypothesis.steps, left, right)
        if reading is None:
            continue
        observed = search.model.score(
            left + to_simplified(text[hypothesis.start : hypothesis.end]) + right
        )
        unexplained = sum(1 for p in range(hypothesis.start, hypothesis.end + 1) if p in hints)
        folded = sum(char in FOLDED for char in text[hypothesis.start : hypothesis.end])
        gain = (
            reading.score
            - observed
            - unexplained * STRAY_LOGPROB
            - folded * FOLD_COST
            - len(reading.uncertain) * UNCERTAIN_COST
        )
        scored.append((gain, hypothesis, reading))
    if not scored:
        return None
    scored.sort(key=lambda item: item[0], reverse=True)
    gain, hypothesis, reading = scored[0]
    if gain < _needed_margin(reading):
        return None
    rival = scored[1][0] if len(scored) > 1 else 0.0
    return gain, _splice(hypothesis, reading, gain, gain - rival)


def _needed_margin(reading: Reading) -> float:
    """A reading beside the damage that agrees with the repair lowers the bar."""
    agreed = any(
        slot.hint is not None and hint_bonus(char, slot.hint) >= HINT_MATCH
        for slot, char in zip(reading.slots, reading.characters, strict=True)
    )
    return HINTED_ACCEPT_MARGIN if agreed else ACCEPT_MARGIN


def _left_context(text: str, start: int) -> str:
    return text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]


def _splice(hypothesis: Hypothesis, reading: Reading, gain: float, lead: float) -> Splice:
    characters = list(reading.characters)
    for index in reading.uncertain:
        characters[index] = LOST_MARK
    note = f"score gain {gain:.1f} over the text as found, {lead:.1f} over the next hypothesis"
    if reading.uncertain:
        note += f"; {len(reading.uncertain)} character(s) could not be recovered: {LOST_MARK}"
    kind = "lost_character" if reading.uncertain else "mojibake"
    return Splice(
        hypothesis.start, hypothesis.end, "".join(characters), kind, hypothesis.rule, note
    )


def _without_overlaps(chosen: list[tuple[float, Splice]]) -> list[Splice]:
    """Where two repairs claim the same characters, the one that gained more wins."""
    kept: list[Splice] = []
    for _, splice in sorted(chosen, key=lambda item: item[0], reverse=True):
        if all(splice.end <= other.start or other.end <= splice.start for other in kept):
            kept.append(splice)
    return sorted(kept, key=lambda splice: splice.start)
