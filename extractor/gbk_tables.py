"""A page's counts of its characters and of its pairs of characters, kept by C integers.

A character is keyed by its code point + 1, a pair by the two packed (``_key``, ``gbk_keys``),
and entries by such keys are kept in open-addressed tables (``_Table``) when compiled, in
dictionaries interpreted (``_DictTable``). ``gbk_pairs`` scores pairs by these keys;
``gbk_score.Scorer`` counts a page's with them.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from operator import add

from extractor.gbk_keys import _CHAR_BITS, _CHAR_MASK, _MIX, _WORD
from extractor.lm import HEADING_END

_DIGITS = re.compile(r"[0-9０-９]+")
_MARKS_AFTER_UNIT = frozenset("，。、：；,.:;")  # a unit and one of these after a figure

# A page's tables (``_Table``): 2 ** _TABLE_BITS places at first, twice as many whenever one
# is half full; a key's first place is the top bits of the key times _MIX, modulo 2 ** 64
# (``gbk_keys``)
_TABLE_BITS = 10
_PAIR_BITS = 16  # … and at most 2 ** _PAIR_BITS at first for a page's pairs (``_PairCounts``)
# One empty place (``_Table``'s arrays repeat it: no zeroed bytes made to be copied, a third of
# the instructions)
_EMPTY = array("Q", [0])


def _chars(packed: int, count: int) -> str:
    """The last ``count`` characters ``packed`` holds."""
    text = ""
    while count:
        text = chr((packed & _CHAR_MASK) - 1) + text
        packed >>= _CHAR_BITS
        count -= 1
    return text


def _key(pair: str) -> int:
    """A pair of characters (or one, after none) as ``_Pairs.extend`` keys it."""
    key = 0
    for char in pair:
        key = key << _CHAR_BITS | (ord(char) + 1)
    return key


class _Table:
    """Entries by a key of two C integers, the first never 0, in an open-addressed table: a
    key's first place, then the next after each one another key holds. A page's lookups by
    pairs of characters in a dictionary made Python integers and tuples of the keys and hashed
    them, about 380 instructions a lookup; here the keys are C integers when compiled (typed
    memoryviews of ``array('Q')``, ``gbk_tables.pxd``)."""

    __slots__ = ("bits", "entries", "filled", "firsts", "seconds")

    def __init__(self, bits: int = _TABLE_BITS) -> None:
        self.bits, self.filled = bits, 0
        self.firsts = _EMPTY * (1 << bits)  # 0: an empty place
        self.seconds = _EMPTY * (1 << bits)
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
        self.firsts = _EMPTY * (1 << self.bits)
        self.seconds = _EMPTY * (1 << self.bits)
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
# The string of each BMP character a page has written (``_bmp_char``), None for the others
_bmp_chars: list[str | None] = [None] * _BMP


def _bmp_char(code: int) -> str:
    """``chr(code)`` of a BMP code point, one string a character for the process: its hash is
    worked out once, where each page's made its thousands of strings and hashed each again
    for its dictionary and sets (about 300 instructions a character)."""
    found = _bmp_chars[code]
    if found is None:
        found = _bmp_chars[code] = chr(code)
    return found


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
            uses[_bmp_char(code)] = counts[code]
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
            found.append(_bmp_char(code))
        else:
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
