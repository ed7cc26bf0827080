"""jieba's dictionary read once: the word cut, the language model and the POS flags share it."""

from __future__ import annotations

import math

import jieba
import jieba.posseg
import pytest

from extractor.dictionary import dictionary
from extractor.lm import LanguageModel, language_model
from extractor.word_cut import cut

SENTENCES = (
    "某县审计局2019年工作总结",
    "全年共审计单位12个，发现问题资金3.5万元。",
    "驻村工作队帮扶贫困户",
)


def test_shared_copy_is_what_jieba_loads_itself():
    jieba.setLogLevel(60)
    jieba.initialize()
    shared = dictionary()
    assert list(shared.counts.items()) == list(jieba.dt.FREQ.items())  # in the same order
    assert shared.total == jieba.dt.total
    assert list(shared.flags.items()) == list(jieba.posseg.dt.word_tag_tab.items())


def test_cutter_cuts_as_jieba_does():
    for sentence in SENTENCES:
        assert cut(sentence) == jieba.lcut(sentence)


def test_model_keeps_one_string_per_word():
    counts = dictionary().counts
    word = next(w for w in language_model().words if w == "审计")
    assert any(key is word for key in counts if key == "审计")


def test_model_leaves_out_prefixes_and_shares_logprobs():
    model = LanguageModel({"审": 0, "审计": 4, "局": 4, "单位": 8})
    assert model.word_logprob("审") is None
    assert model.word_logprob("审计") is model.word_logprob("局")
    assert model.word_logprob("单位") == pytest.approx(model.word_logprob("审计") + math.log(2))
    assert model.char_counts["审"] == 4


def test_model_tables_in_the_dictionary_order():
    """Candidate tables inherit the order of ``words``: it stays the order of a plain loop."""
    counts, model = dictionary().counts, language_model()
    words = {w: c for w, c in counts.items() if c and len(w) <= 4}
    assert list(model.words) == list(words)
    char_counts: dict[str, int] = {}
    for word, count in counts.items():
        for char in word:
            char_counts[char] = char_counts.get(char, 0) + count
    assert list(model.char_counts.items()) == list(char_counts.items())
    assert model.long_word_tails == {w[-2:] for w in model.words if len(w) > 2}
