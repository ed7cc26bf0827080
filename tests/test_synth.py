"""The damage simulator: each kind's signature, the truth it keeps, and determinism."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import opencc
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import pinyin_dict

from extractor import synth, synth_chars, synth_gbk
from extractor.cli import main
from extractor.gbk import decode_pair
from extractor.synth import DAMAGE_KINDS, Damaged, damage
from extractor.synth_archive import synthesize

CLEAN_DIR = Path(__file__).resolve().parents[1] / "corpus" / "clean"

# Made up for these tests: a township summary with full-width punctuation and years.
SUMMARY = """青山镇2021年度农业服务中心工作总结
2021年，青山镇农业服务中心在镇党委、镇政府的领导下，围绕乡村振兴目标，认真履行职责。现将全年工作总结如下：
一、主要工作
（一）发展特色产业。全年推广优质茶叶种植3200亩，组织技术培训12期，培训农户560人次。
（二）办好民生实事。协调资金48.5万元，修建机耕道2.6公里，新建灌溉水池4口。
（三）调整种植结构。镇干部引导农户发展蔬菜大棚，带动35户群众增收。
二、存在问题
一是技术人员不足；二是资金投入有限！群众参与积极性还需提高？
三、下一步打算
2022年，我们将继续加大投入，以后做好服务工作。
青山镇农业服务中心
2021年12月28日
"""
OTHER = """白沙村2020年上半年工作计划
今年，白沙村将以产业发展为重点，做好以下工作：
一、修缮村级活动场所，预计投入资金6万元。
二、组织村民参加养殖技术培训，全年不少于4期。
白沙村民委员会
2020年1月6日
"""
TRADITIONAL = opencc.OpenCC("s2tw").convert(SUMMARY)
FOOTER_WORDS = ("友情提示", "免責聲明", "相关推荐", "小编", "浏览:", "范文大全")
READING = re.compile(r"\(([a-z\u00c0-\u024f\u1e00-\u1eff]{1,7})\)")  # Latin only


def _readings() -> frozenset[str]:
    return frozenset(r for value in pinyin_dict.pinyin_dict.values() for r in value.split(","))


def _page(kinds: tuple[str, ...], seed: int = 1, text: str = SUMMARY) -> Damaged:
    second = OTHER if "second_document" in kinds else None
    return damage(text, kinds, seed, second)


def test_same_seed_same_page_other_seed_other_page():
    first = _page(DAMAGE_KINDS, seed=5)
    assert _page(DAMAGE_KINDS, seed=5) == first
    assert _page(DAMAGE_KINDS, seed=6).input != first.input


def test_synthesize_is_byte_for_byte_reproducible(tmp_path):
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        synthesize(CLEAN_DIR, tmp_path / name, 12, seed)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(files) == 24
    same = [(tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files]
    other = [(tmp_path / "a" / f).read_bytes() == (tmp_path / "c" / f).read_bytes() for f in files]
    assert all(same)
    assert not all(other)


def test_s2t_converts_only_characters_with_one_traditional_form():
    result = _page(("s2t",))
    text = result.documents[0].text
    assert "現將" in text and "總結" in text and "調整" in text
    assert result.input == text + "\n"
    if isinstance(synth_chars._s2t_table(), synth_chars._SingleCharS2T):
        pytest.skip("OpenCC's character table is not readable here; ambiguity is not known")
    assert "干部" in text.replace("幹", "干") and "幹" not in text  # 干: 幹 乾 干 榦
    assert "以后" in text  # 后: 後 后


def test_s2t_leaves_a_traditional_document_alone():
    assert _page(("s2t",), text=TRADITIONAL).documents[0].text == TRADITIONAL.strip()


def test_pinyin_readings_follow_han_characters_and_are_real_readings():
    result = _page(("pinyin",))
    known = _readings()
    matches = list(READING.finditer(result.input))
    han = sum(synth.is_han(c) for c in SUMMARY)
    assert 0.3 * han < len(matches) < 0.9 * han
    for match in matches:
        assert match.group(1) in known
        assert synth.is_han(result.input[match.start() - 1])
    assert READING.sub("", result.input) == result.documents[0].text + "\n"


def test_width_fold_folds_page_and_truth_alike():
    result = _page(("width_fold",))
    text = result.documents[0].text
    assert not set("，：；（）！？") & set(result.input)
    assert "(一)" in text and "提高?" in text and "如下:" in text
    assert result.input == text + "\n"


def test_gbk_shift_runs_differ_from_the_truth_and_restore_with_the_lost_lead_byte():
    restored = 0
    for seed in range(20):
        result = _page(("gbk_shift",), seed, TRADITIONAL)
        truth = result.documents[0]
        spans = [span for span in truth.garbled if span[2] == "gbk_shift"]
        runs = [run for run in result.runs if run.kind == "gbk_shift"]
        assert 1 <= len(spans) == len(runs) <= 3
        for run, (start, end, _) in zip(runs, spans, strict=True):
            shown = result.input[run.start : run.end]
            assert shown != truth.text[start:end]
            lead = truth.text[start].encode("gbk")[:1]
            try:
                again = (lead + shown.encode("gbk")).decode("gbk")
            except UnicodeError:
                continue  # a `?` or a dropped byte: not every run can be restored
            restored += again == truth.text[start:end]
    assert restored >= 5


def test_gbk_shift_runs_start_after_a_character_outside_gb2312():
    # As on real mirror pages: 當(dāng)?shù)馗… starts after 當 = ae 94, never after 的 = b5 c4.
    for seed in range(20):
        result = _page(("s2t", "pinyin", "gbk_shift"), seed, SUMMARY)
        truth = result.documents[0]
        for start, _, _ in truth.garbled:
            trail = truth.text[start - 1].encode("gbk")[-1]
            assert 0x40 <= trail <= 0xA0, truth.text[start - 1 : start + 1]


def test_site_decoder_on_a_known_run():
    # 到 loses its lead byte 0xB5; the decoder resyncs at the trail byte of 繫, shown as M.
    data = "做到每戶有人聯繫、".encode("gbk")
    starts = {n for n in range(0, len(data) + 1, 2)}
    chars, end, shown = synth_gbk.site_decode(data, 3, starts, random.Random(0), synth.RATES)
    assert "".join(chars) == "矫繎粲腥寺摾M"
    assert shown == set(range(3, end))  # no pair was dropped: every byte shows
    assert data[end:] == "、".encode("gbk")
    # The seam: trail(做) + lead(到) reads 龅, whose reading the page shows as ?bāo).
    assert decode_pair(0xF6, 0xB5) == "龅" and synth.reading("龅") == "bāo"
    assert decode_pair(0xB5, 0x28) is None  # `(` cannot be a trail byte
    assert decode_pair(0xAA, 0xA1) == ""  # user-defined area: dropped


def test_site_decoder_at_the_end_of_the_bytes():
    # the last byte falls on a lead position: a `?` of one byte, nothing after it swallowed
    always = synth.Rates(question_rate=1.0)
    data = "到".encode("gbk")
    assert synth_gbk.site_decode(data, 1, {0, 2}, random.Random(0), always) == (["?"], 2, {1})


def _shift_at(text: str, at: int, rates: synth.Rates) -> tuple[str, list[int]]:
    pieces = [synth.Piece(char, index) for index, char in enumerate(text)]
    shifted, _, traceless = synth_gbk.shift_one(pieces, at, random.Random(0), rates, False)
    return "".join(piece.text for piece in shifted), traceless


def test_a_character_whose_trail_byte_was_dropped_before_a_comma_leaves_no_trace():
    # 差 = b2 ee loses b2; ee cannot pair with "," (2c): dropped, and nothing of 差 shows ...
    dropped = synth.Rates(seam_rate=0.0, question_rate=0.0)
    assert _shift_at("基礎較差,我們", 3, dropped) == ("基礎較,我們", [3])
    # ... unless the pair shows as "?" (the comma gone with it) or a seam names the lead byte
    shown = synth.Rates(seam_rate=0.0, question_rate=1.0)
    assert _shift_at("基礎較差,我們", 3, shown) == ("基礎較?我們", [])
    # ... but a digit swallowed into the "?" leaves nothing: any digit makes the same "?"
    assert _shift_at("基礎較差7戶我們", 3, shown) == ("基礎較?戶我們", [4])
    seamed = synth.Rates(seam_rate=1.0, question_rate=0.0)  # 當 = ae 94: (94, b2) is a character
    assert _shift_at("相當差,我們", 2, seamed) == ("相當?ái),我們", [])


def test_traceless_offsets_are_garbled_characters():
    seen = 0
    for seed in range(40):
        for document in _page(("s2t", "pinyin", "gbk_shift"), seed, TRADITIONAL).documents:
            spans = [range(start, end) for start, end, _ in document.garbled]
            assert all(any(o in span for span in spans) for o in document.traceless)
            seen += len(document.traceless)
    assert seen >= 1


def test_lost_lead_letters_sit_at_the_recorded_spans():
    seen = 0
    for seed in range(5):
        result = _page(("lost_lead",), seed, TRADITIONAL)
        truth = result.documents[0]
        runs = [run for run in result.runs if run.kind == "lost_lead"]
        assert len(runs) == len(truth.garbled) >= 1
        for run, (start, end, kind) in zip(runs, truth.garbled, strict=True):
            assert (end - start, kind) == (1, "lost_lead")
            letter = result.input[run.start : run.end]
            assert letter == chr(truth.text[start].encode("gbk")[1])
            assert 0x40 <= ord(letter) <= 0x7E
            seen += 1
        # Everything else is untouched: the page is the truth with those letters.
        rebuilt = list(truth.text)
        for run, (start, _, _) in zip(runs, truth.garbled, strict=True):
            rebuilt[start] = result.input[run.start]
        assert result.input == "".join(rebuilt) + "\n"
    assert seen >= 5


def test_html_residue_is_on_the_page_only():
    result = _page(("html_residue",), seed=3)
    assert re.search(r"</p>|&nbsp;|bsp;|<br/>", result.input)
    cleaned = re.sub(r"</p>|&nbsp; &nbsp;|&nbsp;|bsp;|<br/>", "", result.input)
    assert cleaned == result.documents[0].text + "\n"


def test_duplicate_title_repeats_the_first_line():
    lines = _page(("duplicate_title",)).input.splitlines()
    assert lines[0] == lines[1] == "青山镇2021年度农业服务中心工作总结"


def test_furniture_of_a_fanwen_page():
    result = _page(("furniture",))
    lines = result.input.splitlines()
    assert lines[0].startswith("首页 > ") and lines[1].startswith("时间:")
    assert "小编" in lines[2] and lines[-4] == "相关推荐"
    assert result.documents[0].text == SUMMARY.strip()


def test_furniture_of_a_spam_mirror_page_gets_pinyin():
    result = _page(("s2t", "pinyin", "furniture"))
    footer = READING.sub("", "\n".join(result.input.splitlines()[-2:]))
    assert footer.startswith("友情提示:本文中關于《青山鎮2021年度")
    assert "免責聲明" in footer
    assert READING.search(result.input.splitlines()[-1])


def test_masked_years_in_page_and_truth():
    result = _page(("masked_years",), seed=2)
    text = result.documents[0].text
    assert re.search(r"20(?:2\*|\*\*|xx)年", text)
    assert result.input == text + "\n"
    unmasked = re.sub(r"20(?:2\*|\*\*|xx)年", "", text)
    assert re.sub(r"20\d\d年", "", SUMMARY.strip()) == re.sub(r"20\d\d年", "", unmasked)


def test_second_document_follows_a_caption():
    simplified = _page(("second_document",))
    assert [d.title for d in simplified.documents] == [SUMMARY.split("\n")[0], OTHER.split("\n")[0]]
    assert "\n扩展阅读:白沙村2020年上半年工作计划\n" in simplified.input
    traditional = _page(("s2t", "second_document"))
    assert "\n擴展閱讀:白沙村2020年上半年工作計划\n" in traditional.input  # 划: 劃 划
    assert traditional.documents[1].text.endswith("2020年1月6日")


def test_truth_never_holds_readings_or_furniture():
    for seed in range(10):
        result = _page(DAMAGE_KINDS, seed)
        for document in result.documents:
            assert not READING.search(document.text)
            assert not any(word in document.text for word in FOOTER_WORDS)
            assert document.text == document.text.strip()


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="unknown damage kind"):
        damage(SUMMARY, ("pinyin", "ocr"), 1)
    with pytest.raises(ValueError, match="second"):
        damage(SUMMARY, ("second_document",), 1)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    kinds=st.sets(st.sampled_from(DAMAGE_KINDS), min_size=1),
    traditional=st.booleans(),
)
def test_truth_spans_are_in_bounds_and_do_not_overlap(seed, kinds, traditional):
    result = _page(tuple(kinds), seed, TRADITIONAL if traditional else SUMMARY)
    for document in result.documents:
        previous_end = 0
        for start, end, kind in document.garbled:
            assert kind in synth.GARBLE_KINDS
            assert previous_end <= start < end <= len(document.text)
            previous_end = end


def test_synth_command_writes_inputs_and_truth(tmp_path):
    out = tmp_path / "out"
    command = ["synth", str(CLEAN_DIR), str(out), "--count", "5", "--seed", "3"]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n:05d}.txt" for n in range(5)] + [f"{n:05d}.truth.json" for n in range(5)]
    )
    truth = json.loads((out / "00002.truth.json").read_text(encoding="utf-8"))
    assert truth["input"] == "00002.txt" and truth["kinds"]
    for document in truth["documents"]:
        assert document["title"] == document["text"].split("\n")[0]
        assert all(len(span) == 3 for span in document["garbled"])


def test_synth_command_with_one_kind(tmp_path):
    command = ["synth", str(CLEAN_DIR), str(tmp_path), "--count", "2", "--seed", "0"]
    result = CliRunner().invoke(main, [*command, "--kind", "pinyin"])
    assert result.exit_code == 0, result.output
    truth = json.loads((tmp_path / "00001.truth.json").read_text(encoding="utf-8"))
    assert truth["kinds"] == ["pinyin"]
    page = (tmp_path / "00001.txt").read_text(encoding="utf-8")
    assert READING.sub("", page) == truth["documents"][0]["text"] + "\n"
