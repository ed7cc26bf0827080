"""Scoring readings of a damaged run in its document: the word model, the page's own usage.

A reading is scored left to right, one character at a time (``Scorer.extend``), by the best
segmentation of the Simplified view into dictionary words, plus a bonus for each pair of
characters the page writes elsewhere; a character filled into a lost byte also has a prior (its
reading beside the damage, the bytes assumed lost, the page's script, the page's habits after
a ``?``, which ``gbk_swallowed`` prices). ``gbk_search`` searches with these scores.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from operator import add
from typing import NamedTuple

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted: its decorators change nothing
    from types import SimpleNamespace

    cython = SimpleNamespace(freelist=lambda size: lambda cls: cls, cclass=lambda cls: cls)

from extractor.gbk import (
    HINT_MATCH,
    HINT_MISS,
    HINT_TONELESS,
    Slot,
    log_counts,
    table,
)
from extractor.gbk_names import name_bonus
from extractor.gbk_punctuation import OPENERS, misfit, weighs_marks
from extractor.gbk_swallowed import SwallowedPriors
from extractor.hmm_chars import rare_cost, rare_costs
from extractor.lm import HEADING_END, MAX_WORD, LanguageModel
from extractor.pinyin_table import characters_read_as
from extractor.running_text import RunningPairs, counted_fit, running_pairs
from extractor.views import single_forms, to_simplified

LOST_BYTE_COST = 0.0  # a lost byte's price is the word model's for the character filled in
DOCUMENT_BIGRAM_BONUS = 3.0  # a pair of characters the document uses elsewhere
DOCUMENT_REPEAT_BONUS = 3.0  # … times the log of how often it does
DOCUMENT_CAP = 12.0
# a character the page writes elsewhere after the two it shows before the slot (``Slot.written``)
PAGE_PHRASE_BONUS = 3.0
OTHER_SCRIPT_COST = 4.0  # a repair should read in the page's own script
OTHER_FORM_COST = 3.0  # … and in its script's usual form (tuned on simulated damage: 1.5, 3)
# A page converted to Traditional whole (of its characters with one form in each script, at
# most CONVERTED_SHARE Simplified: a damaged run's strays) cannot have held a Simplified
# character that any conversion turns (业 → 業, 经 → 經; not 发, 發 or 髮, which a crude one may
# leave): such a one costs CONVERTED_COST, whether or not the page writes its other form.
# Tuned on dev seeds 11-13 (8, 12, 20 nats).
CONVERTED_COST = 8.0
CONVERTED_SHARE = 0.1
# A page repeats its own characters (a cache model): a filled character the page writes fewer
# than FAMILIAR_USES times elsewhere costs UNFAMILIAR_COST times the log of how much fewer
# (2 log 4 = 2.8 nats for one it never writes); a word of two characters it writes neither of
# is unfamiliar once, as its rarer character (``_Pairs.one_unit``), on a page of at least
# WORD_PAGE_CHARS different characters: on a shorter one nearly every reading's characters are
# unwritten, and the refund would lift any reading of words over sound text (縣級IT部門).
# Tuned on simulated damage (the gate not: the same runs move without it).
UNFAMILIAR_COST = 2.0
FAMILIAR_USES = 3
WORD_PAGE_CHARS = 300
# … and more for a character seldom used in words at all (匡, 乖, 嘿 for 刊物, 攻堅, 寒假): a
# rare character turns up in the pages about it, not as a stray one elsewhere. Per nat its log
# count in jieba's words falls short of COMMON_LOG_COUNT (坚 10.1, 刊 8.9, 乖 7.8, 匡 6.7).
# Tuned on simulated damage (0.5 and 1 per nat; 10 and 11 nats).
COMMON_LOG_COUNT = 10.0
RARE_UNFAMILIAR_COST = 0.5
STATE_CONTEXT = MAX_WORD - 1  # characters a state keeps, and scores before the last one
CHAR_CACHE = 1 << 15  # characters whose own log-probability the searches keep
_DIGITS = re.compile(r"[0-9０-９]+")
_MARKS_AFTER_UNIT = frozenset("，。、：；,.:;")  # a unit and one of these after a figure

# A character's code point + 1 (0: none) in 21 bits; a state keeps STATE_CONTEXT of them.
_CHAR_BITS = 21
_CHAR_MASK = (1 << _CHAR_BITS) - 1
_CONTEXT_MASK = (1 << _CHAR_BITS * STATE_CONTEXT) - 1
_WIDTH = STATE_CONTEXT  # the same, as a C integer when compiled (``gbk_score.pxd``)
_NO_WORD = -math.inf  # the log-probability of no word, as a C double when compiled
# A page's tables (``_Table``): 2 ** _TABLE_BITS places at first, twice as many whenever one
# is half full; a key's first place is the top bits of the key times _MIX, modulo 2 ** 64
# (Fibonacci hashing: a key holds its last character in its low bits)
_TABLE_BITS = 10
_PAIR_BITS = 16  # … and at most 2 ** _PAIR_BITS at first for a page's pairs (``_PairCounts``)
# … and 2 ** _MEMO_BITS for the pairs a page's search scores (``_Pairs.memo``): a page of the
# benchmark's has 680 on average, and a table that grew twice (~280,000 instructions a time)
# cost more than the larger one (~25,000 more to make)
_MEMO_BITS = 12
_MIX = 0x9E3779B97F4A7C15
_WORD = (1 << 64) - 1
# The texts of three characters some dictionary word ends in (``_word_ends``): a bit each in
# 2 ** _ENDS_BITS, at the top bits of the text's key (``_key``) times _MIX (about 200,000
# texts: one in twenty of the others shares a bit, and is looked up)
_ENDS_BITS = 22
_PAIR_MASK = _CHAR_MASK << _CHAR_BITS | _CHAR_MASK  # the last two characters of a packed text
_NO_WORDS = (_NO_WORD, _NO_WORD)


# A search makes and drops States by the hundred thousand: the memory of 256 is kept for the
# next ones (a freelist), where each was allocated and freed (about 150 instructions) compiled.
# Cython reads this decorator in the .py only (in ``gbk_score.pxd`` it is ignored).
@cython.freelist(256)
@cython.cclass
class State:
    """An incremental best-segmentation score (``Scorer.extend``), in C fields when compiled
    (``gbk_score.pxd``: the search makes a hundred thousand of these a page, and a tuple of a
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


def _chars(packed: int, count: int) -> str:
    """The last ``count`` characters ``packed`` holds."""
    text = ""
    while count:
        text = chr((packed & _CHAR_MASK) - 1) + text
        packed >>= _CHAR_BITS
        count -= 1
    return text


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


class _Table:
    """Entries by a key of two C integers, the first never 0, in an open-addressed table: a
    key's first place, then the next after each one another key holds. A page's lookups by
    pairs of characters in a dictionary made Python integers and tuples of the keys and hashed
    them, about 380 instructions a lookup; here the keys are C integers when compiled (typed
    memoryviews of ``array('Q')``, ``gbk_score.pxd``)."""

    __slots__ = ("bits", "entries", "filled", "firsts", "seconds")

    def __init__(self, bits: int = _TABLE_BITS) -> None:
        self.bits, self.filled = bits, 0
        self.firsts = array("Q", bytes(8 << bits))  # 0: an empty place
        self.seconds = array("Q", bytes(8 << bits))
        self.entries: list[object] = [None] * (1 << bits)

    def place(self, first: int, second: int) -> int:
        """Where the key is, or the empty place it would take (``put``)."""
        # the arrays read in place: a typed local of each took a counted reference a call
        last = (1 << self.bits) - 1
        place = ((((first * _MIX) & _WORD) ^ second) * _MIX & _WORD) >> (64 - self.bits)
        while self.firsts[place] and (self.firsts[place] != first or self.seconds[place] != second):
            place = (place + 1) & last
        return place

    def put(self, place: int, first: int, second: int, entry: object) -> None:
        """Keep ``entry`` by its key in the empty place ``place`` found for it."""
        self.firsts[place], self.seconds[place], self.entries[place] = first, second, entry
        self.filled += 1
        if 2 * self.filled > len(self.entries):
            self._grown()

    def _grown(self) -> None:
        """The table with twice the places, each entry where ``place`` now puts it."""
        firsts, seconds, entries = self.firsts, self.seconds, self.entries
        self.bits += 1
        self.firsts = array("Q", bytes(8 << self.bits))
        self.seconds = array("Q", bytes(8 << self.bits))
        self.entries = [None] * (1 << self.bits)
        for old in range(len(entries)):
            if firsts[old]:
                new = self.place(firsts[old], seconds[old])
                self.firsts[new], self.seconds[new] = firsts[old], seconds[old]
                self.entries[new] = entries[old]


class _Entries(dict[int | tuple[int, int], object]):
    """A dictionary that gives None for a key it lacks, as ``_Table.entries`` does."""

    __slots__ = ()

    def __missing__(self, key: int | tuple[int, int]) -> None:
        return None


class _DictTable:
    """``_Table`` as the interpreter runs it: a dictionary by the key, the place being the
    key (the first integer alone for a key whose second is 0: no tuple made and hashed, as the
    page's pairs and characters are asked for). Probing a table in interpreted code costs more
    than a dictionary's lookup (30 pages in pure Python: 3,346 -> 3,665 million instructions
    with ``_Table``)."""

    __slots__ = ("entries",)

    def __init__(self, bits: int = _TABLE_BITS) -> None:
        self.entries = _Entries()  # ``bits`` aside: a dictionary grows as it needs

    def place(self, first: int, second: int) -> int | tuple[int, int]:
        return (first, second) if second else first

    def put(self, place: int | tuple[int, int], first: int, second: int, entry: object) -> None:
        self.entries[place] = entry


# ``_Table``'s C integers pay only in the compiled module (whose file is no ``.py``)
_COMPILED = not __file__.endswith(".py")
_new_table = _Table if _COMPILED else _DictTable


class _PairCounts:
    """The page's pairs of characters counted by key (``_key``) in a ``_Table``, as the
    compiled module counts them (``_page_pairs``): a ``Counter`` of two-character strings made
    and hashed a string for each pair of the page, about 850 instructions a pair. What the
    pairs are read and adjusted by, as a ``Counter`` answers: ``in``, ``get``, ``pop``,
    assignment and ``items``; a pair counted 0 (popped) is none. A pair with a digit is not
    counted (``_page_pairs`` would pop it); ``figure_ends``: where each run of digits ends."""

    __slots__ = ("figure_ends", "table")

    def __init__(self, view: str) -> None:
        # as many places as the view has characters (up to 2 ** _PAIR_BITS): most pages
        # write fewer than half as many different pairs, and the table grows for none
        bits = min(max(_TABLE_BITS, len(view).bit_length()), _PAIR_BITS)
        self.table = _Table(bits)
        self.figure_ends = _count_pairs(self.table, view)

    def _place(self, pair: str) -> int:
        """Where a pair of two characters is in ``table``, or the empty place it would take;
        -1 for a text of any other length (no pair)."""
        return self.table.place(_key(pair), 0) if len(pair) == 2 else -1

    def _uses(self, pair: str) -> int:
        """How often the page writes ``pair`` (0: never, or no pair)."""
        return self.uses_of(_key(pair)) if len(pair) == 2 else 0

    def uses_of(self, key: int) -> int:
        """How often the page writes the pair of ``key`` (``_key``'s; 0: never)."""
        uses = self.table.entries[self.table.place(key, 0)]
        return 0 if uses is None else uses

    def get(self, pair: str, default: int | None = None) -> int | None:
        uses = self._uses(pair)
        return uses if uses else default

    def __contains__(self, pair: str) -> bool:
        return self._uses(pair) > 0

    def __setitem__(self, pair: str, uses: int) -> None:
        place = self._place(pair)
        if self.table.entries[place] is None:
            self.table.put(place, _key(pair), 0, uses)
        else:
            self.table.entries[place] = uses

    def pop(self, pair: str, default: int | None = None) -> int | None:
        uses = self._uses(pair)
        if not uses:
            return default
        self.table.entries[self._place(pair)] = 0
        return uses

    def items(self) -> list[tuple[str, int]]:
        return [
            (_chars(self.table.firsts[place], 2), uses)
            for place, uses in enumerate(self.table.entries)
            if uses
        ]


# A page's pairs (``_page_pairs``): a ``Counter`` interpreted, ``_PairCounts`` compiled
PagePairs = Counter[str] | _PairCounts

_BMP = 0x10000  # code points ``_first_codes`` counts in ``_bmp_uses``; the others in a dict
_bmp_uses = array("I", bytes(4 * _BMP))  # zero between calls


def _first_codes(text: str, firsts: array[int], astral: dict[int, int]) -> int:
    """How many different characters ``text`` writes, their code points put in ``firsts`` in
    the order first written; how often each: a BMP one's in ``_bmp_uses`` (the caller empties
    it again), any other's in ``astral``. By code point in C when compiled: a string is made
    for each different character only, where ``Counter`` or a set made one for each of a
    page's thousands (interpreted, those are the faster)."""
    counts, count = _bmp_uses, 0
    for char in text:
        code = ord(char)
        if code < _BMP:
            if not counts[code]:
                firsts[count] = code
                count += 1
            counts[code] += 1
        elif code in astral:
            astral[code] += 1
        else:
            firsts[count] = code
            count += 1
            astral[code] = 1
    return count


def _char_uses(text: str) -> dict[str, int]:
    """How often ``text`` writes each character, in the order first written, as ``Counter``
    counts them (``_first_codes``)."""
    counts, firsts, astral, uses = _bmp_uses, array("I", bytes(4 * len(text))), {}, {}
    for place in range(_first_codes(text, firsts, astral)):
        code = firsts[place]
        if code < _BMP:
            uses[chr(code)] = counts[code]
            counts[code] = 0
        else:
            uses[chr(code)] = astral[code]
    return uses


def _distinct_chars(text: str) -> list[str]:
    """The characters ``text`` writes, each once, in the order first written
    (``_first_codes``; the uses are not counted in a dictionary, as ``_char_uses`` does)."""
    counts, firsts, found = _bmp_uses, array("I", bytes(4 * len(text))), []
    for place in range(_first_codes(text, firsts, {})):
        code = firsts[place]
        if code < _BMP:
            counts[code] = 0
        found.append(chr(code))
    return found


def _count_pairs(table: _Table, view: str) -> list[int]:
    """Each pair of ``view``'s characters without a digit (``_DIGITS``) counted into
    ``table`` by key; the places right after each run of digits but one ending the view."""
    previous, ends = 0, []  # previous: the last character's code + 1, 0 for none
    figure = False  # whether the last character is a digit
    for position, char in enumerate(view):
        code = ord(char)
        if ord("0") <= code <= ord("9") or ord("０") <= code <= ord("９"):  # as _DIGITS
            previous, figure = 0, True
        else:
            if figure:
                ends.append(position)
                figure = False
            code += 1
            if previous:
                key = previous << _CHAR_BITS | code
                place = table.place(key, 0)
                uses = table.entries[place]
                if uses is None:
                    table.put(place, key, 0, 1)
                else:
                    table.entries[place] = uses + 1
            previous = code
    return ends


class _Pairs:
    """A page's ``_Pair``s by key (``_key``), found once each; the texts ending in a longer
    word and those words; the pairs of the window ``Scorer.exclude_window`` leaves out. Its
    ``extend``, ``alone`` and ``run`` are the ``Scorer``'s (bound to it: a search calls them
    a million times a page, with no ``Scorer`` method in between). Both kept in ``_Table``s."""

    __slots__ = (
        "bigrams",
        "ends",
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
        self.logprob = shared_logprob(model)
        self.singles = _shared_singles(model)  # ``logprob``'s answers by code, kept across pages
        self.bigrams = bigrams
        self.running = running
        self.written = written

    def added(self, key: int, place: int, after: bool) -> _Pair:
        """The entry of a pair (of a single character, after none unless ``after``), kept by
        its key in the empty place ``place`` found for it."""
        found = _Pair.__new__(_Pair)
        last = chr((key & _CHAR_MASK) - 1)
        first = chr((key >> _CHAR_BITS) - 1) if after else ""
        pair = first + last
        found.single = self.single(key & _CHAR_MASK, last)
        word = self.words.get(pair) if after else None
        found.word = _NO_WORD if word is None else word + self.one_unit(first, last)
        found.in_document = self._page_uses(key, pair)
        found.windowed = self.window.get(key, 0) if found.in_document else 0  # read if used
        found.ends_longer = pair in self.tails
        found.fits = self.running.get(pair, 0.0)
        self.memo.put(place, key, 0, found)
        return found

    def _page_uses(self, key: int, pair: str) -> int:
        """How often the page writes ``pair`` (of ``key``): read by key compiled
        (``_PairCounts``), by the text interpreted (a ``Counter``)."""
        if _COMPILED:
            return self.bigrams.uses_of(key) if len(pair) == 2 else 0
        return self.bigrams.get(pair, 0)

    def single(self, code: int, char: str) -> float:
        """``logprob`` of ``char``, kept for the page in ``singles`` by its code (``_key``'s:
        no string hashed, where a character made from a key is a new one, and no call to the
        shared cache)."""
        place = self.singles.place(code, 0)
        single = self.singles.entries[place]
        if single is None:
            single = self.logprob(char)
            self.singles.put(place, code, 0, single)
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
        code = ord(char) + 1
        packed = (state.packed << _CHAR_BITS | code) & _CONTEXT_MASK
        width = min(state.width + 1, _WIDTH)
        score = state.score + self.single(code, char)
        return _state(packed, width, score, state.score, state.b2, state.b3)

    def run(self, text: str, state: State = START) -> State:
        """``Scorer.run``: ``extend`` with each character of ``text`` in turn."""
        for char in text:
            state = self.extend(state, char)
        return state


def _key(pair: str) -> int:
    """A pair of characters (or one, after none) as ``_Pairs.extend`` keys it."""
    key = 0
    for char in pair:
        key = key << _CHAR_BITS | (ord(char) + 1)
    return key


def _spot(key: int) -> int:
    """Where a text of three characters, by its key (``_key``), has its bit in ``_word_ends``."""
    return (key * _MIX & _WORD) >> (64 - _ENDS_BITS)


@lru_cache(maxsize=2)
def _word_ends(model: LanguageModel) -> array[int]:
    """The bits (``_spot``) of the last three characters of the model's words of three and four
    characters, 64 to an integer: a text whose bit is not set ends no such word."""
    return _ends_of(model.words)


def _ends_of(words: dict[str, float]) -> array[int]:
    found = array("Q", bytes(8 << (_ENDS_BITS - 6)))
    bits, one = found, 1  # a typed view and a 64-bit one when compiled (``gbk_score.pxd``)
    for word in words:
        if len(word) > 2:
            spot = _spot(_key(word[-3:]))
            bits[spot >> 6] |= one << (spot & 63)
    return found


def _pair_keys(text: str) -> dict[int, int]:
    """``_keyed`` of the ``Counter`` of ``text``'s pairs of characters (in the same order),
    without a string made and hashed for each pair."""
    keyed: dict[int, int] = {}
    previous = 0
    for char in text:
        code = ord(char) + 1
        if previous:
            key = previous << _CHAR_BITS | code
            keyed[key] = keyed.get(key, 0) + 1
        previous = code
    return keyed


def _keyed(pairs: Counter[str]) -> dict[int, int]:
    """Counts of pairs of characters by key (``_key``), as ``_Pairs`` looks them up."""
    return {_key(pair): uses for pair, uses in pairs.items()}


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


class Script(NamedTuple):
    """A page's script, as the prices of filled characters depend on it."""

    traditional: bool
    converted: bool  # … converted whole to Traditional (``CONVERTED_COST``)


class Scorer:
    """Incremental scores of Simplified text in one document, and priors of filled characters."""

    def __init__(
        self,
        model: LanguageModel,
        document: str,
        traditional: bool,
        running: RunningPairs | None = None,
        measures: frozenset[str] | None = None,
    ) -> None:
        """``running``: the pairs of real running text (``running_text``'s, by default);
        ``measures``: what the rules write after a figure (``gbk_swallowed.measure_words``)."""
        self.model = model
        self.running = running_pairs() if running is None else running
        self.view = view = to_simplified(document)  # aligned with ``document``
        # compiled, the characters are counted in C (``_char_uses``: a string made for each
        # distinct one); interpreted, each of the view's made once for its set and its pairs
        view_list = None if _COMPILED else list(view)
        self.bigram_counts = _page_pairs(view, view_list)
        self.char_uses = _char_uses(document) if _COMPILED else Counter(document)
        self.chars = frozenset(self.char_uses)  # each character once, its hash known
        self.view_chars = frozenset(_distinct_chars(view) if view_list is None else view_list)
        self.traditional = traditional
        self.script = Script(traditional, traditional and _converted(self.char_uses))
        self._costs = _PageCosts(self.char_uses, self.chars, self.script)
        self._words = model.words
        self.char_logprob = shared_logprob(model)
        written = self.view_chars if len(self.view_chars) >= WORD_PAGE_CHARS else None
        self._pairs = pairs = _Pairs(model, self.bigram_counts, self.running.bonus, written)
        # Append one Simplified character to an incremental best-segmentation score: the
        # state holds the last STATE_CONTEXT characters and the scores of one position more,
        # enough for dictionary words of up to MAX_WORD characters; what the model says about
        # each pair, and about each longer text that may end a longer word, is kept.
        self.extend: Callable[[State, str], State] = pairs.extend
        # What ``extend`` gives when the pair ``char`` makes with the last character is not
        # known (``is_known``) and not the document's: its own log-probability.
        self.extend_alone: Callable[[State, str], State] = pairs.alone
        # ``extend`` with each character of a text in turn (from START by default).
        self.run: Callable[..., State] = pairs.run
        self.swallowed = SwallowedPriors(
            document, self.char_logprob, self.page_pair_bonus, model.words, measures
        )
        self._heading_ends = False  # whether the page's pairs hold ``HEADING_END``'s

    def exclude_window(self, window: str) -> None:
        """Bigrams the document has only inside ``window`` (the damage and its context) are
        no evidence about it: a run would otherwise vouch for itself."""
        if not self._heading_ends:  # most pages: the pairs keyed as they are read
            self._pairs.exclude(_pair_keys(window))
            return
        pairs = Counter(map(add, window, window[1:]))
        pairs.update(_heading_end_pairs(pairs))
        self._pairs.exclude(_keyed(pairs))

    def _read_heading_ends(self) -> None:
        """The page's pairs of ``HEADING_END`` (``SwallowedPriors.form``), once a slot reads
        one: those of a comma and of a line end, on either side."""
        pairs = self.bigram_counts
        for pair, uses in _heading_end_pairs(pairs).items():
            pairs[pair] = pairs.get(pair, 0) + uses
        self.view_chars = self.view_chars.union(HEADING_END)
        self._heading_ends = True

    def is_known(self, pair: str) -> bool:
        """Whether a pair is a dictionary word, ends a longer one or is seen in running text
        (``running_text``): after any other pair a character scores its own log-probability
        alone (the document's pairs aside)."""
        return known_pair(pair, self.model) or pair in self.running.bonus

    def running_fit(self, text: str) -> float:
        """What the pairs of a Simplified text earn for fitting in running text (its score
        holds it): a bonus for each pair ``running`` knows."""
        return _running_fit(self.running.bonus, text)

    def page_pair_bonus(self, pair: str) -> float:
        """The bonus of a Simplified pair for how often the page writes it."""
        return _document_bonus(self.bigram_counts.get(pair, 0))

    def score(self, text: str) -> float:
        """The score of a Simplified text, with the document's own pairs counted."""
        return self.run(text).score

    def slot_bonus(self, char: str, slot: Slot, fixed: float | None = None) -> float:
        """The prior of a character in a slot: its reading, the bytes lost, the script, how
        familiar the page is with it (``fixed``, when given, is ``fixed_prior``'s answer)."""
        if slot.swallowed:
            return self.swallowed.prior(char, slot) - LOST_BYTE_COST
        script, unfamiliar = self._costs.cost(char)
        return (fixed_prior(char, slot) if fixed is None else fixed) - script - unfamiliar

    def forms(self, chars: str, slots: tuple[Slot, ...]) -> str:
        """A reading's characters (one a slot) as its scores read them: Simplified, a byte a
        ``?`` swallowed as ``SwallowedPriors.form`` reads it (a heading's line end specially)."""
        simplified, read = table().simplified, self.swallowed.form
        return "".join(
            [
                read(char, slot) if slot.swallowed else simplified.get(char, char)
                for char, slot in zip(chars, slots, strict=True)
            ]
        )

    def own_priors(
        self, slot: Slot, options: tuple[tuple[str, str, float, int], ...]
    ) -> tuple[tuple[str, str, float, int], ...]:
        """Options (character, Simplified form, ``fixed_prior``, lead byte) with their priors
        on this page: ``slot_bonus`` for each, a page's plans ask for thousands."""
        if slot.swallowed:
            read = self.swallowed.form
            found = tuple(
                [(c, read(c, slot), self.slot_bonus(c, slot), lead) for c, _, _, lead in options]
            )
            if not self._heading_ends and HEADING_END in [option[1] for option in found]:
                self._read_heading_ends()
            return found
        return _priced(self._costs, options)

    def unfamiliar(self, char: str) -> float:
        """What a character costs for being rare on this page (``_PageCosts.unfamiliar``)."""
        return self._costs.unfamiliar(char)

    @cached_property
    def touched(self) -> frozenset[str]:
        """The characters whose page costs are the page's own: those it writes, and those whose
        form in its script it writes (还 on a page with 還); any other costs what
        ``unwritten_cost`` says, on every page of that script. A closing mark whose opening
        one it writes is its own too (``unfamiliar``)."""
        forms = _converted_from(self.traditional)
        closers = [closer for closer, opener in OPENERS.items() if opener in self.chars]
        return self.chars.union(closers, *[forms[char] for char in self.chars if char in forms])


class _PageCosts:
    """What a character costs on a page in any slot, kept by character (each slot's plan asks
    for all its own; ``Scorer.own_priors`` for thousands a page): being out of the page's
    script, being unfamiliar to it. Its fields typed when compiled (``gbk_score.pxd``): as the
    ``Scorer``'s attributes each was looked up on a ``Rivals`` (~260 instructions), and each
    part a Python call of its own (~4,300 instructions a character)."""

    __slots__ = ("chars", "converted", "costs", "forms", "uses")

    def __init__(self, uses: dict[str, int], chars: frozenset[str], script: Script) -> None:
        """``uses``: how often the page writes each character, ``chars``: those characters."""
        self.uses, self.chars, self.costs = uses, chars, {}
        self.converted = script.converted
        self.forms = _script_forms(script.traditional)

    def cost(self, char: str) -> tuple[float, float]:
        """``script_cost`` and ``unfamiliar`` of a character, kept in a plain dictionary (a
        subclass of ``dict`` with ``__missing__`` was subscripted through Python's
        ``__getitem__`` slot, about 1,600 instructions a lookup compiled)."""
        found = self.costs.get(char)
        if found is None:
            found = self.costs[char] = (self.script_cost(char), self.unfamiliar(char))
        return found

    def script_cost(self, char: str) -> float:
        """A form the page contradicts (还 where it writes 還: ``gbk.out_of_script``) costs
        OTHER_SCRIPT_COST; one it does not write, and its script would convert, OTHER_FORM_COST
        (会 or 鎭 on a Traditional page that has neither 会 nor 會): a tie of two forms goes to
        the script's. On a page converted whole, a character any conversion turns costs more
        (``_form_cost``)."""
        if char in self.chars:
            return 0.0
        form = self.forms.get(char, char)
        cost = _form_cost(char, form, self.converted)
        if form != char and form in self.chars:
            return max(cost, OTHER_SCRIPT_COST)
        return cost

    def unfamiliar(self, char: str) -> float:
        """What a character costs for being rare on this page (0 from FAMILIAR_USES uses); a
        closing mark is as familiar as its opening one (a page that opens “ closes it)."""
        uses, openers = self.uses.get(char, 0), OPENERS  # a typed dictionary when compiled
        opener = openers.get(char)
        if opener is not None:
            uses = max(uses, self.uses.get(opener, 0))
        return _unfamiliar(char, uses)


def _priced(costs: _PageCosts, options: tuple[tuple[str, str, float, int], ...]) -> tuple:
    """``Scorer.own_priors`` of a slot without swallowed bytes: each option's fixed prior less
    its page costs (``_PageCosts.cost``)."""
    found = []
    for option in options:
        script, unfamiliar = costs.cost(option[0])
        found.append((option[0], option[1], option[2] - script - unfamiliar, option[3]))
    return tuple(found)


def _running_fit(bonus: dict[str, float], text: str) -> float:
    """``Scorer.running_fit``: each pair's bonus, summed as ``sum`` sums a list (the pairs cut
    and looked up in C when compiled)."""
    found = []
    for start in range(len(text) - 1):
        found.append(bonus.get(text[start : start + 2], 0.0))
    return sum(found)


def _page_pairs(view: str, chars: list[str] | None) -> PagePairs:
    """The pairs of characters the page writes, as evidence about a lost one. Digits repeat by
    chance (2. in 2.5 and 12.3): the pairs on either side of each are left out. A unit's pair
    with a mark after a figure (8人, and 3个。) says how the page ends a figure, not which
    character comes before a mark: 薄弱, is not 薄人, for the page's many 人, after numbers."""
    # interpreted, each character joined to the next in C (map over two iterators): a third
    # faster than ``re``'s findall of two characters from even, then odd places; ``chars``
    # (``list(view)``, None compiled) are made once, where iterating the view twice made each
    # character twice. Compiled, the pairs with a digit are never counted (``_count_pairs``)
    if chars is None:
        pairs = _PairCounts(view)
        ends = pairs.figure_ends
    else:
        pairs, ends = Counter(map(add, chars, chars[1:])), []
        for digits in _DIGITS.finditer(view):  # a figure at a time: its pairs popped once
            start, end = digits.span()
            if start:
                pairs.pop(view[start - 1 : start + 1], None)
            for position in range(start, end):
                pairs.pop(view[position : position + 2], None)
            ends.append(end)
    for end in ends:  # the character after a figure and a mark: its unit's pair
        if view[end + 1 : end + 2] in _MARKS_AFTER_UNIT:
            pair = view[end : end + 2]
            uses = pairs.get(pair, 0)
            if uses <= 1:
                pairs.pop(pair, None)
            else:
                pairs[pair] = uses - 1
    return pairs


def _heading_end_pairs(pairs: PagePairs) -> Counter[str]:
    """``HEADING_END``'s pairs: each character's with a comma and with a line end after it,
    and with them before it, summed."""
    found: Counter[str] = Counter()
    for pair, uses in pairs.items():
        if pair[1] in ",\n":
            found[pair[0] + HEADING_END] += uses
        if pair[0] in ",\n":
            found[HEADING_END + pair[1]] += uses
    return found


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


def known_pair(pair: str, model: LanguageModel) -> bool:
    """Whether two characters are a dictionary word or end a longer one: after any other
    pair a character scores its own log-probability alone (the document's pairs aside)."""
    return len(pair) == 2 and (pair in model.words or pair in model.long_word_tails)


def fixed_prior(char: str, slot: Slot) -> float:
    """The part of a character's prior in a slot that holds on any page: its reading, the
    bytes lost, a mark's grammar, and for a character filled into a lost byte how rare running
    text has it (``rare_cost``) and, before a figure a ``?`` swallowed the first digit of, how
    well it ends a noun the classifier after it counts (``counted_fit``), and whether the page
    writes it after the two characters before the slot (``Slot.written``, the slot's own);
    searches keep it per slot across documents."""
    return fixed_priors((char,), slot)[0]


def fixed_priors(chars: Iterable[str], slot: Slot) -> list[float]:
    """``fixed_prior`` of each of ``chars``, the slot's fields read once (a plan asks for up
    to CANDIDATES_WHOLE), and no call made for a part that is 0 for all of them: the reading's
    bonus without a reading, a mark's misfit without context (``weighs_marks``); the reading's
    characters (``hint_bonus``) are found once, a rarity is looked up (``rare_costs``)."""
    lost, hint, name, marks = slot.lost_bytes, slot.hint, slot.name, weighs_marks(slot)
    counted, written = slot.counted, slot.written
    cost, found, simplified = lost * LOST_BYTE_COST, [], table().simplified
    marked, plain = characters_read_as(hint) if hint is not None else _NO_READINGS
    rare = rare_costs()
    for char in chars:
        bonus = 0.0
        if hint is not None:  # ``hint_bonus``
            bonus = HINT_MATCH if char in marked else HINT_TONELESS if char in plain else HINT_MISS
        prior = bonus - cost
        if marks:
            bonus = misfit(char, slot)
            prior -= bonus
        if name or lost:
            simple = simplified.get(char, char)
            if name:
                bonus = name_bonus(simple, name)
                prior += bonus
            if lost:
                known = rare.get(simple)
                bonus = rare_cost(simple) if known is None else known
                prior -= bonus
            if counted:
                bonus = counted_fit(simple, counted)
                prior += bonus
            if written and simple in written:
                prior += PAGE_PHRASE_BONUS
        found.append(prior)
    return found


_NO_READINGS: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def _shared_singles(model: LanguageModel) -> _Table | _DictTable:
    """The model's log-probability of each character alone by code (``_Pairs.single``), kept
    across pages (a page asked the shared cache again for each of its characters), and started
    over once it has more than 2 * CHAR_CACHE places (compiled: a half to a quarter used)."""
    held = _held_singles(model)
    table = held[0]  # a typed _Table compiled: its entries are no Python attribute
    if len(table.entries) > 2 * CHAR_CACHE:
        table = held[0] = _new_table()
    return table


@lru_cache(maxsize=2)
def _held_singles(model: LanguageModel) -> list[_Table | _DictTable]:
    return [_new_table()]


@lru_cache(maxsize=2)
def shared_logprob(model: LanguageModel) -> Callable[[str], float]:
    """The model's log-probability of each character alone, kept across documents."""
    return lru_cache(maxsize=CHAR_CACHE)(model.char_logprob)


# How much fewer than FAMILIAR_USES each count of uses below it is, in log (``_unfamiliar``),
# worked out once: a page's characters and every unwritten one ask
_MISSING = tuple([math.log1p(FAMILIAR_USES) - math.log1p(uses) for uses in range(FAMILIAR_USES)])


def _unfamiliar(char: str, uses: int) -> float:
    if uses >= FAMILIAR_USES:
        return 0.0  # nothing missing
    counts = log_counts()  # a typed dictionary when compiled, as are the sums' constants
    common, counted = COMMON_LOG_COUNT, counts.get(char, 0.0)
    cost, per_nat = UNFAMILIAR_COST, RARE_UNFAMILIAR_COST
    rarity = max(0.0, common - counted)
    return (cost + per_nat * rarity) * _MISSING[uses]


@lru_cache(maxsize=CHAR_CACHE)
def unwritten_cost(char: str, script: Script) -> tuple[float, float]:
    """``_PageCosts.cost`` on a page that writes neither ``char`` nor its form in the page's
    script (see ``Scorer.touched``): a plan's other characters are priced once for all pages."""
    form = _script_forms(script.traditional).get(char, char)
    return _form_cost(char, form, script.converted), _unfamiliar(char, 0)


@lru_cache(maxsize=CHAR_CACHE)
def _never_written(char: str) -> float:
    """``Scorer.unfamiliar`` of ``char`` on a page that never writes it, any page (kept by the
    character alone, where ``unwritten_cost`` keeps it by character and script:
    ``_Pairs.one_unit`` asks it of each word's two characters)."""
    return _unfamiliar(char, 0)


def _form_cost(char: str, form: str, converted: bool) -> float:
    """What a character a page does not write costs for its script (``form``: the script's
    form of it): CONVERTED_COST for one any conversion turns on a page converted whole,
    OTHER_FORM_COST for one the script's conversion turns, 0 for one it keeps."""
    if converted and char in _turned():
        return CONVERTED_COST
    return OTHER_FORM_COST if form != char else 0.0


def _script_forms(traditional: bool) -> dict[str, str]:
    """The form of each GBK character in a script (``gbk.table``)."""
    return table().traditional if traditional else table().simplified


@lru_cache(maxsize=1)
def _turned() -> dict[str, str]:
    """``views.single_forms``, none when OpenCC's table cannot be read."""
    return single_forms() or {}


@lru_cache(maxsize=1)
def _turned_into() -> frozenset[str]:
    """The Traditional forms of the characters any conversion turns."""
    return frozenset(_turned().values())


def _converted(uses: dict[str, int]) -> bool:
    """Whether a page was converted whole to Traditional: of the characters it writes that
    have one form in each script (``_turned``), at most CONVERTED_SHARE are Simplified
    (a converted page's damaged runs hold a few; a page of mixed script, many)."""
    turned, into, simplified, traditional = _turned(), _turned_into(), 0, 0
    for char, count in uses.items():  # one pass, no generator (a page has a thousand)
        if char in turned:
            simplified += count
        if char in into:
            traditional += count
    return traditional > 0 and simplified <= CONVERTED_SHARE * (simplified + traditional)


@lru_cache(maxsize=2)
def _converted_from(traditional: bool) -> dict[str, tuple[str, ...]]:
    """The characters a script's conversion turns into each other form (還 for 还)."""
    forms = _script_forms(traditional)
    found: dict[str, list[str]] = {}
    for char, form in forms.items():
        if form != char:
            found.setdefault(form, []).append(char)
    return {form: tuple(chars) for form, chars in found.items()}
