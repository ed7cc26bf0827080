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
- a ``?`` after it: a trail byte that swallowed the next ASCII byte, often a comma;
- nothing: the dangling byte, and pairs that decoded to private-use characters, were dropped.

``gbk_runs`` finds the places and the ways each run could have been made; ``gbk_search`` fills
the lost bytes. A run is changed only when the best reading beats the text as found by a wide
margin, and a character that stays uncertain is written 〓 and flagged ``lost_character``. The
margins are recorded as the evidence.
"""

from __future__ import annotations

import math

from extractor.gbk import HINT_MATCH, hint_bonus
from extractor.gbk_hypotheses import Hypothesis, hypotheses
from extractor.gbk_marks import Hints, after_extension, orphan_suspect
from extractor.gbk_rivals import BOUND_SLACK
from extractor.gbk_runs import Segment, suspect_segments
from extractor.gbk_search import Reading, Search, Step, unfillable
from extractor.gbk_swallowed import measure_words
from extractor.lm import STRAY_LOGPROB, language_model
from extractor.offsets import Splice
from extractor.rules import RuleSet, load_rules
from extractor.views import is_traditional, to_simplified

LOST_MARK = "〓"  # the typesetter's mark for a character that could not be set
ACCEPT_MARGIN = 10.0  # nats the repaired run must gain over the text as found
HINTED_ACCEPT_MARGIN = 5.0  # … when a reading beside it agrees with the repair
PLACED_ACCEPT_MARGIN = 0.0  # … when it starts where runs start and ends in a "?"
STRANDED_ACCEPT_MARGIN = 5.0  # … when it is one rare character alone where runs start
CONTEXT = 4
CLAUSE_CONTEXT = 32  # characters after a run its last mark's clause is read in (``gbk_rivals``)
UNCERTAIN_COST = 4.0  # a reading that leaves characters unknown explains less
EARLIER_START_MARGIN = 1.5  # nats a run reaching further left must gain over a shorter one


def find_repairs(text: str, hints: Hints, rules: RuleSet | None = None) -> list[Splice]:
    """Splices restoring the runs the model is sure of; ``hints`` maps positions to the
    readings found after them (a seam ``?`` may carry its own and the lost character's);
    ``rules`` (the shipped ones by default) name question words, surnames, classifiers and
    currency words."""
    rules = rules or load_rules()
    model = language_model()
    planned = [(s, hypotheses(text, s, hints, model)) for s in suspect_segments(text, hints, rules)]
    if not _searchable(planned):
        return []  # no page's search made: it reads the whole page first
    measures = measure_words(rules.extra_dirs)
    search = Search(model, text, is_traditional(text), measures)
    known: _Known = {}
    chosen = [
        found
        for segment, found_hypotheses in planned
        if (found := _repair(text, segment, found_hypotheses, hints, search, known)) is not None
    ]
    return _without_overlaps(chosen)


def _searchable(planned: list[tuple[Segment, list[Hypothesis]]]) -> bool:
    """Whether some segment's hypothesis can be filled (``unfillable``): on a page where none
    can, no search is made (3 of the 19 pages with segments among the benchmark's 30)."""
    for _, found in planned:
        for hypothesis in found:
            if not unfillable(hypothesis.steps):
                return True
    return False


# What a hypothesis' score depends on (all but its rule): segments that overlap often make the
# same hypothesis (the seam ``?`` before a run, alone and as the end of the text before it).
# The page's searched ones kept by place and kept text, each with its steps (``_searched_once``)
_Known = dict[tuple[int, int, str], list[tuple[tuple[Step, ...], "_Searched | None"]]]
_Scored = tuple[float, "Hypothesis", Reading]


class _Searched:
    """A hypothesis' best reading and ``bound``, its gain before the characters it leaves
    uncertain are counted (each costs UNCERTAIN_COST): which those are is judged only when
    the gain may decide something (``_judged``), a sixth of a search's time."""

    def __init__(
        self, bound: float, reading: Reading, left: str, right: str, window: str, after: str
    ) -> None:
        self.bound, self.reading, self._left, self._right = bound, reading, left, right
        self._window, self._after = window, after
        self._gain: float | None = None

    def gain(self, search: Search) -> tuple[float, Reading]:
        """The gain and the reading, its uncertain characters judged (once)."""
        if self._gain is None:
            search.exclude_window(self._window)
            self.reading = search.judged(self.reading, self._left, self._right, self._after)
            self._gain = self.bound - len(self.reading.uncertain) * UNCERTAIN_COST
        return self._gain, self.reading


def _repair(
    text: str,
    segment: Segment,
    found_hypotheses: list[Hypothesis],
    hints: Hints,
    search: Search,
    known: _Known,
) -> tuple[float, Splice] | None:
    """The best of a segment's hypotheses (``gbk_hypotheses.hypotheses``), as a splice, if it
    beats the text as found (``known``: the hypotheses of the page searched so far)."""
    searched: list[tuple[Hypothesis, _Searched]] = []
    for hypothesis in found_hypotheses:
        found = _searched_once(text, hypothesis, hints, search, known)
        if found is not None:  # None: nothing to search
            searched.append((hypothesis, found))
    scored = _judged(text, segment, searched, search)
    if not scored:
        return None
    decided = _decided(text, segment, scored)
    if decided is None:
        return None
    gain, hypothesis, reading, rival = decided
    return gain, _splice(hypothesis, reading, gain, gain - rival)


def _searched_once(
    text: str, hypothesis: Hypothesis, hints: Hints, search: Search, known: _Known
) -> _Searched | None:
    """``_searched`` of a hypothesis, kept in ``known``: found by its place and kept text, then
    its steps compared (a page's hypotheses seldom share a place; keyed by the steps, each
    lookup hashed every slot of them, about 15,000 instructions)."""
    same_place = known.setdefault((hypothesis.start, hypothesis.end, hypothesis.kept), [])
    for steps, found in same_place:
        if steps == hypothesis.steps:
            return found
    found = _searched(text, hypothesis, hints, search)
    same_place.append((hypothesis.steps, found))
    return found


def _judged(
    text: str, segment: Segment, searched: list[tuple[Hypothesis, _Searched]], search: Search
) -> list[_Scored]:
    """The hypotheses whose gains may decide the segment, judged, in the order found.

    Best bound first, each is judged until the rest provably change nothing (their bounds
    are below ``_indifferent``'s answer for those judged): not the best (below the chosen by
    EARLIER_START_MARGIN), not the next best (below the rival), or no repair at all."""
    order = sorted(range(len(searched)), key=lambda i: searched[i][1].bound, reverse=True)
    judged: dict[int, _Scored] = {}
    for index in order:
        hypothesis, found = searched[index]
        if found.bound < _indifferent(text, segment, [judged[i] for i in sorted(judged)]):
            break
        gain, reading = found.gain(search)
        judged[index] = (gain, hypothesis, reading)
    return [judged[i] for i in sorted(judged)]


def _indifferent(text: str, segment: Segment, scored: list[_Scored]) -> float:
    """A gain below which another hypothesis changes nothing of what ``scored`` decides: no
    repair stays none below 0 (no margin is lower); a repair stays the same below its gain
    less EARLIER_START_MARGIN and below its rival's (when it has one)."""
    decided = _decided(text, segment, scored) if scored else None
    if decided is None:
        return min(PLACED_ACCEPT_MARGIN, ACCEPT_MARGIN, HINTED_ACCEPT_MARGIN)
    gain, _, _, rival = decided
    if len(scored) < 2:
        return -math.inf
    return min(gain - EARLIER_START_MARGIN - BOUND_SLACK, rival)


def _decided(
    text: str, segment: Segment, found: list[_Scored]
) -> tuple[float, Hypothesis, Reading, float] | None:
    """The chosen hypothesis of those scored, its gain, reading and rival's gain, if it beats
    the text as found."""
    scored = sorted(found, key=lambda item: item[0], reverse=True)
    gain, hypothesis, reading = _least_reaching(scored)
    if gain < _needed_margin(text, segment, hypothesis, reading):
        return None
    rival = max([g for g, h, _ in scored if h is not hypothesis], default=0.0)
    return gain, hypothesis, reading, rival


def _least_reaching(
    scored: list[tuple[float, Hypothesis, Reading]],
) -> tuple[float, Hypothesis, Reading]:
    """The best hypothesis, unless one that starts later, and so changes fewer characters
    that may be sound, does nearly as well: a run is not stretched over text on a hunch."""
    best = scored[0]
    for candidate in scored[1:]:
        if candidate[1].start > best[1].start and best[0] - candidate[0] < EARLIER_START_MARGIN:
            best = candidate
    return best


def _searched(text: str, hypothesis: Hypothesis, hints: Hints, search: Search) -> _Searched | None:
    """The hypothesis' best reading and how much it gains over the text as found, before its
    uncertain characters are counted."""
    if unfillable(hypothesis.steps):
        return None
    start, end = hypothesis.start, hypothesis.end
    left = to_simplified(_left_context(text, start) + hypothesis.kept)
    right = to_simplified(text[end : end + CONTEXT])
    window = to_simplified(text[max(0, start - CONTEXT) : end + CONTEXT])
    search.exclude_window(window)
    reading = search.unjudged_reading(hypothesis.steps, left, right)
    if reading is None:
        return None
    found = left + to_simplified(text[start + len(hypothesis.kept) : end]) + right
    unexplained = len([p for p in range(start, end) if p in hints])
    bound = reading.score - search.score(found) - unexplained * STRAY_LOGPROB
    # running text chooses between readings, not whether to repair: the text as found has no
    # pair it knows across a stray mark (總結_第, where 結開第 would earn two)
    chosen = left + search.forms(reading.characters, reading.slots) + right
    extra = len(reading.characters) - len(hypothesis.steps)  # ways of two characters
    bound -= (
        search.running_fit(chosen)
        - search.running_fit(found)
        - extra * search.running.extra_character_cost
    )
    return _Searched(bound, reading, left, right, window, text[end : end + CLAUSE_CONTEXT])


def _needed_margin(text: str, segment: Segment, hypothesis: Hypothesis, reading: Reading) -> float:
    """A reading beside the damage that agrees with the repair lowers the bar; so does a run
    that starts where runs start (after a character outside GB2312) and ends in a ``?``:
    on the pages seen, a ``?`` there is never the writer's; and, less, one rare character
    alone there (``_stranded_rare``)."""
    if segment.terminator == "question" and after_extension(text, hypothesis.start):
        return PLACED_ACCEPT_MARGIN
    if _stranded_rare(text, segment, hypothesis):
        return STRANDED_ACCEPT_MARGIN
    agreed = any(
        slot.hint is not None and hint_bonus(char, slot.hint) >= HINT_MATCH
        for slot, char in zip(reading.slots, reading.characters, strict=True)
    )
    return HINTED_ACCEPT_MARGIN if agreed else ACCEPT_MARGIN


def _stranded_rare(text: str, segment: Segment, hypothesis: Hypothesis) -> bool:
    """One rare character that makes no word with its neighbours, alone between a character
    outside GB2312 and an ASCII byte (業徫460 is 業崗位460, 鄉偂186 is 鄉鎮、186): what a
    short run whose last trail byte was dropped leaves, seldom sound text."""
    start = hypothesis.start
    return (
        segment.terminator == "hidden"
        and not hypothesis.kept
        and hypothesis.end == start + 1
        and after_extension(text, start)
        and orphan_suspect(text, start, language_model())
    )


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
    replacement = hypothesis.kept + "".join(characters)
    return Splice(hypothesis.start, hypothesis.end, replacement, kind, hypothesis.rule, note)


def _without_overlaps(chosen: list[tuple[float, Splice]]) -> list[Splice]:
    """Where two repairs claim the same characters, the one that gained more wins."""
    kept: list[Splice] = []
    for _, splice in sorted(chosen, key=lambda item: item[0], reverse=True):
        if all(splice.end <= other.start or other.end <= splice.start for other in kept):
            kept.append(splice)
    return sorted(kept, key=lambda splice: splice.start)
