"""A small language model of Chinese text built only from data shipped in packages.

jieba ships a dictionary of about 350,000 Simplified words with corpus frequencies. From it we
take word log-probabilities (for scoring a whole candidate by its best segmentation, as jieba
does) and character unigram counts (for spotting characters that rarely occur in real text).
Text is scored in Simplified script: callers pass the matching view, never the Traditional text.
jieba counts many rare characters as words of their own far more often than running text writes
them so (髓, 炯, 径: bound in 骨髓, 炯炯, 途径), and then a rare character alone beats the
word a lost byte sat in (共建髓经费 for 共建所需经费): a character's price alone is lowered by
how much less often the People's Daily writes it alone (``running_text.standing_alone``).
The model is loaded once, on first use, and only when some text needs it.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING

from extractor.dictionary import dictionary

if TYPE_CHECKING:
    from extractor.running_counts import StandingAlone

MAX_WORD = 4  # longer dictionary words add little to telling repairs apart, and cost time
NON_HAN_LOGPROB = -9.0  # punctuation and digits: neither help nor hurt a candidate much
STRAY_LOGPROB = -20.0  # a stray Latin letter, ? or odd symbol in Chinese text is itself suspect
STRAY_MARKS = frozenset("?@[\\]^_`{|}~")  # what a lost byte leaves; rare in Chinese text
COMMON_PUNCTUATION = frozenset("，。、：；！？“”‘’（）《》—…·「」『』〔〕")
# Punctuation marks are among the commonest tokens of Chinese text (， about one in twenty,
# 。 and 、 one in thirty to seventy), which jieba's word list leaves out. One share for all:
# which mark stood where is for the context and the page's own habits to say.
PUNCTUATION_LOGPROB = -4.5
# Every token pays this on top of its log-probability: jieba's counts make a common character
# alone (人, 个, 其) nearly as cheap as the word a lost byte sat in (关系 read as 关人); the
# price favours readings in fewer, longer words. Tuned on simulated damage (0, 2, 4, 7 nats).
TOKEN_COST = 2.0
# A heading's line end where the text after it would otherwise be read on after a comma: a
# mark like the comma to the word model (``gbk_swallowed.SwallowedPriors.form``); a Unicode
# noncharacter, which text does not use (a page that holds one still reads as before).
HEADING_END = "\ufdd0"
PUNCTUATION = frozenset("，。、：；“”（）《》,:;()" + HEADING_END)
# How many tokens' worth of belief jieba's count of a character alone gets against running
# text's (a gamma prior of this shape): the People's Daily's month has a million tokens, so
# 5 lets a character jieba expects there 5 times and that it never writes alone lose log 2 nats,
# and one it expects 0.1 times almost nothing. Tuned on simulated damage (dev seeds 11-13:
# 1, 2, 5, 10 → +5, +9, +9, +6 restored of 4,522).
ALONE_PRIOR = 2.0


class LanguageModel:
    """Word unigram model for scoring, character counts for rarity (in slots: the searches
    read ``words`` and ``long_word_tails`` of it thousands of times a page)."""

    __slots__ = (
        "_log_total",
        "_unknown",
        "_word_logprob",
        "char_counts",
        "long_word_tails",
        "words",
    )

    def __init__(
        self,
        word_counts: dict[str, int],
        total: int | None = None,
        alone: StandingAlone | None = None,
    ) -> None:
        """Words with count 0 (the prefixes in jieba's table) are left out; ``alone``: how
        often running text writes each character alone (``_alone_shortfall``; none: jieba's
        counts as they are)."""
        total = total or sum(word_counts.values())
        self._log_total = math.log(total)
        # one float per distinct count: 350,000 words share a few thousand values
        logprobs = {
            count: math.log(count) - self._log_total - TOKEN_COST
            for count in set(word_counts.values())
            if count
        }
        self.words = self._word_logprob = {
            word: logprobs[count] for word, count in _listed(word_counts) if len(word) <= MAX_WORD
        }
        # a prefix (count 0) adds nothing: its characters are its word's, counted before it
        self.char_counts: dict[str, int] = {}
        for word, count in _listed(word_counts):
            for char in word:
                self.char_counts[char] = self.char_counts.get(char, 0) + count
        # the last two characters of every longer word: a text ending in any other pair can
        # only end in a word of two characters (the beam search asks this a million times)
        self.long_word_tails = frozenset(word[-2:] for word in self.words if len(word) > 2)
        # An unknown character costs as much as the rarest word the dictionary knows, less 3.
        self._unknown = min(self._word_logprob.values()) - 3.0
        if alone is not None and alone.tokens:
            for char, count in _listed(word_counts):
                if len(char) == 1 and is_han(char):
                    self.words[char] += _alone_shortfall(char, count / total, alone)

    def char_logprob(self, char: str) -> float:
        """How likely a single character is on its own, as a one-character token."""
        if is_han(char):
            return self._word_logprob.get(char, self._unknown)
        return _non_han_logprob(char) - TOKEN_COST

    def word_logprob(self, word: str) -> float | None:
        """Log-probability of a dictionary word, None if the dictionary does not list it."""
        return self._word_logprob.get(word)

    def score(self, text: str) -> float:
        """Log-probability of the best segmentation of ``text`` into dictionary words."""
        return _best_segmentation(self, text)

    def is_rare(self, char: str, threshold: int) -> bool:
        return is_han(char) and self.char_counts.get(char, 0) < threshold


@lru_cache(maxsize=4096)
def _non_han_logprob(char: str) -> float:
    """A mark's, a digit's or a letter's log-probability as a token, before TOKEN_COST (kept:
    a page's few dozen are asked for thousands of times)."""
    if char in PUNCTUATION or char.isdigit():  # numbers are as common
        return PUNCTUATION_LOGPROB
    if char.isascii():
        stray = char.isalpha() or char in STRAY_MARKS
        return STRAY_LOGPROB if stray else NON_HAN_LOGPROB
    common = char in COMMON_PUNCTUATION or is_list_marker(char)
    return NON_HAN_LOGPROB if common else STRAY_LOGPROB


def _best_segmentation(model: LanguageModel, text: str) -> float:
    """``LanguageModel.score``: at each character, the best of it alone (``char_logprob``, a
    Han character's looked up here) and of each word ending there (one of three or four
    characters only after a pair that ends one: ``long_word_tails``); in C doubles when
    compiled (``lm.pxd``: a page's likely starts score a few thousand characters)."""
    words, unknown, tails = model.words, model._unknown, model.long_word_tails
    best = array("d", bytes(8 * (len(text) + 1)))  # the best score of each prefix
    for end in range(1, len(text) + 1):
        char = text[end - 1]
        if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":  # is_han
            found = words.get(char)
            single = unknown if found is None else found
        else:  # ``char_logprob``'s, not asked again whether it is Han
            single = _non_han_logprob(char) - TOKEN_COST
        candidate = best[end - 1] + single
        for length in range(2, min(MAX_WORD, end) + 1):
            word = text[end - length : end]
            found = words.get(word)
            if found is not None:
                logprob = found  # a C double compiled: the sum below is one
                if best[end - length] + logprob > candidate:
                    candidate = best[end - length] + logprob
            if length == 2 and word not in tails:
                break  # no longer word ends in this pair
        best[end] = candidate
    return best[len(text)]


def is_list_marker(char: str) -> bool:
    """①–⑩, ⑴–⑽, ⒈–⒑: how lists are numbered. ⒖ or ⑱ in running text is far likelier a
    garbled pair (、 = a1 a2 and 將 = 8c a2 end in a2, the row of these symbols)."""
    code = ord(char)
    return 0x2460 <= code <= 0x2469 or 0x2474 <= code <= 0x247D or 0x2488 <= code <= 0x2491


def _alone_shortfall(char: str, share: float, alone: StandingAlone) -> float:
    """How much less likely a character is as a word of its own than its share of jieba's
    tokens says, as running text has it (a log ratio, 0 when running text writes it alone as
    often or more): the mean of a gamma prior of ALONE_PRIOR tokens' worth at jieba's share,
    updated by the corpus' count of it alone among its tokens."""
    expected = share * alone.tokens
    seen = alone.counts.get(char, 0)
    return min(0.0, math.log((ALONE_PRIOR + seen) / (ALONE_PRIOR + expected)))


def _listed(word_counts: dict[str, int]) -> Iterator[tuple[str, int]]:
    """The words with a count, the prefixes (one key in three) skipped in C."""
    return compress(word_counts.items(), word_counts.values())


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    """The model over jieba's dictionary, built on first use from the copy jieba cuts with,
    its characters alone priced by running text as well."""
    from extractor.running_text import standing_alone  # which imports this module's is_han

    words = dictionary()
    return LanguageModel(words.counts, words.total, standing_alone())
