"""A slot's plan: its own candidates with their priors, ranked for a search that prunes.

The options of a slot and their log-probabilities hold on every page (``_shared_plan``); their
priors are the page's own (its script, the characters it uses, its marks after a ``?``). Most
of a page's plan is the plan for pages of its script that write none of the slot's characters
(``_unwritten_plan``, shared across pages), touched up where the page does (``_touched_up``):
only that part is priced and ranked anew for each page.
"""

from __future__ import annotations

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted: its decorators change nothing
    from types import SimpleNamespace

    cython = SimpleNamespace(no_gc=lambda cls: cls, cclass=lambda cls: cls)

from functools import lru_cache
from operator import itemgetter

from extractor.gbk import table, two_bytes
from extractor.gbk_page_costs import Script, unwritten_cost
from extractor.gbk_pairs import shared_logprob
from extractor.gbk_score import PAGE_PHRASE_BONUS, Scorer, fixed_priors
from extractor.gbk_slots import Slot
from extractor.lm import LanguageModel

# a page's plan puts the options it prices its own way into the ranking of the plan for pages
# that write none (``_reranked``) when they are at most one in this many, else ranks anew
RERANKED = 4

Option = tuple[str, str, float, int]  # a character, its Simplified form, its prior, its lead byte


# No cycle can go through a plan (it holds strings, numbers and their containers), so the
# collector skips it: Cython reads ``no_gc`` here, not in the .pxd (in the .pxd it was ignored)
@cython.no_gc
@cython.cclass
class Plan:
    """A slot's own candidates: in order, their Simplified forms and places, and as (prior +
    log-probability, place, option, log-probability), best first. A class, not a named tuple:
    its fields are read thousands of times a page, in C when compiled."""

    def __init__(
        self,
        options: tuple[Option, ...],
        simples: frozenset[str],
        places: dict[str, list[int]],
        ranked: list[tuple[float, int, Option, float]],
        chars: frozenset[str],
        allowed: dict[frozenset[int], tuple[int, frozenset[str], tuple[str, ...]]],
        singles: tuple[float, ...],
    ) -> None:
        self.options = options
        self.simples = simples
        self.listed = tuple(simples)  # gone through in C (a set is, an entry at a time)
        self.places = places
        self.ranked = ranked  # a page's plan only
        self.chars = chars  # its characters
        self.allowed = allowed  # see ``_allowed``
        self.singles = singles  # the log-probability of each, by place


@lru_cache(maxsize=2048)
def _shared_plan(slot: Slot, model: LanguageModel) -> Plan:
    """A slot's options with the priors that hold on any page, shared by every page's plan (a
    swallowed byte's prior is the page's own: left at 0)."""
    chars = slot.candidates()
    priors = [0.0] * len(chars) if slot.swallowed else fixed_priors(chars, slot)
    return _planned(model, _options(chars, priors))


def _options(chars: list[str], priors: list[float]) -> tuple[Option, ...]:
    """Each character with its Simplified form, its prior and its lead byte (-1 for none)."""
    simplified: dict[str, str] = table().simplified
    options = []
    for place in range(len(chars)):
        char = chars[place]
        encoded = two_bytes(char)
        lead = encoded[0] if encoded is not None else -1
        options.append((char, simplified.get(char, char), priors[place], lead))
    return tuple(options)


def _planned(model: LanguageModel, options: tuple[Option, ...]) -> Plan:
    logprob, kept = shared_logprob(model), _singles(model)
    places: dict[str, list[int]] = {}
    singles = []
    for place in range(len(options)):
        option = options[place]
        found = places.get(option[1])
        if found is None:
            places[option[1]] = [place]
        else:
            found.append(place)
        single = kept.get(option[1])
        if single is None:
            single = kept[option[1]] = logprob(option[1])
        singles.append(single)
    # not ranked: only a page's plan is (``_repriced``), under its own priors
    chars = frozenset([option[0] for option in options])  # a set made in C: only asked for
    return Plan(options, frozenset(places), places, [], chars, {}, tuple(singles))


@lru_cache(maxsize=2)
def _singles(model: LanguageModel) -> dict[str, float]:
    """``shared_logprob``'s answers for a plan's forms, kept for the process and read in C
    (a plan asks for each of its options; a cache's call costs more than the lookup)."""
    return {}


def _repriced(plan: Plan, options: tuple[Option, ...]) -> Plan:
    """A plan with the same characters in the same places under other priors (a page's), ranked
    again: a page builds one per slot, so all it shares with the others is shared."""
    singles, ranked = plan.singles, []
    for place in range(len(singles)):
        option, single = options[place], singles[place]
        ranked.append((option[2] + single, place, option, single))
    ranked.sort(key=itemgetter(0), reverse=True)  # stable: ties stay in their places' order
    return _ranked_plan(plan, options, ranked)


def _read_as(plan: Plan, options: tuple[Option, ...], model: LanguageModel) -> Plan:
    """``_repriced``, for a swallowed byte's options, some of which the page may read as
    another character (a heading's line end as ``HEADING_END``: ``SwallowedPriors.form``)."""
    if any(option[1] != own[1] for option, own in zip(options, plan.options, strict=True)):
        plan = _planned(model, options)
    return _repriced(plan, options)


def _ranked_plan(
    plan: Plan, options: tuple[Option, ...], ranked: list[tuple[float, int, Option, float]]
) -> Plan:
    """``plan`` with other ``options`` in the same places, ranked as ``ranked``."""
    return Plan(options, plan.simples, plan.places, ranked, plan.chars, plan.allowed, plan.singles)


@lru_cache(maxsize=2048)
def _unwritten_plan(slot: Slot, model: LanguageModel, script: Script) -> Plan:
    """A slot's plan on a page of that script that writes none of its characters, nor their
    forms in its script: most of any page's plan (``_touched_up`` prices the rest)."""
    shared = _shared_plan(slot, model)
    return _repriced(shared, _all_unwritten(shared.options, script))


def _all_unwritten(options: tuple[Option, ...], script: Script) -> tuple[Option, ...]:
    costs = _unwritten_costs(script)
    return tuple([_unwritten(option, script, costs) for option in options])


def _unwritten(option: Option, script: Script, costs: dict[str, tuple[float, float]]) -> Option:
    """An option priced for a page of that script that writes neither it nor its form (its
    ``unwritten_cost`` kept in ``costs``, the script's)."""
    char, form, fixed, lead = option
    cost = costs.get(char)
    if cost is None:
        cost = costs[char] = unwritten_cost(char, script)
    form_cost, unfamiliar = cost  # C doubles compiled: one float made for the prior
    return char, form, fixed - form_cost - unfamiliar, lead


# ``unwritten_cost`` by script, then by character, kept for the process (one entry a character
# of the table at most): a page's plans ask for thousands, a cache's call and key cost more
_UNWRITTEN: dict[Script, dict[str, tuple[float, float]]] = {}


def _unwritten_costs(script: Script) -> dict[str, tuple[float, float]]:
    found = _UNWRITTEN.get(script)
    if found is None:
        found = _UNWRITTEN[script] = {}
    return found


def _touched_up(slot: Slot, shared: Plan, unwritten: Plan, scorer: Scorer) -> Plan:
    """The page's plan: ``unwritten`` with the characters the page prices its own way
    (``Scorer.touched``) priced as ``own_priors`` prices all of them, and ranked again. Their
    places found in one pass over the options (in C when compiled: no set made a slot)."""
    touched, options, places = scorer.touched, shared.options, []
    for place in range(len(options)):  # a loop, not a comprehension: its place a C integer
        option = options[place]
        if option[0] in touched:
            places.append(place)
    if not places:
        return unwritten
    priced = scorer.own_priors(slot, tuple([options[place] for place in places]))
    repriced = list(unwritten.options)
    for number in range(len(places)):
        repriced[places[number]] = priced[number]
    if len(places) * RERANKED > len(options):
        return _repriced(shared, tuple(repriced))
    return _reranked(unwritten, tuple(repriced), places)


def _phrased(plan: Plan, written: str) -> Plan:
    """A page's plan for a slot after a phrase of the page: the characters the page writes
    after it gain PAGE_PHRASE_BONUS, as ``fixed_priors`` gives it them."""
    places = [place for simple in written for place in plan.places.get(simple, ())]
    if not places:
        return plan
    options = list(plan.options)
    for place in places:
        char, form, prior, lead = options[place]
        options[place] = (char, form, prior + PAGE_PHRASE_BONUS, lead)
    return _reranked(plan, tuple(options), places)


def _reranked(plan: Plan, options: tuple[Option, ...], places: list[int]) -> Plan:
    """``_repriced`` for a ranked plan whose options changed in a few ``places``: the others
    keep their entries, in order, and each new one goes where the sort puts it (best first,
    ties in their places' order), found by halving."""
    moved, singles, ranked = frozenset(places), plan.singles, []
    for entry in plan.ranked:  # a loop, not a comprehension: its entries typed compiled
        if entry[1] not in moved:
            ranked.append(entry)
    for place in places:
        option, single = options[place], singles[place]
        key = option[2] + single
        low, high = 0, len(ranked)
        while low < high:
            middle = (low + high) // 2
            value, other = ranked[middle][0], ranked[middle][1]
            if value > key or (value == key and other < place):
                low = middle + 1
            else:
                high = middle
        ranked.insert(low, (key, place, option, single))
    return _ranked_plan(plan, options, ranked)
