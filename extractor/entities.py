"""Organisations, places and people found by suffix grammar and lexicons on the matching view.

Everything is matched on the Simplified, width-folded view (``extractor.views``), so offsets
are offsets into the document text and one rule set serves both scripts. No segmenter runs:
candidates come from suffix words (局, 委员会, 领导小组 …), administrative suffixes (县, 乡, 村 …),
posts (组长, 副校长 …) and surnames.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import regex

from extractor.dictionary import dictionary
from extractor.entity_lexicon import EntityLexicon, ViewWords, leftmost
from extractor.entity_spans import Ends, PlaceHeads, Spans, segments_holding
from extractor.word_cut import cut

CJK = regex.compile(r"\p{Han}")
PLACEHOLDER_CHARS = "某xX×＊*○〇?？"
PLACEHOLDER = re.compile(f"[{PLACEHOLDER_CHARS}]")
MAX_ORG = 22
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


def is_han(char: str) -> bool:
    return _remembered(_HAN, char, _matches_han)


def _matches_han(char: str) -> bool:
    return bool(CJK.match(char))


# The caches of the calls made again and again on a page's characters and short stretches, by
# their string (emptied when full): a hit one dict look-up, where an ``lru_cache`` (a call
# through its wrapper, for ``jieba_tag`` a tuple key made and hashed) cost ~500 instructions
# more; compiled, ``is_han``, ``jieba_cut`` and ``jieba_tag`` are C calls within this module.
_HAN: dict[str, bool] = {}
_CUTS: dict[str, tuple[str, ...]] = {}
_TAGS: dict[str, tuple[tuple[str, str], ...]] = {}
_SPLIT_TAGS: dict[str, tuple[tuple[str, str], ...]] = {}  # with ``split_unknown``
_MOST_CACHED = 65536


def _remembered(cache: dict, key: str, compute: Callable[[str], Any]) -> Any:
    """``compute(key)``, from ``cache`` once computed."""
    value = cache.get(key)
    if value is None:
        if len(cache) >= _MOST_CACHED:
            cache.clear()
        value = cache[key] = compute(key)
    return value


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


def jieba_cut(text: str) -> tuple[str, ...]:
    return _remembered(_CUTS, text, _cut_tuple)


def _cut_tuple(text: str) -> tuple[str, ...]:
    return tuple(cut(text))


# ---------------------------------------------------------------- organisations

ANCHORS = "县乡镇市省区州村局院校"
CONJUNCTIONS = "和与及"  # cut before a level character or 合 (合作社): 县|和|乡, not 和平村
_AFTER_CONJUNCTION = "县乡镇市省村局合"
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
    heads = PlaceHeads(places)
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
    at = start  # compiled, a C integer: the view's characters read as C characters
    if at >= 2 and view[at - 2 : at] == "中共":
        at -= 2
    if view[at] in "原代全":  # a method call a lead costs more than one test of them all
        for lead in ("原", "代表", "全校"):
            if view.startswith(lead, at) and end - at > len(lead) + 2:
                at += len(lead)
    if at > 0 and view[at - 1] in PLACEHOLDER_CHARS:  # a character: no pattern needed
        return None
    return at, end


def book_titles(view: str) -> list[tuple[int, int]]:
    return [m.span() for m in BOOK.finditer(view)]


def in_book(span: tuple[int, int], books: list[tuple[int, int]]) -> bool:
    for start, end in books:  # noqa: SIM110 (a loop, not any(): a closure is no C function)
        if start <= span[0] and span[1] <= end:
            return True
    return False


def _group_start(view: str, end: int, suffix_ends: Ends, lex: EntityLexicon) -> int | None:
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
    generic = lex.org_generic
    for inner_end in suffix_ends.get_range(start, suffix_start):
        if view[suffix_ends.starts[inner_end] : inner_end] not in generic:
            return None  # 县人社局驻村工作队, 委员会调研组: the group of a body named before it
    return start


def _suffix_ends(lex: EntityLexicon, words: ViewWords) -> Ends:
    """Ends of suffix words not part of a word that names no body (干部, 部署, 办公). The
    non-words near each suffix word come from a cursor that follows the suffix words, both
    lists one word a start in text order (a bisection per suffix word cost more)."""
    nonwords, reach = words.org_nonwords, lex.org_reach
    first, count = 0, len(nonwords)
    ends: dict[int, int] = {}
    for s, e in words.org_suffixes:
        while first < count:
            ns, ne = nonwords[first]  # compiled, C integers: no int made per step
            if ns >= s - reach:
                break
            first += 1
        crossed, index = False, first
        while index < count and not crossed:
            ns, ne = nonwords[index]
            if ns >= e:
                break
            crossed = s < ne and not (s <= ns and ne <= e)
            index += 1
        if not crossed and e not in ends:  # by start: the first to end at e starts first
            ends[e] = s
    return Ends(ends)


def post_spans(words: ViewWords) -> list[tuple[int, int]]:
    """The posts (``lex.role_re``'s words) of a view, in text order, from its ``words``: found
    once for both the organisations' cuts and the people beside them."""
    return leftmost(words.roles)


def _cut_points(
    view: str, lex: EntityLexicon, words: ViewWords, posts: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans no organisation crosses: stop words and posts not inside a longer suffix word."""
    cuts = leftmost(words.stops) + conjunctions_before_anchor(view)
    suffixes = Spans(words.org_suffixes)
    longest = dict(suffixes.spans)  # sorted: each start's longest end is the last one set
    for s, e in posts:
        if _reaches_past(suffixes.near(s - lex.org_reach, s + 1), e):
            continue
        if _names_a_unit(view, e, longest):
            continue
        # 工会主席, 办公室主任: the unit word at the head of the post stays with the body
        heads = suffixes.near(s - lex.org_reach, e)
        s = max([s] + [ee for ss, ee in heads if s < ee < e and ee - ss > 1])
        cuts.append((s, e))
    return cuts


def conjunctions_before_anchor(view: str) -> list[tuple[int, int]]:
    """Each of ``CONJUNCTIONS`` before one of ``_AFTER_CONJUNCTION``, one conjunction after the
    other: ``str.find`` skips to it (a pattern a conjunction cost a third more, one with a
    class tested it at every position)."""
    found = []
    last = len(view) - 1
    for conjunction in CONJUNCTIONS:
        at = view.find(conjunction)
        while 0 <= at < last:
            if view[at + 1] in _AFTER_CONJUNCTION:
                found.append((at, at + 1))
            at = view.find(conjunction, at + 1)
    return found


def _reaches_past(spans: list[tuple[int, int]], end: int) -> bool:
    """Whether one of the ``spans`` ends after ``end`` (a loop, not ``any()``: compiled, a
    generator made and run for every post)."""
    for _, span_end in spans:  # noqa: SIM110
        if span_end > end:
            return True
    return False


def _names_a_unit(view: str, end: int, by_start: dict[int, int]) -> bool:
    """教师|培训|办公室: a post followed by a purpose word and a suffix word names a unit."""
    return view.startswith(UNIT_PURPOSES, end) and end + 2 in by_start


UNIT_PURPOSES = ("培训", "工作", "管理", "服务", "发展", "教育")


def _split_segments(
    view: str, cuts: list[tuple[int, int]], suffix_ends: Ends
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


def _org_start(
    view: str, seg_start: int, end: int, suffix_start: int, heads: PlaceHeads
) -> int | None:
    # the place nearest the suffix: 太极乡 of 新华乡石家镇太极乡…小学, a table header's run
    position = heads.last(seg_start, end - 2)
    if position is not None:
        # 新华乡石家镇太极乡…: a run of places of one level heads a table, not a name
        return None if position in heads.ends else position
    at = seg_start
    # split_unknown passed by position: by keyword, the call made a dict and the cache a longer key
    words = jieba_tag(view[seg_start:end], True)
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
    if name in lex.org_generic or _has_placeholder(name):
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


def _has_placeholder(name: str) -> bool:
    """``PLACEHOLDER.search(name)`` as a loop over a name's few characters (compiled, C: a
    pattern's call cost more than the search)."""
    for char in name:  # noqa: SIM110
        if char in PLACEHOLDER_CHARS:
            return True
    return False


def jieba_tag(text: str, split_unknown: bool = False) -> tuple[tuple[str, str], ...]:
    """Words of a short Simplified stretch (never the Traditional text) with the POS flag their
    dictionary entry gives: jieba's cut and a dictionary look-up, not its tagger, which is many
    times slower. A word the dictionary lacks is a noun, or with ``split_unknown`` its
    characters as the dictionary has them (对县 → 对 p, 县 n)."""
    if split_unknown:
        return _remembered(_SPLIT_TAGS, text, _split_tagged)
    return _remembered(_TAGS, text, _tagged)


def _split_tagged(text: str) -> tuple[tuple[str, str], ...]:
    return _tagged(text, True)


def _tagged(text: str, split_unknown: bool = False) -> tuple[tuple[str, str], ...]:
    """``jieba_tag``'s words and flags, computed."""
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
