"""Which of a slot's rivals stand alone: those that make no pair the word model, running text
or the page knows with the text around them and are inside no longer dictionary word. Such
rivals differ only by their own log-probability and prior, so ``gbk_rivals.Rivals`` scores
only the best of them (``_gathered``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from extractor.gbk_pairs import State, _Pairs
from extractor.gbk_plans import Option
from extractor.gbk_words import pair_ends

if TYPE_CHECKING:
    from extractor.gbk_rivals import Rivals

BOUND_SLACK = 1e-6  # rounding aside, a candidate scored by its prior alone is this far below


class _Alone:
    """Whether a character between ``previous`` and each of ``rests`` (the text that may
    follow it) makes no pair the word model, running text or the page knows and is inside
    no longer dictionary word (``holds``: a test per rival, the text around it taken apart
    once; typed and called in C compiled, ``gbk_alone.pxd``, where a closure's call cost
    about 700 instructions a rival). A pair the model or running text knows is one the
    followers ``Candidates`` keeps list (a character found in a string: no pair made and
    looked up in three tables), one of the page is of two of its characters."""

    def __init__(self, rivals: Rivals, previous: str, rests: tuple[str, ...]) -> None:
        self.words, self.document = rivals._words, rivals.bigram_counts
        self.view_chars, self.follow = rivals.view_chars, rivals.candidates._follow
        self.previous, self.after_previous = previous, self.follow.get(previous, "")
        self.previous_written = previous in self.view_chars
        thens = [rest[0] for rest in rests if rest]
        # the pairs with a following character the model or running text may know (and the
        # page), and those only the page may: of its own characters (a ``?``'s readings
        # after a character end no pair the model or running text knows)
        ends = pair_ends(rivals.model, rivals.running)
        self.known = [then for then in thens if then in ends]
        self.written = [then for then in thens if then not in ends and then in self.view_chars]
        # words of three or four around it: (before, after); one whose after holds two
        # characters ends in them, so those must end a longer word (most end none)
        tails, longer = rivals.model.long_word_tails, []
        for rest in rests:
            around = (("", rest[:2]), (previous, rest[:2]), ("", rest[:3]))
            longer += [
                (a, b) for a, b in around if len(a) + len(b) > 1 and (len(b) < 2 or b[-2:] in tails)
            ]
        self.longer = longer

    def holds(self, simple: str) -> bool:
        """Whether ``simple`` (a rival's Simplified form) stands alone there."""
        if simple in self.after_previous:
            return False
        document, view_chars = self.document, self.view_chars
        on_page = simple in view_chars
        if on_page and self.previous_written and self.previous + simple in document:
            return False
        if self.known:
            after_simple = self.follow.get(simple, "")
            for then in self.known:
                if then in after_simple or (on_page and simple + then in document):
                    return False
        if self.written and on_page:
            for then in self.written:
                if simple + then in document:
                    return False
        words = self.words
        for a, b in self.longer:  # noqa: SIM110 (a loop, not all(): run for every rival)
            if a + simple + b in words:
                return False
        return True


def _gathered(
    fitting: list[Option], alone: _Alone | None, pairs: _Pairs, prefix: State
) -> list[tuple[State, float, str]]:
    """``Rivals._rivals`` of the options that fit the slot: the state after ``prefix`` (each
    extended by ``pairs``, the scorer's), prior and character of each that ``alone`` (None:
    none) does not hold, and of those it holds only the best by log-probability (``pairs``'
    by code: no call to the shared cache, about 500 instructions a rival) and prior."""
    found, plain = [], []
    for rival, simple, prior, _ in fitting:
        if alone is not None and alone.holds(simple):
            plain.append((pairs.single(ord(simple) + 1) + prior, simple, prior, rival))
        else:
            found.append((pairs.extend(prefix, simple), prior, rival))
    top = -math.inf  # the best key, in C compiled (``max`` with a default cost ~5,000)
    for entry in plain:
        key = entry[0]
        top = max(top, key)
    found += [
        (pairs.extend(prefix, simple), prior, rival)
        for key, simple, prior, rival in plain
        if key >= top - BOUND_SLACK
    ]
    return found
