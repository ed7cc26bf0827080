"""jieba's default cut (``Tokenizer.cut``: its dictionary route, then its character HMM on the
unknown runs), done again on the shared counts.

The entity stage cuts hundreds of short stretches a page (a few characters before a suffix,
a segment, a group's purpose words). jieba's own cut spends most of such a call around the
work: generators nested three deep, a dict of lists for the route's graph, tuples for every
edge it weighs, a path list copied per character in the HMM. This cut walks the same graph,
weighs each edge by the same sum in the same order and breaks ties the same way, so its words
are jieba's (a property test compares the two on made-up text). Reading the shared counts
(``extractor.dictionary``), it is deaf to words a host program adds to jieba's default cutter.
"""

from __future__ import annotations

from math import log

import jieba
from jieba import finalseg

from extractor.dictionary import dictionary

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

_BLOCKS = jieba.re_han_default  # what jieba weighs by its dictionary; the rest it splits
_SPACES = jieba.re_skip_default
_HAN = finalseg.re_han  # within an unknown run, what the HMM reads; the rest it keeps whole
_ALNUM = finalseg.re_skip
_UNSEEN = finalseg.MIN_FLOAT
_START = finalseg.start_P
_TRANS = finalseg.trans_P
_EMIT_B, _EMIT_M, _EMIT_E, _EMIT_S = (finalseg.emit_P[state] for state in "BMES")
if not cython.compiled:  # compiled, libm's log of the count as a C double (word_cut.pxd),
    log_of_count = log  # what math.log calls on it, without a Python call per edge


def cut(text: str) -> list[str]:
    """``jieba.lcut(text)`` on the shared counts."""
    words: list[str] = []
    table = dictionary()
    counts, log_total = table.counts, log(table.total)
    for index, block in enumerate(_BLOCKS.split(text)):
        if index % 2:  # split's odd parts are the pattern's matches
            _route_words(block, counts, log_total, words)
        elif block:
            for part_index, part in enumerate(_SPACES.split(block)):
                if part_index % 2:
                    words.append(part)  # a space, kept as a word
                else:
                    words += part  # anything else, a character at a time
    return words


def _route_words(block: str, counts: dict[str, int], log_total: float, words: list[str]) -> None:
    """jieba's ``__cut_DAG``: the most probable route of dictionary words (the graph and its
    weights in one pass from the end, a tie going to the longer word as jieba's ``max`` over
    ``(weight, end)`` has it); single characters in a row are cut again by the HMM unless they
    spell a dictionary word."""
    length = len(block)
    weights = [0.0] * (length + 1)
    ends = [0] * length
    for start in range(length - 1, -1, -1):
        best_end, best, stop = start, 0.0, start + 1
        found = False
        count = counts.get(block[start])  # one look-up a fragment: None past the prefixes
        while count is not None:
            if count:
                weight = log_of_count(count) - log_total + weights[stop]
                if not found or weight >= best:
                    best, best_end, found = weight, stop - 1, True
            if stop == length:
                break
            stop += 1
            count = counts.get(block[start:stop])
        if not found:  # no word starts here: the character alone, counted once
            best = log(1) - log_total + weights[start + 1]
        weights[start], ends[start] = best, best_end
    single_from = -1  # where the current run of single characters began
    at = 0
    while at < length:
        after = ends[at] + 1
        if after - at == 1:
            if single_from < 0:
                single_from = at
        else:
            if single_from >= 0:
                _singles(block[single_from:at], counts, words)
                single_from = -1
            words.append(block[at:after])
        at = after
    if single_from >= 0:
        _singles(block[single_from:], counts, words)


def _singles(run: str, counts: dict[str, int], words: list[str]) -> None:
    """A run of characters the route took one by one: a dictionary word as its characters,
    else the HMM's words (``finalseg.cut``)."""
    if len(run) == 1:
        words.append(run)
    elif counts.get(run):
        words += run
    else:
        for index, block in enumerate(_HAN.split(run)):
            if index % 2:
                _hmm_words(block, words)
            elif block:
                words += [part for part in _ALNUM.split(block) if part]


def _hmm_words(chars: str, words: list[str]) -> None:
    """``finalseg``'s Viterbi over the B/M/E/S states and its reading of the best path. Each
    state's best predecessor is picked as jieba's ``max`` over ``(score, state)`` does: on equal
    scores the later letter wins (common where an unseen character's floor swallows the rest)."""
    first = chars[0]
    b = _START["B"] + _EMIT_B.get(first, _UNSEEN)
    m = _START["M"] + _EMIT_M.get(first, _UNSEEN)
    e = _START["E"] + _EMIT_E.get(first, _UNSEEN)
    s = _START["S"] + _EMIT_S.get(first, _UNSEEN)
    eb, es = _TRANS["E"]["B"], _TRANS["E"]["S"]
    sb, ss = _TRANS["S"]["B"], _TRANS["S"]["S"]
    mm, me = _TRANS["M"]["M"], _TRANS["M"]["E"]
    bm, be = _TRANS["B"]["M"], _TRANS["B"]["E"]
    back: list[str] = []  # per character after the first: the predecessors of B, M, E, S
    for char in chars[1:]:
        emit = _EMIT_B.get(char, _UNSEEN)
        from_e, from_s = e + eb + emit, s + sb + emit
        new_b, to_b = (from_s, "S") if from_s >= from_e else (from_e, "E")
        emit = _EMIT_M.get(char, _UNSEEN)
        from_m, from_b = m + mm + emit, b + bm + emit
        new_m, to_m = (from_b, "B") if from_b > from_m else (from_m, "M")
        emit = _EMIT_E.get(char, _UNSEEN)
        from_b, from_m = b + be + emit, m + me + emit
        new_e, to_e = (from_m, "M") if from_m >= from_b else (from_b, "B")
        emit = _EMIT_S.get(char, _UNSEEN)
        from_s, from_e = s + ss + emit, e + es + emit
        new_s, to_s = (from_e, "E") if from_e > from_s else (from_s, "S")
        back.append(to_b + to_m + to_e + to_s)
        b, m, e, s = new_b, new_m, new_e, new_s
    state = "S" if s >= e else "E"
    states = [state]
    for predecessors in reversed(back):
        state = predecessors["BMES".index(state)]
        states.append(state)
    begin = after = 0
    for index, state in enumerate(reversed(states)):
        if state == "B":
            begin = index
        elif state == "E":
            words.append(chars[begin : index + 1])
            after = index + 1
        elif state == "S":
            words.append(chars[index])
            after = index + 1
    if after < len(chars):
        words.append(chars[after:])
