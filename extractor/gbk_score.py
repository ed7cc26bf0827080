"""Scoring readings of a damaged run in its document: the word model, the page's own usage.

A reading is scored left to right, one character at a time (``Scorer.extend``), by the best
segmentation of the Simplified view into dictionary words, plus a bonus for each pair of
characters the page writes elsewhere; a character filled into a lost byte also has a prior (its
reading beside the damage, the bytes assumed lost, the page's script, the page's habits after
a ``?``, which ``gbk_swallowed`` prices). ``gbk_search`` searches with these scores. The
incremental states are ``gbk_pairs``', a page's counts ``gbk_tables``', what a character
costs on a page ``gbk_page_costs``'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from operator import add

from extractor.gbk import (
    HINT_MATCH,
    HINT_MISS,
    HINT_TONELESS,
    table,
)
from extractor.gbk_names import name_bonus
from extractor.gbk_page_costs import (
    WORD_PAGE_CHARS,
    Script,
    _converted,
    _converted_from,
    _PageCosts,
    _priced,
)
from extractor.gbk_pairs import State, _Pairs, shared_logprob
from extractor.gbk_punctuation import OPENERS, misfit, weighs_marks
from extractor.gbk_slots import Slot
from extractor.gbk_swallowed import SwallowedPriors
from extractor.gbk_tables import (
    _COMPILED,
    _char_uses,
    _distinct_chars,
    _heading_end_pairs,
    _keyed,
    _page_pairs,
    _pair_keys,
)
from extractor.hmm_chars import rare_cost, rare_costs
from extractor.lm import HEADING_END, LanguageModel
from extractor.pinyin_table import characters_read_as
from extractor.running_text import RunningPairs, counted_fit, running_pairs
from extractor.views import to_simplified

LOST_BYTE_COST = 0.0  # a lost byte's price is the word model's for the character filled in
# a character the page writes elsewhere after the two it shows before the slot (``Slot.written``)
PAGE_PHRASE_BONUS = 3.0


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
            document, self.char_logprob, self.bigram_counts, model.words, measures
        )
        self._heading_ends = False  # whether the page's pairs hold ``HEADING_END``'s
        self._excluded: str | None = None  # the window left out last (``exclude_window``)

    def exclude_window(self, window: str) -> None:
        """Bigrams the document has only inside ``window`` (the damage and its context) are
        no evidence about it: a run would otherwise vouch for itself. The window left out
        last stays out as it is (a quarter of the asks: a hypothesis judged, or searched, in
        the window of the one before)."""
        if window == self._excluded:
            return
        self._excluded = window
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
        self._excluded = None  # a window's pairs are keyed with those of HEADING_END now

    def is_known(self, pair: str) -> bool:
        """Whether a pair is a dictionary word, ends a longer one or is seen in running text
        (``running_text``): after any other pair a character scores its own log-probability
        alone (the document's pairs aside)."""
        return known_pair(pair, self.model) or pair in self.running.bonus

    def running_fit(self, text: str) -> float:
        """What the pairs of a Simplified text earn for fitting in running text (its score
        holds it): a bonus for each pair ``running`` knows."""
        return _running_fit(self.running.bonus, text)

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
        return _touched(self.chars, _converted_from(self.traditional))


def _touched(chars: frozenset[str], forms: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """``Scorer.touched`` of a page that writes ``chars`` (``forms``: what its script's
    conversion turns into each, ``_converted_from``), each looked up once, in C compiled."""
    added = [closer for closer, opener in OPENERS.items() if opener in chars]
    for char in chars:
        turned = forms.get(char)
        if turned is not None:
            added += turned
    return chars.union(added)


def _running_fit(bonus: dict[str, float], text: str) -> float:
    """``Scorer.running_fit``: each pair's bonus, summed as ``sum`` sums a list (the pairs cut
    and looked up in C when compiled)."""
    found = []
    for start in range(len(text) - 1):
        found.append(bonus.get(text[start : start + 2], 0.0))
    return sum(found)


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
