"""jieba's dictionary, read once per worker and shared by everything that needs it.

Three stages use it: jieba's cutter (each word's count, and every prefix of a word with count 0),
the language model (word log-probabilities and character counts) and the part-of-speech flag
of dictionary words (entities). Each used to load its own copy: jieba from its cache file, the
model and ``jieba.posseg`` by reading ``dict.txt`` again, together about 180 MB per worker.
Read once here, the three share one string per word, and a cutter of our own works on the
shared counts: about 75 MB. That cutter is also deaf to words a host program adds to jieba's
default one, so output does not depend on what else runs in the process.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba


@dataclass(frozen=True)
class Dictionary:
    """jieba's ``dict.txt`` as jieba reads it (a word listed twice keeps its last count)."""

    counts: dict[str, int]  # jieba's FREQ: a word's count; 0 for a prefix that is no word
    total: int  # every listed count, as jieba sums them
    flags: dict[str, str]  # a word's part-of-speech flag, as jieba.posseg reads it


@cache
def dictionary() -> Dictionary:
    """Loaded on first use (under a second)."""
    counts: dict[str, int] = {}
    flags: dict[str, str] = {}
    total = 0
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, flag = line.split()
            counts[word] = int(count)
            total += int(count)
            flags[word] = sys.intern(flag)  # a few dozen flags, not one string per word
            for end in range(1, len(word)):
                counts.setdefault(word[:end], 0)
    return Dictionary(counts, total, flags)


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba's cutter on the shared counts (``jieba.dt`` would load a copy of its own)."""
    cutter = jieba.Tokenizer()
    cutter.FREQ, cutter.total = dictionary().counts, dictionary().total
    cutter.initialized = True
    return cutter
