"""Where shifted-GBK runs are looked for: short runs with nothing rare in them, and the marks
that end a run (a folded pair, a lone letter, a reading). Damage made by hand with the codec."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.entity_lexicon import load_entity_lexicon
from extractor.gbk import decode_pair
from extractor.gbk_lines import (
    Stranded,
    _matched_lines,
    _scanned_lines,
    past_plain,
    plain_test,
    quiet_lines,
)
from extractor.gbk_marks import stranded
from extractor.gbk_runs import suspect_segments
from extractor.gbk_shifted import ShiftedPage, reads_shifted
from extractor.lm import language_model
from tests.test_mojibake import _repaired, _shifted

SURNAMES = load_entity_lexicon().surnames


def _hidden(text: str) -> str:
    """``text`` as a mirror shows it when its first lead byte is lost and its last trail byte
    is dropped before the ASCII byte after it (private-use pairs dropped too)."""
    data = text.encode("gb18030")[1:]
    out, position = [], 0
    while position + 1 < len(data):
        out.append(decode_pair(data[position], data[position + 1]) or "")
        position += 2
    return "".join(out)


def test_the_codec_helper_makes_a_short_stranded_run():
    assert _hidden("以內。") == "詢取"
    assert _hidden("治理") == "卫"


@pytest.mark.parametrize(
    ("before", "lost", "after"),
    [
        ("村裏的合作社從無", "到有", ",規模逐年擴大"),  # 無 = 9f 6f, outside GB2312
        ("全力推進社區", "治理", ",今年"),
        ("負債率壓在紅線", "以內。", "\n二、"),
        ("縣扶貧辦支持資", "金共計", "35萬元"),  # before a figure: 鸸, rare and alone
    ],
)
def test_a_short_run_of_common_characters_after_a_run_start_is_searched(before, lost, after):
    page = before + _hidden(lost) + after
    start = len(before)
    assert stranded(page, len(page) - len(after), language_model(), SURNAMES) == start
    found = [s for s in suspect_segments(page, {}) if s.terminator == "hidden"]
    assert any(s.reach <= start and s.end == len(page) - len(after) for s in found)


@pytest.mark.parametrize(
    "clean",
    [
        "全縣共有衛生院12所,村衛生室86個。",  # 院 makes a word with 生
        "項目由副鎮長周曉明牽頭,各站所配合。",  # 頭: a common word on its own
        "全年接待群眾來訪36人次,",
        "本次評課,我們請了三位老師。下學期再評課,範圍擴大到全鄉。",  # written twice
        "今年的工作重點是:\n一、抓黨建",
    ],
)
def test_sound_text_before_a_comma_or_a_number_is_not_a_stranded_run(clean):
    model = language_model()
    ends = [i for i, char in enumerate(clean) if ord(char) < 0x40]
    assert all(stranded(clean, end, model, SURNAMES) is None for end in ends)
    assert _repaired(clean) == clean


@pytest.mark.parametrize(
    "clean",
    [
        "組織教師開展聽評課,每周一次",
        "為每名黨員建立學習檔;定期檢查",
        "每位教師每學期聽評課4節",  # before a figure too: nothing after it to go on
    ],
)
def test_a_stranded_looking_word_in_sound_text_is_searched_and_left_alone(clean):
    model = language_model()  # 評課 and 習檔 are no dictionary words: the search judges them
    assert any(
        stranded(clean, i, model, SURNAMES) for i, char in enumerate(clean) if ord(char) < 0x40
    )
    assert _repaired(clean) == clean


def test_no_stranded_run_after_a_surname():
    clean = "由組長張德勝,副組長李明負責"  # 德勝 after a surname: a given name
    model = language_model()
    assert all(
        stranded(clean, i, model, SURNAMES) is None for i, c in enumerate(clean) if ord(c) < 0x40
    )


def test_a_short_run_of_common_characters_before_a_figure_is_restored():
    # 事會” after 議 (8d 68, outside GB2312) without its first byte: 聲 (c2 95), then fe a1
    # (private-use, dropped) and ”'s trail byte lost before the 8: 聲 is no rare character
    damaged = "各村都設了“鄉賢議事會”,今年全鄉又新建“鄉賢議" + _hidden("事會”") + "8個,"
    assert damaged.endswith("議聲8個,")
    assert _repaired(damaged).endswith("“鄉賢議事會8個,")  # ” left no trace


@pytest.mark.parametrize(
    ("page", "reaches"),
    [
        # 研。現 shifted after 調 (outside GB2312): 小 (d0 a1), ， (a3 ac) folded, F (46)
        ("今年組織人員深入基層調小,F將有關情況匯報如下", True),
        # after sound text the comma is the writer's and F a lost lead byte on its own
        ("雙方合作共贏,F將有關情況匯報如下", False),
        # 把群眾的冷暖放在心上。現 shifted: nothing rare before the comma and no run start,
        # but the characters before it read as words re-paired one byte along
        ("村支部讶罕姷睦渑旁谛纳稀,F將有關情況報告如下", True),
    ],
)
def test_a_folded_mark_then_a_letter_after_a_run_start_ends_the_run(page, reaches):
    mark = page.index(",")
    letters = [s for s in suspect_segments(page, {}) if s.terminator == "letter"]
    assert any(s.reach < mark for s in letters) is reaches


def test_one_rare_character_alone_after_a_run_start_needs_a_smaller_margin():
    # 崗位 (8d 8f ce bb) after 業 (98 49, outside GB2312) without its first byte: 徫 (8f ce),
    # then bb dropped before the 4. The page's 上崗 makes 崗位 likelier, not by the full margin
    before, after = "組織貧困勞動力上崗培訓。提供就業", "460個"
    page = before + _hidden("崗位") + after
    assert page == before + "徫" + after
    assert _repaired(page) == before + "崗位" + after


def test_a_folded_letter_with_a_reading_before_a_comma_is_a_pair_then_a_lost_trail_byte():
    # 保障 after 療: 保's trail a3 and 障's lead d5 make Ｕ (folded), 障's trail dropped
    page = "全面落實醫療U,確保各項政策到位"
    assert _repaired(page, {6: ("zhàng",)}) == "全面落實醫療保障,確保各項政策到位"


def test_a_seam_then_a_folded_pair_then_a_question_mark_is_a_run():
    # the seam 煴 (療's trail 9f, 保's lead b1), Ｕ (a3 d5), then 障's trail took the comma
    page = "全面落實醫療?U?確保各項政策到位"
    assert _repaired(page, {6: ("yūn",)}).startswith("全面落實醫療保障")


def test_a_stray_reading_before_chinese_text_is_a_character_whose_trail_byte_was_0x80():
    # 還 = df 80: its lead lost, 80 cannot lead a pair, so the decoder is back in step at 給
    page = "借用的設備已歸給學校"
    assert _repaired(page, {6: ("hái",)}) == "借用的設備已歸還給學校"


def test_a_run_placed_after_a_question_mark_that_ended_another_run_is_searched():
    # 各項工作, shifted ends in "?"; then 婦聯 (聯 = c2 93, a run may start after it) and
    # 募集5 shifted: 技, then 集's trail byte with the 5 as "?"
    page = "今年暧嫽?婦聯技?0萬元,用於"
    run = page.index("技")
    found = [s for s in suspect_segments(page, {}) if s.terminator == "question"]
    assert any(page.index("?") < s.reach <= run and s.end == run + 1 for s in found)


@pytest.mark.parametrize(
    "clean", ["會上有人問:這是誰的?大家說是集體的?", "他們問:資金夠不夠?還差多少?"]
)
def test_questions_one_after_another_are_the_writers(clean):
    assert _repaired(clean) == clean


def _busy_lines(text: str) -> set[int]:
    """The lines ``quiet_lines`` must leave to the search, position by position: an ASCII
    mark touching a non-ASCII character (or printable ASCII between one and a ``?``), or a
    short run ``stranded`` finds before a mark or digit after a Han character (hints and rare
    characters aside: these texts have none; a private-use one is no rare character but may
    start a run)."""
    busy = set()
    for position, char in enumerate(text):
        before = text[position - 1] if position else "\n"
        after = text[position + 1] if position + 1 < len(text) else "\n"
        touching = char == "?" or "\x40" <= char <= "\x7e"
        mark = touching and (not before.isascii() or not after.isascii())
        mark = mark or ("!" <= char <= "~" and not before.isascii() and after == "?")
        ends = "\u4e00" <= before <= "\u9fff" and char < "\x40"
        if mark or (ends and stranded(text, position, language_model(), SURNAMES) is not None):
            busy.add(text.rfind("\n", 0, position) + 1)
    return busy


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="村社從無到有治理卫詢取以內當學中的,.?:( \n0aZ\ue4c6", max_size=30))
def test_quiet_lines_are_those_no_mark_and_no_stranded_run_touch(text):
    lines = [text.rfind("\n", 0, p) + 1 for p in range(len(text) + 1)]
    quiet = quiet_lines(text, {}, Stranded(text, SURNAMES))
    assert {line for line in lines if line not in quiet} == _busy_lines(text)


def _asked(marked: tuple[set[int], list[tuple[int, int]]]) -> set[tuple[int, int]]:
    """The places ``quiet_lines`` asks ``stranded`` about: those on lines not busy already."""
    busy, ends = marked
    return {(line, end) for line, end in ends if line not in busy}


# a mark, "?", letters and digits, a line end, rare characters (鸸, 卫) and characters outside
# GB2312 (當, 學, 無, a private-use one), common Han ones, a non-ASCII mark and an astral one
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="村社從無到有治理卫鸸詢取以內當學中的,.?:!( \n0aZ~\ue4c6、\U00020000"))
def test_the_pass_over_the_characters_finds_what_the_patterns_find(text):
    scanned, matched = _scanned_lines(text), _matched_lines(text)
    assert scanned[0] == matched[0]
    assert _asked(scanned) == _asked(matched)


@pytest.mark.parametrize(
    ("text", "position", "read", "stop"),
    [
        ("工作總結x", 0, [], 2),  # 總 (bf 82): a run may end in it (82 80, 個, lost its 0x80)
        ("工作總結x", 3, [], 4),  # an ASCII letter: no run character
        ("工作小結", 0, [1], 1),  # a reading after 作
        ("工作小結", 2, [1], 4),  # … behind the start: the text's end
        ("工作\U00020000結", 0, [], 2),  # a character outside the BMP: no run character
    ],
)
def test_a_runs_loop_steps_past_plain_run_characters_only(text, position, read, stop):
    assert past_plain(text, position, read, plain_test()) == stop


SHIFTED_PAGE = (
    "我們堅持把各項"
    + _shifted("工作。現")
    + "將一年來的情況總結如下。"
    + _shifted("干部群眾踴躍參與")
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=12))
def test_a_page_remembering_what_makes_no_word_reads_as_reads_shifted(stretches):
    """``ShiftedPage.reads`` skips the places it knows make no word: any order of asks gives
    what ``reads_shifted`` gives for each."""
    model = language_model()
    page = ShiftedPage(SHIFTED_PAGE, model)
    for start, end in stretches:
        end = min(end, len(SHIFTED_PAGE))
        assert page.reads(start, end) == reads_shifted(SHIFTED_PAGE, start, end, model)
