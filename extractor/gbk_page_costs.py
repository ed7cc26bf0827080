"""What a character filled in costs on its page: being out of the page's script, being
unfamiliar to it. ``gbk_score.Scorer`` prices a slot's options with these (``_PageCosts``);
``gbk_candidates`` prices the characters a page does not write once for all pages
(``unwritten_cost``).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from extractor.gbk import log_counts, table
from extractor.gbk_punctuation import OPENERS
from extractor.views import single_forms

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
CHAR_CACHE = 1 << 15  # characters whose own log-probability the searches keep


class Script(NamedTuple):
    """A page's script, as the prices of filled characters depend on it."""

    traditional: bool
    converted: bool  # … converted whole to Traditional (``CONVERTED_COST``)


class _PageCosts:
    """What a character costs on a page in any slot, kept by character (each slot's plan asks
    for all its own; ``Scorer.own_priors`` for thousands a page): being out of the page's
    script, being unfamiliar to it. Its fields typed when compiled (``gbk_page_costs.pxd``): as the
    ``Scorer``'s attributes each was looked up on a ``Rivals`` (~260 instructions), and each
    part a Python call of its own (~4,300 instructions a character). The word list's counts
    and the characters any conversion turns are kept too (``_unfamiliar``, ``_form_cost``):
    a call of their ``lru_cache`` cost about 200 instructions a character priced."""

    __slots__ = ("chars", "costs", "forms", "log_counts", "turned", "uses")

    def __init__(self, uses: dict[str, int], chars: frozenset[str], script: Script) -> None:
        """``uses``: how often the page writes each character, ``chars``: those characters."""
        self.uses, self.chars, self.costs = uses, chars, {}
        self.turned = _turned() if script.converted else None
        self.forms, self.log_counts = _script_forms(script.traditional), log_counts()

    def cost(self, char: str) -> tuple[float, float]:
        """``script_cost`` and ``unfamiliar`` of a character, kept in a plain dictionary (a
        subclass of ``dict`` with ``__missing__`` was subscripted through Python's
        ``__getitem__`` slot, about 1,600 instructions a lookup compiled)."""
        found = self.costs.get(char)
        if found is None:  # made a tuple once (assigned to both at once, it was made twice)
            found = (self.script_cost(char), self.unfamiliar(char))
            self.costs[char] = found
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
        cost = _form_cost(char, form, self.turned)
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
        return _unfamiliar(char, uses, self.log_counts)


def _priced(costs: _PageCosts, options: tuple[tuple[str, str, float, int], ...]) -> tuple:
    """``Scorer.own_priors`` of a slot without swallowed bytes: each option's fixed prior less
    its page costs (``_PageCosts.cost``)."""
    found = []
    for option in options:
        script, unfamiliar = costs.cost(option[0])
        prior = option[2]  # a C double compiled: the sums in C, one float made
        found.append((option[0], option[1], prior - script - unfamiliar, option[3]))
    return tuple(found)


# How much fewer than FAMILIAR_USES each count of uses below it is, in log (``_unfamiliar``),
# worked out once: a page's characters and every unwritten one ask
_MISSING = tuple([math.log1p(FAMILIAR_USES) - math.log1p(uses) for uses in range(FAMILIAR_USES)])


def _unfamiliar(char: str, uses: int, counts: dict[str, float]) -> float:
    """``counts``: ``log_counts``' (a typed dictionary when compiled, as are the sums'
    constants)."""
    if uses >= FAMILIAR_USES:
        return 0.0  # nothing missing
    common, counted = COMMON_LOG_COUNT, counts.get(char, 0.0)
    cost, per_nat = UNFAMILIAR_COST, RARE_UNFAMILIAR_COST
    rarity = max(0.0, common - counted)
    return (cost + per_nat * rarity) * _MISSING[uses]


@lru_cache(maxsize=CHAR_CACHE)
def unwritten_cost(char: str, script: Script) -> tuple[float, float]:
    """``_PageCosts.cost`` on a page that writes neither ``char`` nor its form in the page's
    script (see ``Scorer.touched``): a plan's other characters are priced once for all pages."""
    form = _script_forms(script.traditional).get(char, char)
    turned = _turned() if script.converted else None
    return _form_cost(char, form, turned), _unfamiliar(char, 0, log_counts())


_NEVER_WRITTEN: dict[str, float] = {}  # ``_never_written``'s, by character


def _never_written(char: str) -> float:
    """``Scorer.unfamiliar`` of ``char`` on a page that never writes it, any page (kept by the
    character alone, where ``unwritten_cost`` keeps it by character and script:
    ``_Pairs.one_unit`` asks it of each word's two characters). Kept in a plain dictionary,
    at most one entry a character, read in C compiled (an ``lru_cache``'s call cost about
    1,000 instructions)."""
    found = _NEVER_WRITTEN.get(char)
    if found is None:
        found = _unfamiliar(char, 0, log_counts())
        _NEVER_WRITTEN[char] = found
    return found


def _form_cost(char: str, form: str, turned: dict[str, str] | None) -> float:
    """What a character a page does not write costs for its script (``form``: the script's
    form of it): CONVERTED_COST for one any conversion turns (``turned``: ``_turned``'s, on a
    page converted whole; None on any other), OTHER_FORM_COST for one the script's conversion
    turns, 0 for one it keeps."""
    if turned is not None and char in turned:
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
