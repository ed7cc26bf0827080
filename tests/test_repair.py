"""The fixers: each changes only what it must, and says where."""

from __future__ import annotations

import re

from ftfy.badness import is_bad
from hypothesis import given
from hypothesis import strategies as st

import extractor
from extractor.offsets import EditableText
from extractor.repair import (
    _ANY,
    _LONE,
    _UNCOMMON,
    RepairConfig,
    RepairState,
    _suspect_pair_in,
    could_be_bad,
    repair,
)
from extractor.rules import load_rules


def _repaired(text: str, config: RepairConfig | None = None) -> EditableText:
    state = RepairState(EditableText(text), load_rules(), hints=[])
    repair(state, config or RepairConfig())
    return state.editable


def test_utf8_read_as_latin1_is_repaired_without_folding_chinese_punctuation():
    broken = "项目名称：“扶贫车间”（一期），".replace("“扶贫车间”", "â€œ扶贫车间â€\x9d")
    editable = _repaired(broken)
    assert editable.text == "项目名称：“扶贫车间”（一期），"
    (record,) = editable.repairs()
    assert (record.kind, record.rule) == ("mojibake", "ftfy.fix_text")


def test_full_width_text_is_left_alone():
    text = "一、基本情况：全年投入资金５万元（含配套），“四帮四促”活动！"
    assert _repaired(text).repairs() == []


def test_fixers_can_be_switched_off():
    text = "某縣(xiàn)審計局</p>"
    assert _repaired(text, RepairConfig(fix_pinyin_annotations=False)).text == "某縣(xiàn)審計局"
    assert _repaired(text, RepairConfig(fix_html_residue=False)).text == "某縣審計局</p>"


def test_hints_are_kept_with_raw_positions():
    text = "某(mǒu)地當(dāng)?shù)馗刹"
    state = RepairState(EditableText(text), load_rules(), hints=[])
    repair(state, RepairConfig())
    (hint,) = state.hints
    assert (text[hint.position], hint.reading) == ("?", "shù")


def test_options_reach_the_pipeline():
    options = extractor.Options(repair=RepairConfig(fix_pinyin_annotations=False))
    (document,) = extractor.extract("某縣(xiàn)審計局工作總結", options=options)
    assert document.text == "某縣(xiàn)審計局工作總結"


_MOJIBAKE_ALPHABET = "".join(
    sorted(
        {chr(code) for code in range(0x80, 0x530)}
        | set("‚„“”‘’•–—…€†‡‰‹›™√≈≠≤≥∂∆∏∑∞∩∫№│┌┐┘├┤┬┼═║╔╗╚╝╠╣╦╩╬▀▄█▌▐░▒▓\ufffd\uf8ff")
        | set("aZ .,?!\n\u3000扶贫车间（）：，。")
    )
)


@given(st.text(alphabet=_MOJIBAKE_ALPHABET, max_size=8))
def test_the_prefilter_lets_through_every_text_ftfy_finds_bad(text):
    assert could_be_bad(text) or not is_bad(text)


def test_the_prefilter_spares_quotes_dashes_and_pinyin_readings():
    assert not could_be_bad("“扶贫车间”——全年‘四帮四促’……“節(jié)”")
    assert could_be_bad("项目â€œ扶贫车间â€")


@given(st.text(alphabet=_MOJIBAKE_ALPHABET, max_size=8))
def test_the_prefilter_is_the_plain_alternation_it_is_written_for(text):
    plain = re.compile(f"[{_LONE}]|[{_UNCOMMON}][{_ANY}]|[{_ANY}][{_UNCOMMON}]")
    assert could_be_bad(text) == (plain.search(text) is not None)
    assert _suspect_pair_in(text) == could_be_bad(text)  # the compiled module's way, both ways
