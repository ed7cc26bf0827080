"""Organisations, places and people found by suffix grammar and lexicons on the matching view.

Everything is matched on the Simplified, width-folded view (``extractor.views``), so offsets
are offsets into the document text and one rule set serves both scripts. No segmenter runs:
candidates come from suffix words (局, 委员会, 领导小组 …), administrative suffixes (县, 乡, 村 …),
posts (组长, 副校长 …) and surnames.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

import regex

from extractor.dictionary import dictionary
from extractor.entity_lexicon import EntityLexicon, ViewWords, leftmost
from extractor.pattern_syntax import HAN
from extractor.word_cut import cut

CJK = regex.compile(r"\p{Han}")
PLACEHOLDER_CHARS = "某xX×＊*○〇?？"
PLACEHOLDER = re.compile(f"[{PLACEHOLDER_CHARS}]")
MAX_ORG = 22
# compiled, C loops beat the calls they replace (``_run_scanned``: a run's three searches,
# ``_bisected``: ``bisect_right``); interpreted, the calls are the faster (the compiled
# module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")
# Plain classes (and \p{Han} spelled out): `re` scans them, and is called, at less cost than
# `regex` (which has the Unicode property above).
BOOK = re.compile(r"《[^《》\n]{0,60}》")


@dataclass
class Found:
    """One entity: its name (as a view span of its first mention) and every mention."""

    start: int
    end: int
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    partial: bool = False
    aliases: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def is_han(char: str) -> bool:
    return bool(CJK.match(char))


def word_start(view: str, position: int, limit: int) -> int:
    """Start of the jieba word holding ``position``, cutting only ``view[position-6:limit]``."""
    left = max(0, position - 6)
    while left < position and not is_han(view[left]):
        left += 1
    at, previous = left, ""
    for word in jieba_cut(view[left:limit]):
        if at <= position < at + len(word):
            # 凹|猪河村: a lone character before the name's word belongs to it
            if len(previous) == 1 and previous not in "省市州县区乡镇村" and is_han(previous):
                return at - 1
            return at
        at, previous = at + len(word), word
    return position


@lru_cache(maxsize=65536)
def jieba_cut(text: str) -> tuple[str, ...]:
    return tuple(cut(text))


# ---------------------------------------------------------------- organisations

ANCHORS = "县乡镇市省区州村局院校"
# One pattern a conjunction: led by a literal, `re` skips to it as str.find does, where it
# tests a class at every position.
AND_BEFORE_ANCHOR = [re.compile(f"{word}(?=[县乡镇市省村局合])") for word in "和与及"]
CAMPUS = ("校区", "校务会")
NAMED_LEADS = (*(f"学校{body}" for body in ("党支部", "工会", "团委", "少先队")), "全国")
ANCHOR_WORDS = ("中共", "社区", "学校")  # words that anchor a name as its level characters do
# Their first characters: one test of a character before a method call (a name's word or
# candidate rarely starts with one).
_NAMED_LEAD_FIRSTS = "".join({lead[0]: None for lead in NAMED_LEADS})
_ANCHOR_WORD_FIRSTS = "".join({word[0]: None for word in ANCHOR_WORDS})


def find_organisations(
    view: str,
    lex: EntityLexicon,
    places: list[tuple[int, int]],
    posts: list[tuple[int, int]],
    books: list[tuple[int, int]],
    words: ViewWords,
    in_books: bool = False,
) -> list[tuple[int, int]]:
    """Spans of organisation names: a run of Han characters up to its last suffix word, cut
    at stop words and posts (``posts``: ``post_spans``, shared with the people's search),
    starting at a place or level anchor (局长 is a post, not 局). Names inside a book title
    (``books``: ``book_titles``) only with ``in_books``: they are not listed, but they hide
    the places they start with. ``words``: ``lex.view_words(view)``."""
    suffix_ends = _suffix_ends(lex, words)
    cuts = _cut_points(view, lex, words, posts)
    heads = _PlaceHeads(places)
    found = []
    segments = _split_segments(view, cuts, suffix_ends)
    while segments:
        seg_start, seg_end = segments.pop(0)
        ends = suffix_ends.get_range(seg_start, seg_end)
        if not ends:
            continue
        end = ends[-1]
        group = _group_start(view, end, suffix_ends, lex)
        if group is not None and group > seg_start + 1:
            segments.insert(0, (seg_start, group))  # 委员会组成调研组: the body before it too
        start = (
            group
            if group is not None
            else _org_start(view, seg_start, end, suffix_ends.starts[end], heads)
        )
        span = _trimmed(view, start, end)
        if (
            span
            and not _generic(view[span[0] : end], lex)
            and (in_books or not in_book(span, books))
        ):
            found.append(span)
    return sorted(found)


def _trimmed(view: str, start: int | None, end: int) -> tuple[int, int] | None:
    """The name from ``start``: 中共 before it kept, a lead word (原, 代表) dropped."""
    if start is None or end - start > MAX_ORG or end - start < 2:
        return None
    if start >= 2 and view[start - 2 : start] == "中共":
        start -= 2
    if view[start] in "原代全":  # a method call a lead costs more than one test of them all
        for lead in ("原", "代表", "全校"):
            if view.startswith(lead, start) and end - start > len(lead) + 2:
                start += len(lead)
    if start > 0 and view[start - 1] in PLACEHOLDER_CHARS:  # a character: no pattern needed
        return None
    return start, end


def book_titles(view: str) -> list[tuple[int, int]]:
    return [m.span() for m in BOOK.finditer(view)]


def in_book(span: tuple[int, int], books: list[tuple[int, int]]) -> bool:
    for start, end in books:  # noqa: SIM110 (a loop, not any(): a closure is no C function)
        if start <= span[0] and span[1] <= end:
            return True
    return False


def _group_start(view: str, end: int, suffix_ends: _Ends, lex: EntityLexicon) -> int | None:
    """Where a working group's name starts: its purpose words back to a verb that sets it up
    (组织|调研工作组, 成立了…的|帮扶工作领导小组), at most 14 characters; it may cross a word
    that cuts other names (慰问小组)."""
    suffix_start = suffix_ends.starts[end]
    if view[suffix_start:end] not in lex.group_suffixes:
        return None
    start = suffix_start
    for word in reversed(jieba_cut(view[max(0, end - 16) : suffix_start])):
        if word in lex.group_stops or (len(word) == 1 and word in lex.stops):
            break
        if not (is_han(word[0]) or word in "“”") or end - (start - len(word)) > 14:
            break
        start -= len(word)
    inner = [e for e in suffix_ends.get_range(start, suffix_start)]
    if any(view[suffix_ends.starts[e] : e] not in lex.org_generic for e in inner):
        return None  # 县人社局驻村工作队, 委员会调研组: the group of a body named before it
    return start


class _Ends:
    def __init__(self, ends: dict[int, int]) -> None:
        self.ends = sorted(ends)
        self.starts = ends

    def get_range(self, low: int, high: int) -> list[int]:
        return self.ends[_count_up_to(self.ends, low) : _count_up_to(self.ends, high)]


class _Spans:
    """Spans sorted, their starts apart: the ones starting in a window are found by bisection
    (a dict probed at every position of the window cost more)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def near(self, low: int, high: int) -> list[tuple[int, int]]:
        """The spans starting in ``low:high``."""
        starts = self.starts
        return self.spans[_count_up_to(starts, low - 1) : _count_up_to(starts, high - 1)]


def _count_up_to(values: list[int], value: int) -> int:
    """How many of the sorted ``values`` are at most ``value`` (``bisect_right``): compiled, by
    ``_bisected``'s C loop (a call of the library's function cost more than its search)."""
    return _bisected(values, value) if _COMPILED else bisect_right(values, value)


def _bisected(values: list[int], value: int) -> int:
    """``bisect_right(values, value)`` as a loop (C integers compiled)."""
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        probe = values[middle]  # a C integer compiled, compared as one
        if value < probe:
            high = middle
        else:
            low = middle + 1
    return low


def _suffix_ends(lex: EntityLexicon, words: ViewWords) -> _Ends:
    """Ends of suffix words not part of a word that names no body (干部, 部署, 办公). The
    non-words near each suffix word come from a cursor that follows the suffix words, both
    lists one word a start in text order (a bisection per suffix word cost more)."""
    nonwords, reach = words.org_nonwords, lex.org_reach
    first, count = 0, len(nonwords)
    ends: dict[int, int] = {}
    for s, e in words.org_suffixes:
        while first < count and nonwords[first][0] < s - reach:
            first += 1
        crossed, index = False, first
        while index < count and not crossed:
            ns, ne = nonwords[index]
            if ns >= e:
                break
            crossed = s < ne and not (s <= ns and ne <= e)
            index += 1
        if not crossed:
            ends[e] = min(s, ends.get(e, s))
    return _Ends(ends)


def post_spans(words: ViewWords) -> list[tuple[int, int]]:
    """The posts (``lex.role_re``'s words) of a view, in text order, from its ``words``: found
    once for both the organisations' cuts and the people beside them."""
    return leftmost(words.roles)


def _cut_points(
    view: str, lex: EntityLexicon, words: ViewWords, posts: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans no organisation crosses: stop words and posts not inside a longer suffix word."""
    cuts = leftmost(words.stops)
    cuts += [m.span() for pattern in AND_BEFORE_ANCHOR for m in pattern.finditer(view)]
    suffixes = _Spans(words.org_suffixes)
    longest = dict(suffixes.spans)  # sorted: each start's longest end is the last one set
    for s, e in posts:
        if any(ee > e for _, ee in suffixes.near(s - lex.org_reach, s + 1)):
            continue
        if _names_a_unit(view, e, longest):
            continue
        # 工会主席, 办公室主任: the unit word at the head of the post stays with the body
        heads = suffixes.near(s - lex.org_reach, e)
        s = max([s] + [ee for ss, ee in heads if s < ee < e and ee - ss > 1])
        cuts.append((s, e))
    return cuts


def _names_a_unit(view: str, end: int, by_start: dict[int, int]) -> bool:
    """教师|培训|办公室: a post followed by a purpose word and a suffix word names a unit."""
    return view.startswith(UNIT_PURPOSES, end) and end + 2 in by_start


UNIT_PURPOSES = ("培训", "工作", "管理", "服务", "发展", "教育")


def _split_segments(
    view: str, cuts: list[tuple[int, int]], suffix_ends: _Ends
) -> list[tuple[int, int]]:
    """Segments, cut again after a suffix word followed by a verb, a number or 和/与/及."""
    segments: list[tuple[int, int]] = []
    for seg_start, seg_end in segments_holding(view, cuts, suffix_ends.ends):
        ends = suffix_ends.get_range(seg_start, seg_end)
        start = seg_start
        for index, end in enumerate(ends):
            following = ends[index + 1] if index + 1 < len(ends) else seg_end
            if end >= following or suffix_ends.starts.get(following, end) < end:
                continue
            if view[end] in "和与及、为" or _starts_clause(view[end:following], following - end):
                segments.append((start, end))
                start = end + (view[end] in "和与及、为")
        if start < seg_end:
            segments.append((start, seg_end))
    return segments


def _starts_clause(stretch: str, length: int) -> bool:
    if stretch[0] in "一二三四五六七八九十两":
        return True
    if length <= 4:
        return False
    tags = jieba_tag(stretch)
    return bool(tags) and tags[0][1][0] in "vmpcd"


def segments_holding(
    view: str, cuts: list[tuple[int, int]], ends: list[int]
) -> list[tuple[int, int]]:
    """The runs of Han characters and quotes, once the ``cuts`` are blanked out, that hold one
    of the sorted suffix ``ends`` (start < end <= run end), in order: only they can name an
    organisation. Each is found from its end, not among all the runs of the view (a page has
    few of them among hundreds; listing them all was a tenth of the stage), and bounded by
    the cuts around it (``_CutReach``), not in a copy of the view with the cuts blanked."""
    cut_reach = _CutReach(cuts)
    length = len(view)
    table = _in_run_table() if _COMPILED else ""
    backwards = "" if _COMPILED else view[::-1]  # `re` searches forwards only
    found: list[tuple[int, int]] = []
    for end in ends:
        if end < 1 or (found and end <= found[-1][1]):
            continue  # before the text, or inside the run found last
        index = _count_up_to(cut_reach.starts, end - 1)  # the cuts starting up to end - 1
        covered_to = cut_reach.reach[index - 1] if index else 0
        if covered_to >= end:
            continue  # at a blank
        stop = cut_reach.next_start(index, length)
        run = (
            _run_scanned(view, table, end, covered_to, stop)
            if _COMPILED
            else _run_searched(view, backwards, end, covered_to, stop)
        )
        if run is not None:
            found.append(run)
    return found


def _run_searched(
    view: str, backwards: str, end: int, low: int, stop: int
) -> tuple[int, int] | None:
    """The run holding ``view[end - 1]``, from ``low`` at the earliest to ``stop`` at the
    latest (None if that character is outside a run), found by ``_OUTSIDE``'s searches
    (``backwards``: the view reversed)."""
    if _OUTSIDE.match(view, end - 1):
        return None
    length = len(view)
    before = _OUTSIDE.search(backwards, length - end + 1)  # the last one before end - 1
    after = _OUTSIDE.search(view, end, stop)
    start = length - before.start() if before else 0
    return max(start, low), after.start() if after else stop


def _run_scanned(view: str, table: str, end: int, low: int, stop: int) -> tuple[int, int] | None:
    """``_run_searched``'s run, found by a loop over its characters, each looked up in
    ``table`` (``_in_run_table``)."""
    if not _in_run(view, table, end - 1):
        return None
    start, after = end - 1, end
    while start > low and _in_run(view, table, start - 1):
        start -= 1
    while after < stop and _in_run(view, table, after):
        after += 1
    return start, after


def _in_run(view: str, table: str, at: int) -> bool:
    """Whether ``view[at]`` may stand in a run (``_OUTSIDE`` does not match it): looked up in
    ``table`` in the Basic Multilingual Plane, matched beyond it."""
    code = ord(view[at])
    if code < len(table):
        return table[code] != "\0"
    return _OUTSIDE.match(view, at) is None


@lru_cache(maxsize=1)
def _in_run_table() -> str:
    """The Basic Multilingual Plane with each character ``_OUTSIDE`` matches as NUL (built once,
    in 8 ms: at the first page, not at import)."""
    return _OUTSIDE.sub("\0", "".join(map(chr, range(0x10000))))


class _CutReach:
    """The non-empty cuts' starts in order, and how far the cuts up to each one reach: the
    cuts starting up to a position cover nothing after the reach of the last of them. Sorted
    by start only: of cuts with one start, only the reach of the last is read (a search for a
    position counts them all), and that is the furthest end whatever their order."""

    def __init__(self, cuts: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.reach: list[int] = []
        furthest = 0
        for start, end in sorted(cuts, key=itemgetter(0)):  # ints compared, not tuples
            if end > start:
                furthest = end if end > furthest else furthest
                self.starts.append(start)
                self.reach.append(furthest)

    def next_start(self, index: int, length: int) -> int:
        """Where the ``index``-th cut starts, at most the view's ``length``."""
        return min(self.starts[index], length) if index < len(self.starts) else length


_OUTSIDE = re.compile(f'[^{HAN[1:-1]}“”"]')  # what ends a run that may hold a name


class _PlaceHeads:
    """Where places start, sorted, and where they end (of each start's longest place): the
    place starting nearest before a suffix is found by bisection, not by probing each
    position back to the segment's start, and a start that another place ends at by a set."""

    def __init__(self, places: list[tuple[int, int]]) -> None:
        by_start = dict(places)  # start -> end
        self.starts = sorted(by_start)
        self.ends = set(by_start.values())

    def last(self, low: int, high: int) -> int | None:
        """The last place start in ``low..high`` (both included)."""
        index = _count_up_to(self.starts, high) - 1
        return self.starts[index] if index >= 0 and self.starts[index] >= low else None


def _org_start(
    view: str, seg_start: int, end: int, suffix_start: int, heads: _PlaceHeads
) -> int | None:
    # the place nearest the suffix: 太极乡 of 新华乡石家镇太极乡…小学, a table header's run
    position = heads.last(seg_start, end - 2)
    if position is not None:
        # 新华乡石家镇太极乡…: a run of places of one level heads a table, not a name
        return None if position in heads.ends else position
    at = seg_start
    words = jieba_tag(view[seg_start:end], split_unknown=True)
    for word, _ in words:
        if at >= suffix_start and view[suffix_start:end] in CAMPUS:
            break  # 鹅池校区, 人民小学校务会: 校 of the suffix word anchors nothing
        if word[0] in ANCHORS or (word[0] in _ANCHOR_WORD_FIRSTS and word.startswith(ANCHOR_WORDS)):
            return at
        at += len(word)
    at = seg_start
    for word, flag in words[:-1]:
        if flag[0] not in "vdpcurmqa" and flag not in ("x",):
            return at
        at += len(word)
    return at


def _generic(name: str, lex: EntityLexicon) -> bool:
    if name in lex.org_generic or PLACEHOLDER.search(name):
        return True
    if name in lex.org_named_alone:
        return False
    if name[0] in _NAMED_LEAD_FIRSTS and name.startswith(NAMED_LEADS):
        return False  # 学校党支部, 学校工会 of a teacher's school; 全国工商联
    if name in lex.org_suffix_set:
        return True
    for size, leads in lex.org_generic_leads_by_size:  # name.startswith(org_generic_leads)
        if name[:size] in leads:
            return True
    if len(name) == 2 and name[0] not in ANCHORS + "地":
        return True  # 抓校: two characters name a body only after a level word (县委, 地委)
    if name.endswith("财政") and (len(name) != 3 or name[0] not in ANCHORS):
        return True  # 县财政 is a body; 深化财政, 村集体以财政 are not
    if "“" not in name and "”" not in name and '"' not in name:
        return False  # what follows asks about quotes (cheaper asked so than by methods)
    if name.count("“") != name.count("”"):
        return True
    return name.strip('“”"') != name and not name.endswith(tuple(lex.org_suffixes))


@lru_cache(maxsize=65536)
def jieba_tag(text: str, split_unknown: bool = False) -> tuple[tuple[str, str], ...]:
    """Words of a short Simplified stretch (never the Traditional text) with the POS flag their
    dictionary entry gives: jieba's cut and a dictionary look-up, not its tagger, which is many
    times slower. A word the dictionary lacks is a noun, or with ``split_unknown`` its
    characters as the dictionary has them (对县 → 对 p, 县 n)."""
    flags = dictionary().flags
    tagged = []
    for word in jieba_cut(text):
        if word in flags or len(word) == 1 or not is_han(word[0]):
            tagged.append((word, flags.get(word, "n" if is_han(word[0]) else "x")))
        elif split_unknown:
            tagged += [(char, flags.get(char, "n")) for char in word]
        else:
            tagged.append((word, "n"))
    return tuple(tagged)
