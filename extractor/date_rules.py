"""The period words of ``rules/dates.toml``: loading, validation, their labels, and the scan
that tells which of their patterns a page needs searched.

Each rule names a word that is a date on its own (上半年, 春节, “十三五”时期, 今年 …). The
numeric grammar (years, months, days, ranges) lives in ``extractor.dates``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from pydantic import Field

from extractor.entity_lexicon import trie_source
from extractor.pattern_engine import on_faster_engine
from extractor.pattern_syntax import required_words
from extractor.rules import _merge, _Rule, default_rules_dir

# compiled, a loop over a page's characters beats a search a word (``words_present``);
# interpreted, the search is the faster (the compiled module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")

_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTERS = "一二三四"
_MEMORIAL = {
    "七一": (7, 1),
    "六一": (6, 1),
    "三八": (3, 8),
    "五一": (5, 1),
    "八一": (8, 1),
    "五四": (5, 4),
}
_RELATIVE = {
    "今年": 0, "本年度": 0, "本年": 0, "当年": 0, "去年": -1, "上年度": -1, "上一年": -1,
    "上年": -1, "明年": 1, "下年度": 1, "次年": 1, "前年": -2,
}  # fmt: skip


class DateWordRule(_Rule):
    """A word that is a date or period by itself."""

    label: str
    examples: list[str]
    counter_examples: list[str] = Field(default_factory=list)


def load_date_words(rules_dirs: Sequence[Path] = ()) -> tuple[DateWordRule, ...]:
    return _load(tuple(Path(d).resolve() for d in rules_dirs))


@lru_cache(maxsize=16)
def _load(extra: tuple[Path, ...]) -> tuple[DateWordRule, ...]:
    return _merge((default_rules_dir(), *extra), "dates.toml", DateWordRule)


def word_meaning(
    rule: DateWordRule, word: str
) -> tuple[str | None, int | None, int | None, int | None]:
    """(period label, month, day, relative year offset) of a matched word (matching view)."""
    label = rule.label
    if label == "$0":
        return word, None, None, None
    if label == "quarter":
        digit = word.lstrip("第")[0]
        return f"第{_QUARTERS[_CN[digit] - 1]}季度", None, None, None
    if label == "year_edge":
        return ("年底" if word == "年末" else word), None, None, None
    if label == "festival":
        keep = word if word in ("春节", "元旦") or len(word) == 2 else word.removesuffix("节")
        return keep, None, None, None
    if label == "quoted_festival":
        return word[1:3], None, None, None
    if label == "bare_day":
        month, day = _MEMORIAL[word]
        return word, month, day, None
    if label == "plan_period":
        return word.strip('"“”').removesuffix("时期").strip('"“”'), None, None, None
    if label == "season_turn":
        return word[-1], None, None, None
    if label == "relative":
        if word.startswith("近"):
            return None, None, None, 0
        edge = {"底": "年底", "末": "年底", "初": "年初"}.get(word[-1])
        base = word.removesuffix("同期").rstrip("底末初")
        return edge, None, None, _RELATIVE.get(base, 0)
    return label, None, None, None


@dataclass(frozen=True)
class WordScan:
    """What lets a page skip the period words' patterns: the words one of which each match
    holds (``required_words``), sought at once (a search per word cost a sixth of the stage,
    the festivals' and relative years' a dozen each)."""

    needs: tuple[frozenset[str] | None, ...]  # a rule's words; None: it needs none
    patterns: tuple[re.Pattern[str] | regex.Pattern[str], ...]  # each on the faster engine
    words: re.Pattern[str]  # the longer words: the longest that starts at a place
    starting: dict[str, tuple[str, ...]]  # a longer word → the words it starts with (itself too)
    chars: tuple[str, ...]  # the one-character words (年, 十), each found by `in`
    by_first: dict[str, tuple[str, ...]]  # a first character → its longer words, longest first
    # by code point: 1 for the longer words' first characters, 2 for their second ones (both: 3)
    marks: str


@lru_cache(maxsize=16)
def word_scan(patterns: tuple[regex.Pattern[str], ...]) -> WordScan:
    needs = [required_words(pattern.pattern) for pattern in patterns]
    every = {word for words in needs if words for word in words}
    longer = {word for word in every if len(word) > 1}
    by_first = {
        first: tuple(sorted((w for w in longer if w[0] == first), key=len, reverse=True))
        for first in {word[0] for word in longer}
    }
    marks = [0] * (max((ord(char) for word in longer for char in word[:2]), default=-1) + 1)
    for word in longer:
        marks[ord(word[0])] |= 1
        marks[ord(word[1])] |= 2
    return WordScan(
        needs=tuple(None if words is None else frozenset(words) for words in needs),
        patterns=tuple(map(on_faster_engine, patterns)),
        words=re.compile(trie_source(longer) or "(?!)"),
        starting={word: tuple(w for w in every if word.startswith(w)) for word in longer},
        chars=tuple(every - longer),
        by_first=by_first,
        marks="".join(map(chr, marks)),
    )


# each rule set's scan by the identity of its tuple (kept alive beside it): hashing the
# tuple's patterns for ``word_scan``'s cache cost a page more than the rules it skipped
_SCANS: dict[int, tuple[tuple[DateWordRule, ...], WordScan]] = {}


def scan_of(words: tuple[DateWordRule, ...]) -> WordScan:
    """``word_scan`` of the rules' patterns, made once for each tuple ``load_date_words`` gave."""
    known = _SCANS.get(id(words))
    if known is None or known[0] is not words:
        patterns = tuple([rule.compiled for rule in words])
        known = _SCANS[id(words)] = (words, word_scan(patterns))
    return known[1]


def words_present(scan: WordScan, view: str) -> set[str]:
    """The rules' words that ``view`` holds: the longest at each place one starts, with the
    words it begins with (words may overlap). Compiled, the places are found by a C loop over
    the view's characters; interpreted, by the words' pattern, sought again from the character
    after each (a search a word: a tenth of the stage, compiled)."""
    present = {char for char in scan.chars if char in view}
    longer = _words_by_character(scan, view) if _COMPILED else _words_by_search(scan, view)
    return present | longer


def _words_by_search(scan: WordScan, view: str) -> set[str]:
    found = set()
    match = scan.words.search(view)
    while match is not None:
        found.update(scan.starting[match.group()])
        match = scan.words.search(view, match.start() + 1)
    return found


def _words_by_character(scan: WordScan, view: str) -> set[str]:
    found = set()
    marks, by_first, starting = scan.marks, scan.by_first, scan.starting
    reach, last, place = len(marks), len(view) - 1, -1
    for char in view:
        place += 1
        code = ord(char)
        if code >= reach or not ord(marks[code]) & 1 or place == last:
            continue
        code = ord(view[place + 1])
        if code >= reach or not ord(marks[code]) & 2:
            continue  # most of the words' first characters start other words (上, 中, 学)
        for word in by_first[char]:
            if view.startswith(word, place):
                found.update(starting[word])
                break
    return found
