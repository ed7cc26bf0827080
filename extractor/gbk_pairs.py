"""Incremental scores of a reading, a character at a time: the states and the page's pairs.

A ``State`` holds the last characters of a text and the best scores of its segmentations into
dictionary words up to each of them; ``_Pairs.extend`` appends a character, with what the
model and the page say about the pair it makes with the last (``_Pair``), kept per page by key
(``gbk_tables``). ``gbk_score.Scorer`` binds these to a page; ``gbk_search`` calls them.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted: its decorators change nothing
    from types import SimpleNamespace

    cython = SimpleNamespace(
        freelist=lambda size: lambda cls: cls, cclass=lambda cls: cls, compiled=False
    )

from extractor.gbk_keys import _CHAR_BITS, _CHAR_MASK, _MIX, _WORD
from extractor.gbk_page_costs import CHAR_CACHE, _never_written
from extractor.gbk_tables import (
    _COMPILED,
    PagePairs,
    _chars,
    _key,
    _new_table,
)
from extractor.lm import MAX_WORD, LanguageModel

if not cython.compiled:  # C functions and constants compiled (``gbk_pairs.pxd`` cimports them)
    from extractor.gbk_tables import _BMP, _bmp_char

DOCUMENT_BIGRAM_BONUS = 3.0  # a pair of characters the document uses elsewhere
DOCUMENT_REPEAT_BONUS = 3.0  # … times the log of how often it does
DOCUMENT_CAP = 12.0
STATE_CONTEXT = MAX_WORD - 1  # characters a state keeps, and scores before the last one
_CONTEXT_MASK = (1 << _CHAR_BITS * STATE_CONTEXT) - 1
_WIDTH = STATE_CONTEXT  # the same, as a C integer when compiled (``gbk_pairs.pxd``)
_NO_WORD = -math.inf  # the log-probability of no word, as a C double when compiled
# A table (``gbk_tables._Table``) of 2 ** _MEMO_BITS places at first for the pairs a page's
# search scores (``_Pairs.memo``): a page of the benchmark's has 680 on average, and a table
# that grew twice (~280,000 instructions a time) cost more than the larger one (~25,000 more)
_MEMO_BITS = 12
# The texts of three characters some dictionary word ends in (``_word_ends``): a bit each in
# 2 ** _ENDS_BITS, at the top bits of the text's key (``_key``) times _MIX (about 200,000
# texts: one in twenty of the others shares a bit, and is looked up)
_ENDS_BITS = 22
_PAIR_MASK = _CHAR_MASK << _CHAR_BITS | _CHAR_MASK  # the last two characters of a packed text
_NO_WORDS = (_NO_WORD, _NO_WORD)


# A search makes and drops States by the hundred thousand: the memory of 256 is kept for the
# next ones (a freelist), where each was allocated and freed (about 150 instructions) compiled.
# Cython reads this decorator in the .py only (in ``gbk_pairs.pxd`` it is ignored).
@cython.freelist(256)
@cython.cclass
class State:
    """An incremental best-segmentation score (``Scorer.extend``), in C fields when compiled
    (``gbk_pairs.pxd``: the search makes a hundred thousand of these a page, and a tuple of a
    string and a tuple of floats cost eight objects each). ``packed``: the last ``width``
    characters (at most STATE_CONTEXT), the last in the lowest bits (``_key``); ``score`` the
    best score of the text up to the last character, ``b2`` … ``b4`` up to the three before
    (only ``width`` + 1 of them are scores, the others -inf)."""

    __slots__ = ("b2", "b3", "b4", "packed", "score", "width")

    @property
    def best(self) -> tuple[float, ...]:
        """The scores kept, the last one last."""
        return (self.b4, self.b3, self.b2, self.score)[_WIDTH - self.width :]

    @property
    def last(self) -> str:
        """The last character, "" for none."""
        return chr((self.packed & _CHAR_MASK) - 1) if self.width else ""

    def lead(self, other: State) -> float:
        """How far this state's scores are above ``other``'s at most, both of full width
        (STATE_CONTEXT). Once both hold the same characters, any text appended to them adds
        the same to each score kept: this one's total stays at most this far above."""
        b4, b3, b2 = self.b4 - other.b4, self.b3 - other.b3, self.b2 - other.b2
        return max(b4, b3, b2, self.score - other.score)


def _state(packed: int, width: int, score: float, b2: float, b3: float, b4: float) -> State:
    new = State.__new__(State)
    new.packed = packed
    new.width = width
    new.score = score
    new.b2 = b2
    new.b3 = b3
    new.b4 = b4
    return new


START = _state(0, 0, 0.0, -math.inf, -math.inf, -math.inf)  # before any character


class _Pair:
    """What ``extend`` needs of a pair of characters on a page (``_Pairs.added``): the last
    character's own log-probability, the pair's as a word (-inf if none), how often the page
    uses it (``windowed`` of those uses inside the window ``Scorer.exclude_window`` leaves
    out), whether some longer dictionary word ends in it (most pairs end none: then the pair
    decides alone), and its bonus for fitting together in running text."""

    __slots__ = ("ends_longer", "fits", "in_document", "single", "windowed", "word")


class _Pairs:
    """A page's ``_Pair``s by key (``_key``), found once each; the texts ending in a longer
    word and those words; the pairs of the window ``Scorer.exclude_window`` leaves out. Its
    ``extend``, ``alone`` and ``run`` are the ``Scorer``'s (bound to it: a search calls them
    a million times a page, with no ``Scorer`` method in between). Both kept in ``_Table``s."""

    __slots__ = (
        "bigrams",
        "ends",
        "known",
        "logprob",
        "long_memo",
        "memo",
        "running",
        "singles",
        "tails",
        "window",
        "words",
        "written",
    )

    def __init__(
        self,
        model: LanguageModel,
        bigrams: PagePairs,
        running: dict[str, float],
        written: frozenset[str] | None,
    ) -> None:
        """``bigrams``: the page's pairs (``_page_pairs``), ``running``: each pair's bonus
        for fitting in running text, ``written``: the characters of the page (Simplified),
        None for a page of fewer than WORD_PAGE_CHARS (``one_unit``)."""
        self.memo = _new_table(_MEMO_BITS)  # by (key, 0): no key is 0
        self.long_memo = _new_table()  # by (packed, code): none packs no character
        self.window: dict[int, int] = {}
        self.words = model.words
        self.tails = model.long_word_tails
        self.ends = _word_ends(model)
        self.known = _known_pairs(model, running)
        self.logprob = shared_logprob(model)
        self.singles = _shared_singles(model)  # ``logprob``'s answers by code, for the process
        self.bigrams = bigrams
        self.running = running
        self.written = written

    def added(self, key: int, place: int, after: bool) -> _Pair:
        """The entry of a pair (of a single character, after none unless ``after``), kept by
        its key in the empty place ``place`` found for it."""
        found = _Pair.__new__(_Pair)
        found.single = self.single(key & _CHAR_MASK)
        found.word, found.ends_longer, found.fits = _NO_WORD, False, 0.0
        spot = _spot(key)  # a pair whose bit is not set no table knows: none is asked
        if not after or self.known[spot >> 6] >> (spot & 63) & 1:
            self._looked_up(found, key, after)
        found.in_document = self._page_uses(key, after)
        found.windowed = self.window.get(key, 0) if found.in_document else 0  # read if used
        self.memo.put(place, key, 0, found)
        return found

    def _looked_up(self, found: _Pair, key: int, after: bool) -> None:
        """What the model and running text say of the pair of ``found`` (of ``key``): its word,
        whether it ends a longer one, and its fit."""
        pair = _text_of(key, after)
        word = self.words.get(pair) if after else None
        if word is not None:
            weight = word  # a C double compiled: the sum made in C, no float object for it
            first, last = (key >> _CHAR_BITS) - 1, (key & _CHAR_MASK) - 1
            found.word = weight + self.one_unit(_char(first), _char(last))
        found.ends_longer = pair in self.tails
        found.fits = self.running.get(pair, 0.0)

    def _page_uses(self, key: int, after: bool) -> int:
        """How often the page writes the pair of ``key``: read by key compiled
        (``_PairCounts``), by the text interpreted (a ``Counter``)."""
        if _COMPILED:
            return self.bigrams.uses_of(key) if after else 0
        return self.bigrams.get(_text_of(key, after), 0)

    def single(self, code: int) -> float:
        """``logprob`` of the character of ``code`` (``_key``'s), kept in ``singles`` by its
        code: no string made and hashed (a character made from a key is a new one) and no call
        to the shared cache, but for a character not kept yet or outside the BMP."""
        if code > _BMP:
            return self.logprob(chr(code - 1))
        single = self.singles[code]
        if single != single:  # NaN: not asked yet
            single = self.singles[code] = self.logprob(_char(code - 1))
        return single

    def one_unit(self, first: str, second: str) -> float:
        """What a dictionary word of two characters the page writes neither of wins back of
        their ``unfamiliar`` costs (both filled characters: a shown one is on the page): the
        page is unfamiliar with one word, charged as its rarer character's cost alone
        (寒假 paid 寒's 3.3 and 假's 2.8 in slot priors, where a single 嘿 pays its 4.3 once).
        Nothing on a page of too few characters to be unfamiliar with a word (``written``
        None)."""
        written = self.written
        if written is None or first in written or second in written:
            return 0.0
        return min(_never_written(first), _never_written(second))

    def exclude(self, window: dict[int, int]) -> None:
        """The pairs of ``window`` (by key: ``_keyed``) counted out of the page's, in their
        entries: ``extend`` reads it there at each pair the page uses."""
        memo = self.memo
        for key in self.window:  # the last window's pairs count in full again
            entry = memo.entries[memo.place(key, 0)]
            if entry is not None:
                entry.windowed = 0
        for key, uses in window.items():
            entry = memo.entries[memo.place(key, 0)]
            if entry is not None:
                entry.windowed = uses
        self.window = window

    def longer(self, packed: int, width: int, code: int) -> tuple[float, float]:
        """``_longer`` of the ``width`` characters ``packed`` holds and the character of
        ``code`` (``_key``'s) after them, kept by those numbers: the text is made once. Most
        end no word of three or four (of 10,493 asks on 30 pages, 52 found one): those whose
        last three characters no word ends in (``_word_ends``) are answered at once."""
        spot = _spot((packed & _PAIR_MASK) << _CHAR_BITS | code)
        if not self.ends[spot >> 6] >> (spot & 63) & 1:
            return _NO_WORDS
        memo = self.long_memo  # the characters packed say how many they are
        place = memo.place(packed, code)
        found = memo.entries[place]
        if found is None:
            found = _longer(_chars(packed, width) + chr(code - 1), self.words)
            memo.put(place, packed, code, found)
        return found

    def extend(self, state: State, char: str) -> State:
        """``Scorer.extend``: the same sums in the same order as a segmentation of the text."""
        code = ord(char) + 1
        key = (state.packed & _CHAR_MASK) << _CHAR_BITS | code
        place = self.memo.place(key, 0)
        entry = self.memo.entries[place]
        if entry is None:
            entry = self.added(key, place, state.width > 0)
        candidate = state.score + entry.single
        if state.b2 + entry.word > candidate:
            candidate = state.b2 + entry.word
        if entry.ends_longer and state.width > 1:
            three, four = self.longer(state.packed, state.width, code)
            if state.b3 + three > candidate:  # -inf + -inf for no word is no candidate
                candidate = state.b3 + three
            if state.b4 + four > candidate:
                candidate = state.b4 + four
        packed = (state.packed << _CHAR_BITS | code) & _CONTEXT_MASK
        width = min(state.width + 1, _WIDTH)
        fits = entry.fits
        if entry.in_document:  # the page's pair, like running text's, whatever word follows
            fits += _document_bonus(entry.in_document - entry.windowed)
        if fits:  # every segmentation crosses the pair: each score kept gains its bonus
            score, b2, b3 = state.score + fits, state.b2 + fits, state.b3 + fits
            return _state(packed, width, candidate + fits, score, b2, b3)
        return _state(packed, width, candidate, state.score, state.b2, state.b3)

    def alone(self, state: State, char: str) -> State:
        """``Scorer.extend_alone``: ``char`` scores its own log-probability, alone."""
        return appended_alone(state, char, self.single(ord(char) + 1))

    def run(self, text: str, state: State = START) -> State:
        """``Scorer.run``: ``extend`` with each character of ``text`` in turn."""
        for char in text:
            state = self.extend(state, char)
        return state


def appended_alone(state: State, char: str, single: float) -> State:
    """``state`` with ``char`` appended, scoring ``single`` (its log-probability) alone: as
    ``_Pairs.alone``, for a caller that holds that log-probability already (a plan's
    ``singles`` hold ``shared_logprob``'s, as ``_Pairs.single`` does)."""
    code = ord(char) + 1
    packed = (state.packed << _CHAR_BITS | code) & _CONTEXT_MASK
    width = min(state.width + 1, _WIDTH)
    return _state(packed, width, state.score + single, state.score, state.b2, state.b3)


def _text_of(key: int, after: bool) -> str:
    """The characters of ``key`` (``_key``'s: a pair, or a single character after none unless
    ``after``)."""
    last = (key & _CHAR_MASK) - 1
    return _pair_text((key >> _CHAR_BITS) - 1, last) if after else _char(last)


def _pair_text(first: int, last: int) -> str:
    """The characters of two code points as one string. Compiled, allocated once and written
    in C: ``chr`` of each and their sum made three strings, about 600 instructions for each
    pair a page's search scores."""
    if not cython.compiled:
        return chr(first) + chr(last)
    text = PyUnicode_New(2, max(first, last))
    PyUnicode_WriteChar(text, 0, first)
    PyUnicode_WriteChar(text, 1, last)
    return text


def _char(code: int) -> str:
    """``chr(code)``, one string a BMP character for the process (``_bmp_char``): its hash is
    worked out once, where the characters of each new pair, made anew, were hashed again for
    each set and dictionary they were looked up in (about 300 instructions a character)."""
    return _bmp_char(code) if code < _BMP else chr(code)


if not cython.compiled:  # CPython's own functions, declared in gbk_pairs.pxd; compiled only
    PyUnicode_New = PyUnicode_WriteChar = None


def _spot(key: int) -> int:
    """Where a text of three characters, by its key (``_key``), has its bit in ``_word_ends``."""
    return (key * _MIX & _WORD) >> (64 - _ENDS_BITS)


@lru_cache(maxsize=2)
def _word_ends(model: LanguageModel) -> array[int]:
    """The bits (``_spot``) of the last three characters of the model's words of three and four
    characters, 64 to an integer: a text whose bit is not set ends no such word."""
    return _bits_of((model.words,), 3, True)


# ``_known_pairs``' bits, for the last model and running text's pairs asked (one of each a
# process): the model, the pairs, the bits
_KNOWN: list[object] = [None, None, None]


def _known_pairs(model: LanguageModel, running: dict[str, float]) -> array[int]:
    """The bits (``_spot``) of the pairs ``_Pairs.added`` may find known: the model's words of
    two characters, the last two of its longer ones and running text's pairs. Of the pairs a
    page's search scores, a third is none of these: no text is made for them, and none of
    the three tables is asked (about 800 instructions a pair)."""
    model_kept, running_kept, bits = _KNOWN
    if model_kept is model and running_kept is running:
        return bits
    bits = _bits_of((model.words, model.long_word_tails, running), 2, False)
    _KNOWN[:] = [model, running, bits]
    return bits


def _bits_of(groups: tuple[Iterable[str], ...], length: int, longer: bool) -> array[int]:
    """The bits (``_spot``) of the texts of ``groups`` of ``length`` characters (and of the
    last ``length`` of longer ones, if ``longer``), 64 to an integer."""
    found = array("Q", bytes(8 << (_ENDS_BITS - 6)))
    bits, one = found, 1  # a typed view and a 64-bit one when compiled (``gbk_pairs.pxd``)
    for texts in groups:
        for text in texts:
            if len(text) == length or (longer and len(text) > length):
                spot = _spot(_key(text[-length:]))
                bits[spot >> 6] |= one << (spot & 63)
    return found


def page_pair_bonus(pair_counts: PagePairs, pair: str) -> float:
    """The bonus of a Simplified pair for how often the page writes it (``pair_counts``: the
    page's pairs, ``gbk_tables._page_pairs``)."""
    return _document_bonus(pair_counts.get(pair, 0))


def _document_bonus(uses: int) -> float:
    """A pair the document uses elsewhere, more for one it repeats (reports repeat their
    terms: 支教 in a 支教 report), up to a cap."""
    if uses <= 0:
        return 0.0
    return _DOCUMENT_BONUSES[uses] if uses < len(_DOCUMENT_BONUSES) else DOCUMENT_CAP


def _uncapped_bonuses() -> tuple[float, ...]:
    """``_document_bonus`` for each count of uses below the first that reaches the cap (0
    for none), worked out once: ``extend`` asks for it at every pair of the page."""
    found = [0.0]
    while (bonus := DOCUMENT_BIGRAM_BONUS + DOCUMENT_REPEAT_BONUS * math.log(len(found))) < (
        DOCUMENT_CAP
    ):
        found.append(bonus)
    return tuple(found)


_DOCUMENT_BONUSES = _uncapped_bonuses()


def _longer(text: str, words: dict[str, float]) -> tuple[float, float]:
    """The log-probabilities of the dictionary words of three and of four characters ending
    ``text`` (-inf for none)."""
    three = four = _NO_WORD
    if len(text) >= 3:
        found = words.get(text[-3:])
        if found is not None:
            three = found
    if len(text) >= 4:
        found = words.get(text[-4:])
        if found is not None:
            four = found
    return three, four


@lru_cache(maxsize=2)
def _shared_singles(model: LanguageModel) -> array[float]:
    """The model's log-probability of each BMP character alone by code (``_Pairs.single``),
    kept across pages (a page asked the shared cache again for each of its characters): a
    place a code in an array of doubles, NaN for one not asked yet (half a megabyte; a hashed
    ``_Table`` cost about 200 instructions a lookup, 14,500 lookups on the benchmark's pages)."""
    return array("d", [math.nan]) * (_BMP + 1)


@lru_cache(maxsize=2)
def shared_logprob(model: LanguageModel) -> Callable[[str], float]:
    """The model's log-probability of each character alone, kept across documents."""
    return lru_cache(maxsize=CHAR_CACHE)(model.char_logprob)
