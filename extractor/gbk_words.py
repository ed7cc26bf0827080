"""The dictionary's words as tables by character, made once a process for the search's choices.

After a character, the characters that make a known pair with it (a dictionary word, the end
of a longer one, or a pair of running text: ``Scorer.is_known``), each list one string searched
in C; and the likeliest two-character words it starts, as the GBK characters that complete them
(a lost byte is usually filled inside a word). ``gbk_candidates`` reads both for every slot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from extractor.gbk import table, two_bytes
from extractor.lm import LanguageModel, language_model
from extractor.running_text import RunningPairs

SUCCESSORS = 40  # two-character words tried after a known character, likeliest first


@lru_cache(maxsize=2)
def pair_follow(model: LanguageModel, running: RunningPairs) -> dict[str, str]:
    """For each character, those that make a known pair after it (``Scorer.is_known``): the
    dictionary's (``known_follow``) and running text's."""
    follow = dict(known_follow(model))
    for first, seconds in running.follow.items():
        follow[first] = follow.get(first, "") + seconds
    return follow


@lru_cache(maxsize=2)
def pair_ends(model: LanguageModel, running: RunningPairs) -> frozenset[str]:
    """The characters some pair the model or running text knows ends in (``Scorer.is_known``):
    a pair ending in any other is neither, so ``gbk_rivals`` tests it against the page alone
    (kept once a process, about 20 ms)."""
    return frozenset("".join(pair_follow(model, running).values()))


@lru_cache(maxsize=2)
def known_follow(model: LanguageModel) -> dict[str, str]:
    """For each character, those that make a dictionary word with it or end a longer one
    after it, as one string (a set per character would hold 200,000 strings; grouped in one
    pass, not sorted: a third faster to build, and only asked whether a character is in it)."""
    follow = dict(_word_follow(model))
    for first, seconds in _grouped(model.long_word_tails).items():
        follow[first] = follow.get(first, "") + seconds
    return follow


@lru_cache(maxsize=2)
def _word_follow(model: LanguageModel) -> dict[str, str]:
    """For each character, the second characters of the two-character words it starts, as one
    string (each once): half of what ``known_follow`` lists, all ``_word_starts`` ranks."""
    return _two_character_words(model)[0]


@lru_cache(maxsize=2)
def _two_character_words(model: LanguageModel) -> tuple[dict[str, str], dict[str, list[float]]]:
    """``_word_follow``, and the log-probability of each word it lists, in its order (found
    in the same pass: ``_word_starts`` then needs no lookup of a word per follower)."""
    seconds: dict[str, list[str]] = defaultdict(list)
    logprobs: dict[str, list[float]] = defaultdict(list)
    for word, logprob in model.words.items():
        if len(word) == 2:
            seconds[word[0]].append(word[1])
            logprobs[word[0]].append(logprob)
    return {first: "".join(found) for first, found in seconds.items()}, dict(logprobs)


def _grouped(pairs: Iterable[str]) -> dict[str, str]:
    follow: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        follow[pair[0]].append(pair[1])
    return {first: "".join(seconds) for first, seconds in follow.items()}


def successors(previous: str) -> tuple[list[float], list[str], list[str], bytes, bytes]:
    """The GBK characters whose Simplified form follows ``previous`` in its likeliest
    two-character dictionary words (``_word_starts``), not in order (a slot keeps few of
    them: ``gbk_completions._completing`` orders those): the log-probability of each one's
    word, the characters and their forms (lists: read by place, no string made), and their
    lead bytes and trail bytes, each in one string (no tuple a character: a page asks for
    hundreds of characters' pools)."""
    logprobs: list[float] = []
    chars: list[str] = []
    forms: list[str] = []
    encoded: list[bytes] = []
    if previous:
        scores, seconds = _word_starts(previous)
        for place in range(len(scores)):
            own, form, pairs = _encoded(ord(seconds[place]))  # no string made compiled
            logprob = scores[place]
            for char in own:  # one a character (most forms have one): appended, not extended
                logprobs.append(logprob)
                chars.append(char)
                forms.append(form)
            encoded.append(pairs)
    joined = b"".join(encoded)  # sliced in C, not a byte at a time
    return logprobs, chars, forms, joined[::2], joined[1::2]


def _word_starts(previous: str) -> tuple[list[float], str]:
    """The ``SUCCESSORS`` likeliest two-character words ``previous`` starts, as their
    log-probabilities and second characters, in no order (``gbk_completions._completing``
    orders the few it keeps): only those are tried. Found among the characters
    ``_word_follow`` lists after it when first asked (``gbk_candidates`` keeps them), not
    sorted for every character at start-up (all of them took 17 MB); no pair made for a word
    (a character with few words gives its lists as they are)."""
    follow, logprobs = _two_character_words(language_model())
    seconds, scores = follow.get(previous, ""), logprobs.get(previous, [])
    if len(scores) <= SUCCESSORS:
        return scores, seconds
    # those that can be among the likeliest: a sort of floats is cheaper than of pairs
    cut, kept, found, tied = sorted(scores, reverse=True)[SUCCESSORS - 1], [], [], []
    for place in range(len(scores)):  # a character made only for those kept
        score = scores[place]  # a C double compiled, as ``cut`` is
        if score > cut:
            kept.append(scores[place])
            found.append(seconds[place])
        elif score == cut:
            tied.append(seconds[place])
    # ties at the cut: the last characters first, as words sort (characters sort in C)
    tied.sort(reverse=True)
    tied = tied[: SUCCESSORS - len(found)]
    return kept + [cut] * len(tied), "".join(found + tied)


# ``_encoded_forms`` of each form asked, by its code point, kept for the process: a place a
# BMP code point (half a megabyte), read in C where a dict hashed a new int for each of the
# forty forms ``successors`` asks for a character
_KEPT_FORMS = 0x10000
_ENCODED: list[tuple[tuple[str, ...], str, bytes] | None] = [None] * _KEPT_FORMS


def _encoded(point: int) -> tuple[tuple[str, ...], str, bytes]:
    """``_encoded_forms`` of the form of code point ``point``, kept in ``_ENCODED`` (the few
    forms outside the BMP are found again each time)."""
    if point >= _KEPT_FORMS:
        return _encoded_forms(chr(point))
    found = _ENCODED[point]
    if found is None:
        found = _ENCODED[point] = _encoded_forms(chr(point))
    return found


def _encoded_forms(form: str) -> tuple[tuple[str, ...], str, bytes]:
    """The GBK characters of a Simplified form that have two bytes, in table order, the form,
    and their bytes one pair after the other."""
    chars, pairs = [], []
    for char in _by_simplified().get(form, ()):
        encoded = two_bytes(char)
        if encoded is not None:
            chars.append(char)
            pairs.append(encoded)
    return tuple(chars), form, b"".join(pairs)


@lru_cache(maxsize=1)
def _by_simplified() -> dict[str, tuple[str, ...]]:
    """GBK characters by their Simplified form, in table order; tuples, as most forms have one
    character."""
    forms: dict[str, list[str]] = {}
    for char, form in table().simplified.items():
        forms.setdefault(form, []).append(char)
    return {form: tuple(chars) for form, chars in forms.items()}
