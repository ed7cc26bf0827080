"""Word lists of the entities stage (rules/lexicon/*.txt), loaded once and compiled."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind

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


def overlapped(pattern: re.Pattern[str], view: str) -> list[tuple[int, int]]:
    """The longest word starting at each position, as ``regex``'s ``overlapped=True`` finds
    them: each search starts one past the last word's start, so the engine skips the positions
    where no word starts (was one ``match`` call at every position inside a word)."""
    found = []
    search = pattern.search
    match = search(view)
    while match:
        span = match.span()
        found.append(span)
        match = search(view, span[0] + 1)
    return found


@lru_cache(maxsize=32)
def reversed_words(words: tuple[str, ...]) -> AhoCorasick:
    """The words reversed, as an Aho-Corasick automaton for ``longest_words``, built once per
    word list."""
    return AhoCorasick([word[::-1] for word in words], matchkind=MatchKind.Standard)


def longest_words(automaton: AhoCorasick, view: str) -> list[tuple[int, int]]:
    """What ``overlapped`` finds (the longest word starting at each position), from one pass of
    ``reversed_words``' automaton over the reversed view, where a word starting at a position
    ends there, and the matches come by end, the longest first. Pays on lists whose words the
    text holds often (organisation suffixes and non-words, place non-words); on rarer ones the
    view's conversion to UTF-8 costs more than a trie on ``re`` spends."""
    size, found, last = len(view), [], -1
    for _, start, end in automaton.find_matches_as_indexes(view[::-1], overlapping=True):
        if end != last:
            last = end
            found.append((size - end, size - start))
    found.reverse()
    return found


@dataclass(frozen=True)
class EntityLexicon:
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
    def longer_admin_suffixes(self) -> dict[str, tuple[str, ...]]:
        """Each administrative suffix's longer suffixes ending in it (区: 社区, 自治区)."""
        return {
            short: tuple(
                w for w in self.admin_suffixes if len(w) > len(short) and w.endswith(short)
            )
            for short in self.admin_suffixes
        }

    @cached_property
    def person_title_re(self) -> re.Pattern[str]:
        return re.compile("|".join(self.person_titles))

    @cached_property
    def role_re(self) -> re.Pattern[str]:
        return word_trie(self.roles)

    @cached_property
    def role_automaton(self) -> AhoCorasick:
        return leftmost_longest(self.roles)

    @cached_property
    def org_suffix_automaton(self) -> AhoCorasick:
        return reversed_words(self.org_suffixes)

    @cached_property
    def stop_re(self) -> re.Pattern[str]:
        return word_trie(tuple(self.stops))

    @cached_property
    def stop_automaton(self) -> AhoCorasick:
        return leftmost_longest(tuple(self.stops))

    @cached_property
    def province_re(self) -> re.Pattern[str]:
        return word_trie(self.provinces)

    @cached_property
    def admin_suffix_re(self) -> re.Pattern[str]:
        return word_trie(self.admin_suffixes)

    @cached_property
    def place_nonword_automaton(self) -> AhoCorasick:
        return reversed_words(self.place_nonwords)

    @cached_property
    def org_nonword_automaton(self) -> AhoCorasick:
        return reversed_words(self.org_nonwords)


@lru_cache(maxsize=32)
def word_trie(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words as a trie pattern (``_alternation``), compiled once per word list."""
    return _alternation(words)


@lru_cache(maxsize=32)
def word_automaton(words: tuple[str, ...]) -> AhoCorasick:
    """The words as an Aho-Corasick automaton (``find_matches_as_indexes`` gives each word's
    index in ``words``), built once per word list."""
    return AhoCorasick(words, matchkind=MatchKind.Standard)


@lru_cache(maxsize=32)
def leftmost_longest(words: tuple[str, ...]) -> AhoCorasick:
    """The words as an automaton that finds what ``word_trie``'s ``finditer`` finds: from the
    leftmost position where a word starts, the longest there, then on from its end."""
    return AhoCorasick(words, matchkind=MatchKind.LeftmostLongest)


def words_in(automaton: AhoCorasick, view: str) -> list[tuple[int, int]]:
    """The spans ``automaton`` (``leftmost_longest``) finds in ``view``, in order: a page-sized
    scan costs a third less than the trie pattern's on `re`, where many words start."""
    return [(start, end) for _, start, end in automaton.find_matches_as_indexes(view)]


def load_entity_lexicon(extra_dirs: Sequence[Path] = ()) -> EntityLexicon:
    """The shipped word lists, each extended by the same file in every ``--rules`` directory."""
    return _load(tuple(Path(d) for d in extra_dirs))


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
