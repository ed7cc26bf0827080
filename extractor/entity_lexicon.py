"""Word lists of the entities stage (rules/lexicon/*.txt), loaded once and compiled."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

from extractor.rules import default_rules_dir

NAMES = (
    "org_suffixes",
    "org_generic",
    "roles",
    "person_titles",
    "surnames",
    "admin_suffixes",
    "provinces",
    "entity_stops",
    "place_nonwords",
    "name_nonwords",
    "org_nonwords",
    "group_suffixes",
    "group_stops",
    "org_generic_leads",
    "org_named_alone",
    "after_name",
    "address_titles",
)


def _words(name: str, directories: tuple[Path, ...]) -> tuple[str, ...]:
    """A word list's words from the shipped rules and each extra directory, in file order."""
    words: dict[str, None] = {}
    for directory in directories:
        path = directory / "lexicon" / f"{name}.txt"
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            words.update((line.strip(), None) for line in lines if line.strip() and line[0] != "#")
    return tuple(words)


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words as a trie (``trie_source``). The standard library's ``re`` scans it about
    four times faster than ``regex`` does."""
    return re.compile(trie_source(words))


def trie_source(words: Iterable[str], escape: Callable[[str], str] = re.escape) -> str:
    """The words as a trie pattern (委员(?:会)?): at a position the engine follows one branch
    instead of trying every word, and like a longest-first alternation it finds the longest
    word there, and backtracks to the shorter ones in the same order ("" for no words)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie, escape)


def _trie_pattern(node: dict[str, dict], escape: Callable[[str], str]) -> str:
    """A trie node's pattern: its branches, optional (tried first, greedily) where a word ends."""
    branches = [escape(char) + _trie_pattern(child, escape) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=32)
def reversed_words(words: tuple[str, ...]) -> AhoCorasick:
    """The words reversed, as an Aho-Corasick automaton (``reversed_lists``), built once per
    word list, as a DFA: the entity lists' overlapping pass costs a fifth less than on the NFA
    the library picks for them (the same matches in the same order)."""
    reversed_ = [word[::-1] for word in words]
    return AhoCorasick(reversed_, matchkind=MatchKind.Standard, implementation=Implementation.DFA)


@lru_cache(maxsize=32)
def reversed_lists(lists: tuple[tuple[str, ...], ...]) -> tuple[AhoCorasick, tuple[int, ...]]:
    """``reversed_words`` of several lists in one automaton, and the list each of its words
    comes from (a word in two lists is in it twice), built once per tuple of lists."""
    owners = tuple(which for which, words in enumerate(lists) for _ in words)
    return reversed_words(tuple(word for words in lists for word in words)), owners


_MOST_LISTS = 62  # ``longest_in_lists``'s lists: the bits of a C integer below its sign


def longest_in_lists(
    scan: tuple[AhoCorasick, tuple[int, ...]], count: int, view: str
) -> list[list[tuple[int, int]]]:
    """For each of the ``count`` lists of ``reversed_lists``, the longest word starting at
    each position (as ``regex``'s ``overlapped=True`` finds a trie's words), from one pass
    over the reversed view, where a
    word starting at a position ends there: the matches come by end, the longest first
    whatever their list, so a list's first match at an end is its longest there. The view's
    conversion to UTF-8 and the pass are most of a scan's cost, paid once for all the lists.
    The lists that matched at the current end are bits of one integer (compiled, a C integer,
    where a list of the last end per list cost an object compare and store a match)."""
    if count > _MOST_LISTS:
        raise ValueError(f"{count} lists: one scan takes at most {_MOST_LISTS}")
    automaton, owners = scan
    size = len(view)
    found: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    at_end, matched = -1, 0
    for index, start, end in automaton.find_matches_as_indexes(view[::-1], overlapping=True):
        if end != at_end:
            at_end, matched = end, 0
        which = owners[index]
        if not matched >> which & 1:
            matched |= 1 << which
            found[which].append((size - end, size - start))
    for spans in found:
        spans.reverse()
    return found


class ViewWords(NamedTuple):
    """The longest word of each list starting at each position of a view, found for the
    places, the organisations and the people in one scan (``EntityLexicon.view_words``)."""

    org_suffixes: list[tuple[int, int]]
    org_nonwords: list[tuple[int, int]]
    place_nonwords: list[tuple[int, int]]
    provinces: list[tuple[int, int]]
    admin_suffixes: list[tuple[int, int]]
    stops: list[tuple[int, int]]  # as ``leftmost`` reads them: words that cut names
    roles: list[tuple[int, int]]  # and posts
    person_titles: list[tuple[int, int]]  # and person words (同志, 先生)


def leftmost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What a trie pattern's ``finditer`` finds, from the longest word at each start
    (``ViewWords``): from the leftmost start, the longest word there, then on from its end."""
    found, cursor = [], 0
    for start, end in spans:
        if start >= cursor:
            found.append((start, end))
            cursor = end
    return found


@dataclass(frozen=True, eq=False)
class EntityLexicon:
    """The word lists, loaded once per rules directories (``load_entity_lexicon``): compared
    and hashed as that one object, a key of the caches of work done with it, not by its
    hundreds of words."""

    org_suffixes: tuple[str, ...]
    org_generic: frozenset[str]
    roles: tuple[str, ...]
    person_titles: tuple[str, ...]
    surnames: frozenset[str]
    admin_suffixes: tuple[str, ...]
    provinces: tuple[str, ...]
    stops: frozenset[str]
    place_nonwords: tuple[str, ...]
    name_nonwords: frozenset[str]
    org_nonwords: tuple[str, ...]
    group_suffixes: frozenset[str]
    group_stops: frozenset[str]
    org_generic_leads: tuple[str, ...]  # str.startswith takes a tuple
    org_named_alone: frozenset[str]
    after_name: tuple[str, ...]  # str.startswith takes a tuple
    address_titles: frozenset[str]

    @cached_property
    def org_reach(self) -> int:
        """How far back a suffix or non-word holding a position may start."""
        return max(map(len, self.org_suffixes + self.org_nonwords))

    @cached_property
    def org_suffix_set(self) -> frozenset[str]:
        """The suffix words as a set: whether a name is one is asked of every candidate."""
        return frozenset(self.org_suffixes)

    @cached_property
    def org_generic_leads_by_size(self) -> tuple[tuple[int, frozenset[str]], ...]:
        """The generic leads as a set per length: whether a name starts with one is a look-up
        of its first characters per length, not a test of every lead (asked of every
        candidate)."""
        sizes = sorted({len(lead) for lead in self.org_generic_leads})
        return tuple(
            (size, frozenset(lead for lead in self.org_generic_leads if len(lead) == size))
            for size in sizes
        )

    @cached_property
    def province_set(self) -> frozenset[str]:
        """The provinces as a set: whether a place is one is asked of every place found."""
        return frozenset(self.provinces)

    @cached_property
    def longer_admin_suffixes(self) -> dict[str, tuple[str, ...]]:
        """Each administrative suffix's longer suffixes ending in it (区: 社区, 自治区)."""
        return {
            short: tuple(
                w for w in self.admin_suffixes if len(w) > len(short) and w.endswith(short)
            )
            for short in self.admin_suffixes
        }

    @cached_property
    def role_re(self) -> re.Pattern[str]:
        return word_trie(self.roles)

    @cached_property
    def _view_scan(self) -> tuple[AhoCorasick, tuple[int, ...]]:
        return reversed_lists(tuple(tuple(getattr(self, name)) for name in ViewWords._fields))

    def view_words(self, view: str) -> ViewWords:
        """``ViewWords`` of a view: the eight lists' words in one automaton, one pass (a pass
        per list, on automata or, for the rarer provinces and administrative suffixes, as trie
        patterns on `re`, cost about three times as much)."""
        return ViewWords(*longest_in_lists(self._view_scan, len(ViewWords._fields), view))

    @cached_property
    def stop_re(self) -> re.Pattern[str]:
        return word_trie(tuple(self.stops))


@lru_cache(maxsize=32)
def word_trie(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words as a trie pattern (``_alternation``), compiled once per word list."""
    return _alternation(words)


def load_entity_lexicon(extra_dirs: Sequence[Path] = ()) -> EntityLexicon:
    """The shipped word lists, each extended by the same file in every ``--rules`` directory
    (asked for hundreds of times a batch, by the stage and the repairs: no directories cost no
    generator, and ``map`` is cheaper than one)."""
    return _load(tuple(map(Path, extra_dirs)) if extra_dirs else ())


@lru_cache(maxsize=16)
def _load(extra_dirs: tuple[Path, ...]) -> EntityLexicon:
    directories = (default_rules_dir(), *extra_dirs)
    w = {name: _words(name, directories) for name in NAMES}
    return EntityLexicon(
        org_suffixes=w["org_suffixes"],
        org_generic=frozenset(w["org_generic"]),
        roles=w["roles"],
        person_titles=w["person_titles"],
        surnames=frozenset(w["surnames"]),
        admin_suffixes=w["admin_suffixes"],
        provinces=w["provinces"],
        stops=frozenset(w["entity_stops"]),
        place_nonwords=w["place_nonwords"],
        name_nonwords=frozenset(w["name_nonwords"]),
        org_nonwords=w["org_nonwords"],
        group_suffixes=frozenset(w["group_suffixes"]),
        group_stops=frozenset(w["group_stops"]),
        org_generic_leads=w["org_generic_leads"],
        org_named_alone=frozenset(w["org_named_alone"]),
        after_name=w["after_name"],
        address_titles=frozenset(w["address_titles"]),
    )
