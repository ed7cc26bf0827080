"""What the People's Daily's segmented, tagged month says, counted (``running_text`` caches it).

Pairs of Han characters side by side and the characters alone (``count_text``), the characters
written as words of their own (``count_alone``), runs of three characters written more often
than their pairs predict (``count_phrases``), the last characters of the nouns each classifier
counts (``count_counted``) and the characters of surnames and given names (``name_affinity``):
each a pass over the corpus' text, made once and cached by ``running_text``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from extractor.lm import is_han

# Pairs seen fewer times say little (a name, a misprint) and cost memory: 2 keeps 110,000 pairs.
MIN_PAIR_COUNT = 2
# A seen pair's count is discounted before its PMI: a pair of rare characters seen twice is
# no proof of a strong bond (tried 0, 0.5, 1.5: alike).
DISCOUNT = 0.5
# Runs of three characters seen fewer times say little and cost memory: 3 keeps 97,000 of
# 871,000 (those written more often than their pairs predict; about 14 MB), 2 kept 186,000
# (27 MB) and restored the same on dev seeds 11-13.
MIN_PHRASE_COUNT = 3
_PHRASE_CHARS = re.compile(r"[\u3400-\u9fff，。、：；“”（）《》]{3}")
_TAG = re.compile(r"/[A-Za-z]+")


@dataclass(frozen=True)
class StandingAlone:
    """How often running text writes each Han character as a word of its own: the tokens of
    one character of a segmented corpus, and how many tokens it has in all (0: no corpus)."""

    counts: dict[str, int]
    tokens: int


def count_alone(text: str) -> StandingAlone:
    """The Han characters that are tokens of their own in segmented, tagged text (``word/tag``
    separated by spaces), and the number of its tokens."""
    tokens = [token.rpartition("/")[0] for token in text.split()]
    alone = Counter(token for token in tokens if len(token) == 1 and is_han(token))
    return StandingAlone(dict(alone), len(tokens))


def count_text(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """Han characters and pairs of Han characters next to each other in segmented, tagged text
    (``word/tag`` separated by spaces, a sentence or paragraph a line), the pairs seen at least
    MIN_PAIR_COUNT times."""
    plain = _plain(text)
    chars = {char: count for char, count in Counter(plain).items() if is_han(char)}
    pairs = Counter(map(str.__add__, plain, plain[1:]))
    kept = {
        pair: count
        for pair, count in pairs.items()
        if count >= MIN_PAIR_COUNT and pair[0] in chars and pair[1] in chars
    }
    return chars, kept


def _plain(text: str) -> str:
    """Segmented, tagged text as it was written: tags and the spaces between words dropped."""
    return _TAG.sub("", text).replace(" ", "").replace("\u3000", "")


def count_phrases(text: str) -> dict[str, float]:
    """Runs of three characters (Han or common marks) of segmented, tagged text, read as
    plain lines, seen at least MIN_PHRASE_COUNT times and more often than their two pairs
    predict: log of how much more (discounted as pairs are)."""
    plain = _plain(text)
    runs: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for line in plain.splitlines():
        runs.update(line[i : i + 3] for i in range(len(line) - 2))
        pairs.update(line[i : i + 2] for i in range(len(line) - 1))
        chars.update(line)
    found = {}
    for run, count in runs.items():
        if count >= MIN_PHRASE_COUNT and _PHRASE_CHARS.fullmatch(run):
            ratio = (count - DISCOUNT) * chars[run[1]] / (pairs[run[:2]] * pairs[run[1:]])
            if ratio > 1:
                found[run] = math.log(ratio)
    return found


def count_counted(text: str) -> dict[str, float]:
    """For each classifier of segmented, tagged text (a numeral, a classifier of one character,
    then a noun: 五/m 所/q 学校/n) and each last character of the nouns it counts, seen at
    least MIN_PAIR_COUNT times, how much likelier that character is there than in the text at
    large (PMI, discounted as pairs are; positive ones only), keyed by the character and the
    classifier (校所)."""
    counted: Counter[str] = Counter()
    for line in text.splitlines():
        tokens = [token.rpartition("/") for token in line.split()]
        for (_, _, numeral), (unit, _, tag), (noun, _, kind) in zip(
            tokens, tokens[1:], tokens[2:], strict=False
        ):
            if numeral == "m" and tag == "q" and len(unit) == 1 and kind.startswith("n"):
                counted[noun[-1] + unit] += 1
    chars = Counter(_plain(text))
    units: Counter[str] = Counter()
    for key, count in counted.items():
        units[key[1]] += count
    log_total = math.log(sum(count for char, count in chars.items() if is_han(char)))
    found = {}
    for key, count in counted.items():
        if count >= MIN_PAIR_COUNT and is_han(key[0]):
            pmi = math.log((count - DISCOUNT) / (units[key[1]] * chars[key[0]])) + log_total
            if pmi > 0:
                found[key] = pmi
    return found


def name_affinity(text: str, chars: dict[str, int]) -> dict[str, tuple[float, float]]:
    """For each Han character, how much likelier it is as a surname and as a given-name
    character than in running text at large (PMI, discounted as pairs are; only positive ones
    kept, 0 for the other role). The corpus tags both parts of a name ``nr`` (江/nr 泽民/nr):
    a one-character ``nr`` before another ``nr`` is a surname, the characters of that other
    one are given-name characters."""
    surnames: Counter[str] = Counter()
    given: Counter[str] = Counter()
    for line in text.splitlines():
        tokens = [token.rpartition("/") for token in line.split()]
        for (first, _, tag), (then, _, next_tag) in pairwise(tokens):
            if tag == "nr" == next_tag and len(first) == 1:
                surnames[first] += 1
                given.update(then)
    log_total = math.log(sum(chars.values()))
    found: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for index, counts in enumerate((surnames, given)):
        log_role = math.log(max(1, sum(counts.values())))
        for char, count in counts.items():
            if count >= MIN_PAIR_COUNT and char in chars:
                pmi = math.log((count - DISCOUNT) / chars[char]) + log_total - log_role
                if pmi > 0:
                    found[char][index] = pmi
    return {char: (pmis[0], pmis[1]) for char, pmis in found.items()}
