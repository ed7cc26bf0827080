"""jieba's dictionary, read once per worker and shared by everything that needs it.

Three stages use it: the word cut (each word's count, and every prefix of a word with count 0),
the language model (word log-probabilities and character counts) and the part-of-speech flag
of dictionary words (entities). Each used to load its own copy: jieba from its cache file, the
model and ``jieba.posseg`` by reading ``dict.txt`` again, together about 180 MB per worker.
Read once here, the three share one string per word, and a cutter of our own
(``extractor.word_cut``) works on the shared counts: about 75 MB. That cutter is also deaf to
words a host program adds to jieba's default one, so output does not depend on what else runs
in the process.
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
    """Loaded on first use (about half a second): the file split in one go, the counts and
    flags set from its columns, and only the prefix loop left in Python."""
    path = Path(jieba.__file__).parent / "dict.txt"
    text = path.read_text(encoding="utf-8")
    fields = text.split()
    if len(fields) != 3 * (text.count("\n") + (not text.endswith("\n"))):
        raise ValueError(f"{path}: every line should hold a word, a count and a flag")
    words, counts = fields[0::3], list(map(int, fields[1::3]))
    by_word: dict[str, int] = {}  # keys in the order jieba's own loop adds them
    for word, count in zip(words, counts, strict=True):
        by_word[word] = count
        for end in range(1, len(word)):
            by_word.setdefault(word[:end], 0)
    # a few dozen flags, not one string per word
    flags = dict(zip(words, map(sys.intern, fields[2::3]), strict=True))
    return Dictionary(by_word, sum(counts), flags)
