"""The completions a slot offers after a character: the likeliest words it starts, fitted to
the slot's known byte, and what the page itself writes after it.

A lost byte is usually filled inside a word: after a known character, the characters that
complete one of the likeliest two-character words it starts (``gbk_words.successors``) and fit
the slot's known bytes, likeliest word first; for a character lost whole, also what the page
writes after it twice or more. ``gbk_candidates`` prices them for the page and keeps them by slot
and character before.
"""

from __future__ import annotations

from operator import itemgetter

from extractor.gbk_plans import Option
from extractor.gbk_score import fixed_priors
from extractor.gbk_slots import Slot
from extractor.gbk_words import successors

# a pair the page writes this often offers its second character (``Candidates._written``)
PAGE_WORD_USES = 2

# ``successors`` of the characters asked, kept for the process (looked up in C: a page asks
# for thousands; cleared when full, as its characters come back first)
_SUCCESSORS: dict[str, tuple[list[float], list[str], list[str], bytes, bytes]] = {}
SUCCESSORS_KEPT = 4096

_COMPILED = not __file__.endswith(".py")


def _written_after(previous: str, view: str, document: str) -> str:
    """The characters a page (``document``, and its Simplified ``view``, aligned) writes after
    ``previous`` (Simplified) at least PAGE_WORD_USES times, as written, commonest first."""
    uses: dict[str, int] = {}  # a Counter's most_common order: by count, ties as first seen
    place = view.find(previous)
    while 0 <= place < len(view) - 1:
        char = document[place + 1]
        uses[char] = uses.get(char, 0) + 1
        place = view.find(previous, place + 1)
    ranked = sorted(uses.items(), key=itemgetter(1), reverse=True)
    return "".join([char for char, count in ranked if count >= PAGE_WORD_USES])


def _completing(slot: Slot, previous: str, own: frozenset[str]) -> tuple[Option, ...]:
    """The completions of a slot after ``previous``, with the priors that hold on any page,
    likeliest word first (ties by character, last first): few of ``successors(previous)``
    fit the slot's known byte, so only those are put in order, and a page finds them again
    rather than a cache keep them (pages share few slots after the same character). Those
    with the known byte are found by a byte search. Never asked for a swallowed byte."""
    pool = _SUCCESSORS.get(previous)
    if pool is None:
        if len(_SUCCESSORS) >= SUCCESSORS_KEPT:
            _SUCCESSORS.clear()
        pool = _SUCCESSORS[previous] = successors(previous)
    logprobs, chars, forms, firsts, seconds = pool
    if not chars:
        return ()
    lead, trail, leads, trails = slot.lead, slot.trail, slot.leads, slot.trails
    # -1 for a lost byte: compared in C compiled, no number made a place
    known_lead = -1 if lead is None else lead
    known_trail = -1 if trail is None else trail
    if known_lead >= 0:
        places = _places(firsts, known_lead)
    elif known_trail >= 0:
        places = _places(seconds, known_trail)
    else:
        places = range(len(chars))
    found = []
    for place in places:
        first, second = firsts[place], seconds[place]
        if (  # the characters the slot allows (``Slot.allows``)
            (known_lead < 0 or first == known_lead)
            and (known_trail < 0 or second == known_trail)
            and (leads is None or first in leads)
            and (trails is None or second in trails)
        ):
            char = chars[place]
            if char not in own:
                form = forms[place]
                found.append((logprobs[place], char, form, first))
    if not found:  # most often: no call made
        return ()
    found.sort(reverse=True)  # by log-probability, then character: each character is once
    priors = fixed_priors([word[1] for word in found], slot)
    # by place, not ``zip``: a call with a keyword each time, in the compiled module too
    return tuple([(word[1], word[2], priors[place], word[3]) for place, word in enumerate(found)])


def _places(known: bytes, byte: int) -> list[int]:
    """Where ``byte`` is in ``known``, in order: compiled, a C loop over its forty bytes (a
    method call per place found cost more); interpreted, a search in C."""
    found: list[int] = []
    if _COMPILED:
        for place in range(len(known)):
            if known[place] == byte:
                found.append(place)
        return found
    place = known.find(byte)
    while place >= 0:
        found.append(place)
        place = known.find(byte, place + 1)
    return found
