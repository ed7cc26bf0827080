"""jieba's dictionary read once: the cutter, the language model and the POS flags share it."""

from __future__ import annotations

import math

import jieba
import jieba.posseg
import pytest

from extractor.dictionary import dictionary, tokenizer
from extractor.lm import LanguageModel, language_model

SENTENCES = (
    "某县审计局2019年工作总结",
    "全年共审计单位12个，发现问题资金3.5万元。",
    "驻村工作队帮扶贫困户",
)


def test_shared_copy_is_what_jieba_loads_itself():
    jieba.setLogLevel(60)
    jieba.initialize()
    shared = dictionary()
    assert shared.counts == jieba.dt.FREQ
    assert shared.total == jieba.dt.total
    assert shared.flags == jieba.posseg.dt.word_tag_tab


def test_cutter_cuts_as_jieba_does():
    for sentence in SENTENCES:
        assert tokenizer().lcut(sentence) == jieba.lcut(sentence)


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
