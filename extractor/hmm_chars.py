"""How often a character is written at all, from jieba's character HMM (``jieba.finalseg``).

Beside its dictionary, jieba ships the tables of a B/M/E/S character model trained on a real
corpus: how likely each character is to begin, continue or end a word, or to stand alone. Summed
over the states in the chain's long-run shares they give how often a character turns up in
running text, a second count beside the dictionary's. A character filled into a lost byte that
this count calls rare (乖, 嘿, 炯, read where 攻堅, 寒假, 精准 were written) pays for it: per nat
its log-frequency falls short of COMMON_LOG_FREQUENCY, RARE_COST. Tuned on simulated damage (dev
seeds 11–13: floors -9, -10, -10.5, -11 nats; 0.5, 1, 2 per nat; -9 loses, -10 gains a little).
"""

from __future__ import annotations

import math
from functools import lru_cache

from extractor.lm import is_han

COMMON_LOG_FREQUENCY = -10.0  # 攻 -8.1, 寒 -9.1, 卢 -9.4; 乖 -10.8, 炯 -11.2
RARE_COST = 1.0
UNSEEN = -20.0  # a Han character the HMM never saw (its tables hold about 14,600)
STATES = "BMES"


@lru_cache(maxsize=1)
def log_frequencies() -> dict[str, float]:
    """Each character's log-frequency in the HMM: its emissions weighted by the states'
    long-run shares (loaded on first use: the tables ship inside jieba)."""
    from jieba.finalseg import emit_P, trans_P

    shares = dict.fromkeys(STATES, 1 / len(STATES))
    for _ in range(50):  # the chain settles in a few steps; 50 leave it exact to print
        shares = {
            state: sum(shares[p] * math.exp(trans_P[p].get(state, -math.inf)) for p in STATES)
            for state in STATES
        }
    chars = set().union(*(emit_P[state] for state in STATES))
    return {
        char: math.log(sum(shares[s] * math.exp(emit_P[s].get(char, UNSEEN)) for s in STATES))
        for char in chars
    }


@lru_cache(maxsize=1 << 15)
def rare_cost(char: str) -> float:
    """What a filled Simplified character costs for being rare in running text (marks, digits
    and letters are not the HMM's to price: 0)."""
    if not is_han(char):
        return 0.0
    shortfall = COMMON_LOG_FREQUENCY - log_frequencies().get(char, UNSEEN)
    return RARE_COST * shortfall if shortfall > 0 else 0.0


@lru_cache(maxsize=1)
def rare_costs() -> dict[str, float]:
    """``rare_cost`` of each character the HMM has, worked out once: a search asks it of each
    candidate for a lost byte, thousands a page (any other character: ``rare_cost``)."""
    return {char: rare_cost(char) for char in log_frequencies()}
