"""Every way a suspect run could have been made, as steps of slots whose lost bytes are to fill.

A ``Hypothesis`` is one start of the run (after a seam, or after a character outside GB2312)
and one way for it to end (``gbk_runs.Segment.terminator``). The first character lost its
lead byte, or all of it when the pair its trail made with the next lead was private-use and
dropped; every re-paired character inside may likewise hide a dropped pair; the last one's lead
byte dangles, its trail shown as a letter, lost, or gone with the ASCII byte a ``?`` took.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extractor.gbk import (
    HIGH_TRAILS,
    SWALLOWED,
    byte_stream,
    decode_pair,
    pua_starters,
    simplified_char,
    table,
)
from extractor.gbk_marks import RARE_COUNT, Hints, is_run_char, line_before
from extractor.gbk_names import name_place, name_places
from extractor.gbk_punctuation import CLOSING_TRAILS, ENUMERATION_TRAIL, PUNCTUATION_LEAD
from extractor.gbk_runs import Segment, seam_leads
from extractor.gbk_search import Step, Way
from extractor.gbk_shifted import DROPPED_TRAIL
from extractor.gbk_slots import NAME, WRITTEN, Slot, new_slot, replaced
from extractor.gbk_starts import likely_starts
from extractor.gbk_swallowed import counted_unit
from extractor.line_shapes import HEADING_LENGTH, MARK_CONTEXT, mark_context, numbered
from extractor.lm import LanguageModel, is_han, language_model

# Whether a shifted pair is private-use follows from its bytes (``pua_partners`` checks it), so
# a dropped pair needs no prior of its own when both its characters keep a byte: the word model
# pays for the extra character (a cost of 2.5 there lost 中國特色社會主義 to 中國地社會主義).
# A character with no byte, reading or seam left is another matter: the word model would add
# one wherever it makes a word (科學 + 生 + 教師), so it costs about -log(0.09), the share of
# shifted pairs that are private-use.
UNSEEN_CHARACTER_COST = 2.5
LINE_AFTER = 200  # characters after a run its last mark's grammar reads, to the line's end
# A run that ends a sentence's line in a ``?`` may end in a mark whose pair with the character
# before was dropped: the genre ends those lines with one, so that way is not charged for its
# extra character (running text's pairs charge it ``extra_character_cost``, 1.5 nats; tuned on
# dev seeds 11-13: 0 → +2 restored, 1.5 → +3).
LINE_END_MARK_BONUS = 1.5

_LOST_BRACKET = re.compile(r"/[a-z]+>")
# The marks that end a line in the genre (。！？：；”》): their lead and trail bytes.
_END_LEADS = frozenset((0xA1, 0xA3))
_END_TRAILS = frozenset((0xA3, 0xA1, 0xBF, 0xBA, 0xBB, 0xB1, 0xB7))
_LINE_OPENERS = frozenset(("line", "items", "date", "first", "opening"))

Stream = bytes | list[int | None]  # a run's bytes, None for one lost inside it


class Hypothesis(NamedTuple):
    """A way ``text[start:end]`` could have been made, as steps whose lost bytes are to fill.
    A named tuple: a frozen dataclass set each field through ``object.__setattr__``, a Python
    call each (about 12,000 instructions a hypothesis, four times a named tuple's)."""

    start: int
    end: int
    steps: tuple[Step, ...]
    rule: str
    kept: str = ""  # characters at the start of the span that stay as they are


def hypotheses(text: str, segment: Segment, hints: Hints, model: LanguageModel) -> list[Hypothesis]:
    """Where the run may start (after a seam, or its likeliest starts) times how it ends."""
    if segment.terminator == "vanished":
        return [_vanished(text, segment)]
    seam = seam_leads(text, segment.reach, hints)
    starts = [segment.reach] if seam is not None else likely_starts(text, segment, model)
    # a second reading at a seam is a character's the decoder dropped after the seam's
    readings = hints[segment.reach - 1] if seam is not None else ()
    vanished = readings[-1] if len(readings) > 1 else None
    end = segment.end + (segment.terminator in ("letter", "question"))
    found = []
    for start in starts:
        stream = byte_stream(text[start : segment.end])
        if stream is None:
            continue
        span_start = start - 1 if seam is not None else start
        written = _written_after(text, span_start)
        for bytes_read in (stream, _through_questions(text[start : segment.end], stream)):
            if bytes_read is None:
                continue
            steps = _steps(bytes_read, (seam, vanished), segment, text, start, written)
            if steps:
                steps = _after_phrase(steps, written)
                rule = "gbk.shift" if stream or segment.terminator != "letter" else "gbk.lost_lead"
                found.append(Hypothesis(span_start, end, steps, rule))
    return found


def _through_questions(shown: str, stream: bytes) -> Stream | None:
    """The bytes of a run with each ``?`` inside it read as a trail byte 0x80 and a lost lead
    byte, None if it has no such ``?``: a character whose trail byte is 0x80 (穩, 個) leaves
    that byte where a lead should be, the decoder shows it and the next lead byte as ``?`` and
    goes on out of step (全部穩定脫貧 shows 糠?撠, read 罚卡 as a folded ？ would be)."""
    inner = [index for index, char in enumerate(shown) if char == "?" and index]
    if not inner:
        return None
    read: list[int | None] = list(stream)
    for index in inner:
        read[2 * index], read[2 * index + 1] = DROPPED_TRAIL, None
    return read


def _vanished(text: str, segment: Segment) -> Hypothesis:
    """The character before stays; after it comes one known only by its reading, or two whose
    pair was private-use, the reading the second's (衛(yuàn)\n: 生院, of 衛生院, vanished).
    Before Chinese text the decoder was back in step at once: its trail byte was 0x80, which
    cannot lead a pair (歸(hái)原: 還 = df 80)."""
    before = text[segment.start - 1]
    if is_run_char(text[segment.start : segment.start + 1] or "\n"):
        ways: Step = ((0.0, (new_slot(None, DROPPED_TRAIL, segment.hint),)),)
    else:
        lost = Slot(None, None, segment.hint, trails=HIGH_TRAILS, read_alone=True)
        ways = ((0.0, (lost,)), _dropped(new_slot(None, None), lost))
    return Hypothesis(segment.start - 1, segment.start, (ways,), "gbk.lost_character", before)


def _steps(
    stream: Stream,
    seamed: tuple[frozenset[int] | None, str | None],
    segment: Segment,
    text: str,
    start: int,
    written: tuple[str, str],
) -> tuple[Step, ...]:
    """Steps for the bytes of a run: the first character, the re-paired inside, the last. The
    first characters after a post may be a person's name (``gbk_names``), as may a lone one.
    After a seam, which names the first character's lead byte, a character that left no byte
    between the first and the first shown is sought too (tuning seeds 11-13: +5 restored; at
    every start, no more restored and a new wrong one).
    ``seamed``: the lead bytes a seam before the run allows, and the last of its readings;
    ``written``: what the page writes after the two characters before the span
    (``_written_after``)."""
    seam = seamed[0]
    letter = ord(text[segment.end]) if segment.terminator == "letter" else None
    swallowed = _swallowed(text, segment)
    if not stream:
        return _lone(text, start, segment, seamed, letter, swallowed, written)
    before = line_before(text, start) if _may_enumerate(stream, seam) else ""
    first: list[Way] = [(0.0, (Slot(None, stream[0], leads=seam, line=before),))]
    first.append(_dropped(new_slot(None, None, leads=seam), new_slot(None, stream[0])))
    if seam is not None:  # 鎮?念I導: 政 (d5 fe), 府 vanished ((fe b8), (ae b5) dropped), 的
        first.append(_vanished_between(first[1]))
    middle = tuple(map(_middle, stream[1:-1:2], stream[2:-1:2]))
    if segment.terminator == "dropped":
        own = new_slot(stream[-1], DROPPED_TRAIL, segment.hint)
        lost = new_slot(None, DROPPED_TRAIL, segment.hint)  # 耕還: (耕's trail, 還's lead) dropped
        last: Step = ((0.0, (own,)), _dropped(new_slot(stream[-1], None), lost))
    else:
        around = _around_last(text, start, stream, segment)
        last = _last(stream[-1], letter, segment.hint, around, _counted(swallowed))
        if _closes_line(text, start, segment):
            mark = new_slot(None, None, leads=_END_LEADS, trails=_END_TRAILS)
            _, pair = _dropped(new_slot(stream[-1], None), mark)
            last = (*last, (-LINE_END_MARK_BONUS, pair))
    steps = (tuple(first), *middle, last)
    places = name_places(text, start - (seam is not None))
    return (*(_named(steps, places) if places else steps), *swallowed)


@lru_cache(maxsize=64)
def _written_after(text: str, end: int) -> tuple[str, str]:
    """The characters (Simplified) the page writes elsewhere right after the two Chinese
    characters before ``end``, and those it writes one further on (``Slot.written``). Kept:
    the segments of a run share starts (a third of the asks on the benchmark's pages), and
    each ask searches the page for the pair. The table's forms are read once an ask
    (``simplified_char``'s lookup, not a call of it for each character found)."""
    pair = text[end - 2 : end]
    if len(pair) < 2 or not (is_han(pair[0]) and is_han(pair[1])):
        return "", ""
    forms = table().simplified
    first: set[str] = set()
    second: set[str] = set()
    place = text.find(pair)
    while 0 <= place < len(text) - 2:
        if place != end - 2 and is_han(text[place + 2]):
            char = text[place + 2]
            first.add(forms.get(char, char))
            if place + 3 < len(text) and is_han(text[place + 3]):
                char = text[place + 3]
                second.add(forms.get(char, char))
        place = text.find(pair, place + 1)
    return "".join(sorted(first)), "".join(sorted(second))


def _after_phrase(steps: tuple[Step, ...], written: tuple[str, str]) -> tuple[Step, ...]:
    """Steps whose first character follows a pair the page writes elsewhere: it may be the
    character the page writes after it (岩腳?遭受 is 岩腳村, the page writing 岩腳村 before),
    and the second of a way of two the one the page writes after that (縣財?(yín)?, 政 then
    局 behind a dropped pair, the page writing 縣財政局 in its title)."""
    first, second = written
    if not first:
        return steps
    ways = []
    for cost, way in steps[0]:
        slots = [replaced(way[0], WRITTEN, first), *way[1:]]
        if second and len(slots) > 1 and not (_unseen(way[0]) and way[1].trail is not None):
            # a second character its own byte names does not need, nor vouch for, a first
            # one made up before it (城鄉H谓… read 城鄉學校任 for 城鄉專任, 學 unseen)
            slots[1] = replaced(slots[1], WRITTEN, second)
        ways.append((cost, tuple(slots)))
    return (tuple(ways), *steps[1:])


def _named(steps: tuple[Step, ...], places: tuple[str, ...]) -> tuple[Step, ...]:
    """Steps whose first characters may be parts of a name (``name_places``): each slot of a
    way takes the part at its place, counted as if each step before read one character."""
    return tuple(
        tuple((cost, _named_way(way, places, index)) for cost, way in step)
        for index, step in enumerate(steps)
    )


def _named_way(way: tuple[Slot, ...], places: tuple[str, ...], first: int) -> tuple[Slot, ...]:
    """A way's slots, each with the part of a name at its place (``first`` for its first)."""
    return tuple(
        replaced(slot, NAME, places[place]) if place < len(places) else slot
        for place, slot in enumerate(way, first)
    )


def _closes_line(text: str, start: int, segment: Segment) -> bool:
    """Whether a run ends in a ``?`` that took a long line's end (what follows opens a line):
    the genre ends such a line with a mark (。, ：), which may hide behind the ``?`` as a last
    character whose pair with the one before was private-use and dropped (指正。\\n: 正 = d5 fd,
    (fd a1) dropped, 。 = a1 a3, (a3 0a) shown as ``?``)."""
    if segment.terminator != "question":
        return False
    line = line_before(text, start)
    sentence = not numbered(line) and ("," in line or "，" in line)  # no heading, a clause
    if not sentence and len(line) + segment.end - start <= HEADING_LENGTH:
        return False
    return mark_context(text[segment.end + 1 : segment.end + 1 + MARK_CONTEXT]) in _LINE_OPENERS


@lru_cache(maxsize=8192)
def _middle(lead: int | None, trail: int | None) -> Step:
    """A re-paired character inside a run: its two bytes, or two characters whose pair between
    them was dropped, or three when the one between them vanished, both its pairs dropped
    (政府的 = d5 fe b8 ae b5 c4 re-paired: (fe b8) and (ae b5) are private-use, so the step
    reads d5 c4, 漳). Kept by its bytes: a page's runs and their starts ask for the same
    ones again, and a slot is costly to make (its named tuple's constructor is Python code)."""
    ways = ((0.0, (new_slot(lead, trail),)), _dropped(new_slot(lead, None), new_slot(None, trail)))
    return (*ways, _vanished_between(ways[1])) if _reads_rare(lead, trail) else ways


def _vanished_between(dropped: Way) -> Way:
    """A way of two characters whose pair was dropped, with a third between them that left no
    byte: its pairs with both were private-use and dropped. It costs what a character seen
    nowhere costs."""
    cost, (before, after) = dropped
    vanished = new_slot(None, None, trails=pua_starters(), dropped_before=True)
    return cost + UNSEEN_CHARACTER_COST, (before, vanished, after)


def _reads_rare(lead: int | None, trail: int | None) -> bool:
    """Whether a step's two bytes read as a rare character (``gbk_marks.RARE_COUNT``) or none:
    only then is a character between two dropped pairs sought, as a common one is most often
    right (dev seeds 11-13: +2 restored, 0.2% fewer instructions; behind any character rarer
    than 8,000, +5 at 1.4% more; behind every one, +5 and a new wrong one)."""
    if lead is None or trail is None:
        return False
    char = decode_pair(lead, trail)
    return not char or language_model().is_rare(simplified_char(char), RARE_COUNT)


def _lone(
    text: str,
    start: int,
    segment: Segment,
    seamed: tuple[frozenset[int] | None, str | None],
    letter: int | None,
    swallowed: tuple[Step, ...],
    written: tuple[str, str],
) -> tuple[Step, ...]:
    """A run of one character (a surviving trail byte, or a seam's alone), or two: after a
    seam, when the pair of the first one's trail byte and the second's lead was private-use
    and dropped, the second shows as a lone letter or only as a second reading at the seam
    (總?(yān)(huì)\n: 工 (b9 a4), (a4 95) dropped, 會 (95 fe)); one character then leaves that
    reading unread, which costs what a character seen nowhere would. Before a ``?`` that took
    a byte, the two may stand with no seam too, where the page's own phrase says what they
    are (``_after_phrase``): a ``?`` alone is no evidence of a second character (豬?0斤, 肉
    and a digit, was read 豬公司 off the page's 公司)."""
    seam, vanished = seamed
    if seam is None and letter is None and segment.hint is None and not swallowed:
        return ()
    trails = None if letter is not None else HIGH_TRAILS
    name = name_place(text, start - (seam is not None))
    only = Slot(None, letter, segment.hint, seam, trails, name=name, counted=_counted(swallowed))
    ways = [(0.0, (only,))]
    if seam is not None and letter is not None:  # 計?miáo)F: 发 (b7 a2) then 現 (ac 46)
        ways.append(
            _dropped(new_slot(None, None, leads=seam), new_slot(None, letter, segment.hint))
        )
    elif seam is not None and vanished is not None:
        gone = new_slot(None, None, vanished, trails=HIGH_TRAILS)
        ways = [(UNSEEN_CHARACTER_COST, (only,)), _dropped(new_slot(None, None, leads=seam), gone)]
    elif swallowed and (seam is not None or all(written)):
        # 總?(yān)?\n: 工, (a4 95) dropped, 會 (95 fe) and \n; with no seam (財?\n: 政 gone
        # whole, (fe be) dropped, 局 (be d6) and \n) only where the page writes a phrase on
        # from the two characters before. Either way one of the two left nothing.
        _, pair = _dropped(
            new_slot(None, None, leads=seam), new_slot(None, None, trails=HIGH_TRAILS)
        )
        ways.append((UNSEEN_CHARACTER_COST, pair))
    return (tuple(ways), *swallowed)


def _may_enumerate(stream: Stream, seam: frozenset[int] | None) -> bool:
    """Whether a run's first character may be 、 or a closing mark (its trail byte a2, or a
    closer's, no seam naming its lead): then it keeps its line up to the run, for the mark's
    grammar (``gbk_punctuation``: no 、 after one character opening a clause, no ” that
    closes nothing)."""
    return seam is None and (stream[0] == ENUMERATION_TRAIL or stream[0] in CLOSING_TRAILS)


def _around_last(text: str, start: int, stream: Stream, segment: Segment) -> tuple[str, str]:
    """What a mark's grammar asks of a run's last character when its lead byte is 0xA1 (see
    ``gbk_punctuation``): the text after the run to its line's end (none after a ``?``: that
    byte was swallowed), and its line up to the character, the run's known characters
    included."""
    if stream[-1] != PUNCTUATION_LEAD:
        return "", ""
    pairs = zip(stream[1:-1:2], stream[2:-1:2], strict=True)
    inside = "".join(decode_pair(a, b) or "" for a, b in pairs if a is not None and b is not None)
    line = line_before(text, start) + inside
    if segment.terminator == "question":
        return "", line
    end = text.find("\n", segment.end, segment.end + LINE_AFTER)
    return text[segment.end : segment.end + LINE_AFTER if end < 0 else end + 1], line


def _swallowed(text: str, segment: Segment) -> tuple[Step, ...]:
    """The ASCII byte a ``?`` took with it, as a step of its own, when it was text.

    A reading after the ``?`` or a closing tag missing its ``<`` (拢?/p>) says the byte was
    markup: the reading's bracket or the tag's, which are not restored.
    """
    if segment.terminator != "question" or segment.hint is not None:
        return ()
    if _LOST_BRACKET.match(text, segment.end + 1):
        return ()
    then = text[segment.end + 1 : segment.end + 1 + MARK_CONTEXT]
    line = line_before(text, segment.end)
    return (((0.0, (Slot(None, None, swallowed=SWALLOWED, then=then, line=line),)),),)


def _counted(swallowed: tuple[Step, ...]) -> str:
    """The classifier the text after a ``?`` opens, when it took a figure's first digit
    (``counted_unit``): the character before may end the noun it counts (学校6所)."""
    if not swallowed:
        return ""
    return counted_unit(swallowed[0][0][1][0].then, language_model().words)


def _last(
    dangling: int | None,
    letter: int | None,
    hint: str | None,
    around: tuple[str, str],
    counted: str,
) -> Step:
    """The last character: its lead byte dangles; its trail is the letter, or was lost (then
    ``around`` is the text after it and its line, for a mark's grammar, and ``counted`` the
    classifier after a figure a ``?`` swallowed the first digit of: ``_counted``)."""
    if letter is not None:
        own = new_slot(dangling, letter, hint)
        return ((0.0, (own,)), _dropped(new_slot(dangling, None), new_slot(None, letter, hint)))
    own = Slot(
        dangling, None, hint, trails=HIGH_TRAILS, then=around[0], line=around[1], counted=counted
    )
    lost = new_slot(None, None, hint, trails=HIGH_TRAILS)
    cost, pair = _dropped(new_slot(dangling, None), lost)
    if hint is None:  # nothing of the second shows (總工會 as 偣?: (a4, 95) private-use)
        cost += UNSEEN_CHARACTER_COST
    return ((0.0, (own,)), (cost, pair))


def _dropped(before: Slot, after: Slot) -> tuple[float, tuple[Slot, ...]]:
    """Two characters where one was seen: the pair (before's trail, after's lead) was
    private-use, so the decoder dropped it; before's trail must be able to start one."""
    first = new_slot(before.lead, None, before.hint, before.leads, pua_starters())
    second = new_slot(None, after.trail, after.hint, after.leads, after.trails, dropped_before=True)
    return (UNSEEN_CHARACTER_COST if _unseen(before) else 0.0), (first, second)


def _unseen(slot: Slot) -> bool:
    """Whether a character left nothing on the page: no byte, no seam, no reading."""
    return slot.lead is None and slot.leads is None and slot.hint is None
