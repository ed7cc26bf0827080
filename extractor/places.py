"""Places: chains of administrative names down to the village and its groups.

Matched on the Simplified matching view: a shipped list of provinces for the top level, and
suffix rules (县, 乡, 村 …) for the rest, the name before a suffix bounded by a word cut of a few
characters around it (jieba, on a short window only).
"""

from __future__ import annotations

import re
import unicodedata
from weakref import WeakKeyDictionary

import regex

from extractor.entities import PLACEHOLDER, is_han, jieba_tag, word_start
from extractor.entity_lexicon import EntityLexicon, ViewWords
from extractor.unicode_classes import DIGIT_ASTRAL, DIGIT_BMP, char_class

# A village group (组): after its village, or in a list of groups (至三组、五组的通组公路).
_GROUP_NUMERALS = "一二三四五六七八九十"  # and ``\d``: what ``_groups`` looks for before a 组
GROUP = regex.compile(
    rf"(?:(?<=村)|(?<=[至到、]))[{_GROUP_NUMERALS}\d]{{1,3}}组(?=[、和的及通村群\d]|$)"
    rf"|(?<=村)[{_GROUP_NUMERALS}\d]{{1,3}}组"
    rf"|[{_GROUP_NUMERALS}]{{1,3}}组(?=、[{_GROUP_NUMERALS}]{{1,3}}组)"
)

# 三个单位, 部分单位: on `re`, \d spelled out (searched once per place name, where `regex`'s
# cost per call is most of it)
_COUNTED_NUMERAL = char_class("一二三四五六七八九十两几" + DIGIT_BMP, DIGIT_ASTRAL)
COUNTED_UNIT = re.compile(rf"{_COUNTED_NUMERAL}个|部分|原单位|单位")


def find_places(view: str, lex: EntityLexicon, words: ViewWords) -> list[tuple[int, int]]:
    """Maximal chains of administrative names, each level below the one before
    (贵州省毕节地区, 纳雍县昆寨乡凹猪河村); a village group (三组) stands alone, and names of
    one level side by side (新华乡石家镇, a table's header) are separate places. ``words``:
    ``lex.view_words(view)``."""
    chains: list[tuple[int, int]] = []
    level = 0
    for start, end in sorted(_place_tokens(view, lex, words)):
        if view[end - 1] == "组":
            chains.append((start, end))
            level = LEVELS["组"]
            continue
        token_level = _level(view, start, end, lex)
        if chains and chains[-1][0] <= start <= chains[-1][1]:
            last_start, last_end = chains[-1]
            if end <= last_end:
                continue
            if start < last_end or token_level > level:
                chains[-1] = (last_start, end)
                level = token_level
                continue
        chains.append((start, end))
        level = token_level
    return chains


# Administrative levels by suffix: a chain only goes down (省 > 市 > 县 > 乡 > 村 > 组).
LEVELS = {"省": 1, "自治区": 1, "市": 2, "州": 2, "自治州": 2, "地区": 2, "县": 3, "自治县": 3}
LEVELS |= {"区": 3, "乡": 4, "镇": 4, "街道": 4, "村": 5, "社区": 5, "组": 6}
_LONGEST = max(map(len, LEVELS))


def _level(view: str, start: int, end: int, lex: EntityLexicon) -> int:
    name = view[start:end]
    if name in lex.province_set:
        return 1
    for size in range(_LONGEST, 0, -1):  # 自治县 before 县
        level = LEVELS.get(name[-size:])
        if level is not None:
            return level
    return 0


def _place_tokens(view: str, lex: EntityLexicon, words: ViewWords) -> list[tuple[int, int]]:
    tokens = list(words.provinces)
    nonwords = words.place_nonwords
    ends = {end for _, end in nonwords}
    longest = {start: end for start, end in sorted(nonwords)}
    longer_suffixes = lex.longer_admin_suffixes
    body_starts = _BODY_STARTS.setdefault(lex, {})
    for start, end in words.admin_suffixes:
        if view.endswith(longer_suffixes[view[start:end]], 0, end):
            continue  # 区 of 社区, 县 of 自治县: the longer suffix makes its own token
        if end in ends or longest.get(start, 0) > end:
            continue  # 乡镇, 农村, 全县; 村 of 村民: a word, not a place's suffix
        if start >= 2:
            window = view[max(0, start - _BODY_WINDOW) : start]
            body_start = body_starts.get(window, -1)
            if body_start == -1:
                if len(body_starts) >= _MOST_WINDOWS:
                    body_starts.clear()
                body_start = body_starts[window] = _body_start(window, lex)
            if body_start is not None:
                tokens.append((start - len(window) + body_start, end))
    tokens += _groups(view)
    return tokens


def _groups(view: str) -> list[tuple[int, int]]:
    """What ``GROUP.finditer(view)`` finds, sought only at a 组 with a numeral before it (a
    page has many 组 in 小组, 组织 …, and few groups; the scan tried every position). A match
    is at most three numerals and its 组, and what follows it is looked at up to six characters
    on (``、五组``): searched from three before the 组 to eight past it."""
    groups: list[tuple[int, int]] = []
    last_end, length = 0, len(view)
    at = view.find("组", 1)
    while at != -1:
        if at > last_end and _numeral(view[at - 1]):
            stop = at + 8 if at + 8 < length else length  # ``$`` is the view's end, not ``stop``
            match = GROUP.search(view, max(at - 3, last_end), stop)
            if match is not None and match.end() == at + 1:  # not a later 组's
                last_end = at + 1
                groups.append((match.start(), last_end))
        at = view.find("组", at + 1)
    return groups


def _numeral(char: str) -> bool:
    """May ``char`` stand in ``GROUP``'s numerals (``\\d`` as the regex module knows it: a
    character this Python's Unicode tables do not know yet may be one)."""
    return char in _GROUP_NUMERALS or char.isdecimal() or unicodedata.category(char) == "Cn"


# What decides where a place's name starts: the characters the word cut of ``word_start``
# sees before the suffix (six before the name's last two).
_BODY_WINDOW = 8
# ``_body_start`` of each window, per lexicon: a page names its places again and again. A dict
# look-up of the window a suffix, where an ``lru_cache`` keyed by (window, lexicon) made, hashed
# and compared a tuple; emptied when full.
_BODY_STARTS: WeakKeyDictionary[EntityLexicon, dict[str, int | None]] = WeakKeyDictionary()
_MOST_WINDOWS = 65536


def _body_start(window: str, lex: EntityLexicon) -> int | None:
    """Where the name before an administrative suffix begins in the ``window`` that ends at
    the suffix: the start of the word (cut by jieba on the window) holding the second
    character before the suffix; two to four Han characters, no stop word or generic prefix
    (全县, 该村)."""
    suffix_start = len(window)
    if not (is_han(window[suffix_start - 2]) and is_han(window[suffix_start - 1])):
        return None
    start = word_start(window, suffix_start - 2, suffix_start)
    body = window[start:suffix_start]
    at = start
    for word, flag in jieba_tag(body):
        if flag[0] in "vdpcur":
            start = at + len(word)
        at += len(word)
    body = window[start:suffix_start]
    for stop in lex.stop_re.finditer(body):
        start = max(start, view_start_of(start, body, stop.end()))
    body = window[start:suffix_start]
    if COUNTED_UNIT.search(body):
        return None
    while body and body[0] in "村乡镇县区市省原":
        start, body = start + 1, body[1:]
    if len(body) >= 3 and body[0] in "于以为在从向对把被将与和及":
        start, body = start + 1, body[1:]  # 为|柏杨乡: a preposition the cut left on the name
    if len(body) < 2:
        return None
    if len(body) > 4 or not lex.stops.isdisjoint(body) or PLACEHOLDER.search(body):
        start, body = suffix_start - 2, window[suffix_start - 2 : suffix_start]
    if body[0] in "全各该本每我其此" or not lex.stops.isdisjoint(body):
        return None
    return start


def view_start_of(start: int, body: str, offset: int) -> int:
    """The view offset of ``offset`` characters into ``body`` (which begins at ``start``)."""
    return start + offset
