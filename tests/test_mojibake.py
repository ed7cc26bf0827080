"""Shifted-GBK recovery on made-up text: damage made by hand with the codec, then undone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extractor
from extractor import gbk_rivals
from extractor.gbk import decode_pair, table
from extractor.gbk_hypotheses import _middle
from extractor.gbk_marks import run_rules
from extractor.gbk_runs import suspect_segments
from extractor.gbk_words import SUCCESSORS, successors
from extractor.lm import language_model
from extractor.mojibake import LOST_MARK, find_repairs
from extractor.offsets import EditableText
from extractor.rules import load_rules
from extractor.running_text import RunningPhrases


def _shifted(text: str) -> str:
    """``text`` as a mirror shows it when the lead byte of its first character is lost."""
    data = text.encode("gb18030")[1:]
    out, position = [], 0
    while position < len(data):
        if data[position] < 0x80:
            out.append(chr(data[position]))
            position += 1
            continue
        char = decode_pair(data[position], data[position + 1]) if position + 1 < len(data) else None
        out.append(char if char is not None else "?")
        position += 2
    return "".join(out)


def _repaired(text: str, hints: dict[int, tuple[str, ...]] | None = None) -> str:
    editable = EditableText(text)
    editable.apply(find_repairs(text, hints or {}))
    return editable.text


def test_the_codec_model_reproduces_a_mirror_run():
    assert _shifted("地干部群眾")[:4] == "馗刹咳罕"
    assert _shifted("現") == "F"


@pytest.mark.parametrize(
    ("before", "damaged_part", "after", "expected"),
    [
        ("全縣各級", "干部群眾踴躍參與", ",活動", "全縣各級干部群眾踴躍參與,活動"),
        ("局黨組", "認真研究部署帶", "(dài)頭", "局黨組認真研究部署帶頭"),
    ],
)
def test_a_shifted_run_ending_in_a_trail_letter_is_restored(before, damaged_part, after, expected):
    shifted = _shifted(damaged_part)
    tail = after.split(")", 1)[-1] if "(" in after else after
    page = before + shifted + tail
    assert _repaired(page) in (expected, expected.replace("(dài)", ""))


def test_a_lone_trail_letter_with_its_reading_is_restored():
    page = "實現了全年目標,F將有關情況總結如下"
    assert _repaired(page, {8: ("xiàn",)}) == "實現了全年目標,現將有關情況總結如下"


def test_a_seam_names_the_lost_lead_byte():
    # 當 = ae 94; 地 = b5 d8. The seam 數 (94 b5) carries the lost lead byte b5.
    page = "促進當?" + _shifted("地干部群眾樹立")[:6] + "l展"
    repaired = _repaired(page, {3: ("shù",), 10: ("fā",)})
    assert repaired.startswith("促進當地干部群眾樹")
    assert repaired.endswith("發展")


def test_uncertain_characters_are_marked_not_guessed(monkeypatch):
    # 績 = bf 83, 如 = c8 e7: the seam 內 (83 c8) names the lost lead; the colon's trail byte
    # took the < of </p> along ("?"), and without running text's phrases nothing tells ：
    # from ， or ！.
    monkeypatch.setattr(gbk_rivals, "running_phrases", lambda: RunningPhrases({}))
    page = "教學成績?" + _shifted("如下：")[:-1] + "?/p>\n一、"
    repaired = _repaired(page, {4: ("nèi",)})
    assert repaired == f"教學成績如下{LOST_MARK}/p>\n一、"


def test_a_close_call_is_told_by_the_phrase_running_text_writes():
    # The same page: the People's Daily writes 如下： far more often than its pairs predict.
    page = "教學成績?" + _shifted("如下：")[:-1] + "?/p>\n一、"
    assert _repaired(page, {4: ("nèi",)}) == "教學成績如下：/p>\n一、"


def test_a_character_known_only_by_its_reading_is_put_back():
    # 房 lost its lead byte, and its trail byte went with the 1 after it: only the reading
    # (fáng) after 危's own shows that a character stood there.
    assert _repaired("改造農村危11戶,全村", {4: ("fáng",)}) == "改造農村危房11戶,全村"


def test_a_character_known_only_by_its_reading_is_not_the_pages_word_of_another_reading():
    # 期 vanished behind 學, its reading (qī) left: the page's many 學校 make 校 (xiào) the
    # likeliest word after 學, but a character known by its reading alone is one read so.
    page = "中心小學蹲點一學,幫助學校提高教學質量。學校的老師和學校的學生都說學校好,學校學校。"
    assert _repaired(page, {7: ("qī",)}).startswith("中心小學蹲點一學期,幫助學校")


def test_a_seam_with_nothing_after_it_is_the_whole_character():
    # 任 = c8 ce, 務 = 84 d5: the seam 蝿 (ce 84) names the lead; d5 was dropped before ",".
    assert _repaired("全面完成任?,全年", {5: ("yíng",)}) == "全面完成任務,全年"


def test_a_question_mark_where_a_run_starts_is_a_character_and_the_byte_it_swallowed():
    # 發 = b0 6c lies outside GB2312, so a run may start after it: 展 = d5 b9 lost its lead and
    # its trail took the comma along. The page's own habit (a comma before Han text) names it.
    assert _shifted("展,") == "?"
    page = "圍繞發?抓好產業項目,做好服務,加強管理,確保安全,完善制度,落實責任。"
    assert _repaired(page) == "圍繞發展,抓好產業項目,做好服務,加強管理,確保安全,完善制度,落實責任。"


def test_a_byte_swallowed_before_a_number_is_not_guessed():
    # 金 = bd f0 lost its lead; its trail took the 1 of 1,380 along. Comma or digit, and which
    # digit, nothing tells: the byte is marked, not guessed.
    page = "收回統籌資?,380萬元,用於村內道路,安裝路燈,修建水池,共12處,惠及3個組。"
    assert _shifted("金1") == "?"
    repaired = _repaired(page)
    assert repaired[5:7] in (f"金{LOST_MARK}", LOST_MARK * 2)
    assert repaired[7:] == page[6:]


def test_a_masked_figure_is_not_a_lone_trail_byte():
    # 金x (bd f0 78) lost its lead: f0 78 reads 饃. The x after it masks a digit (xx万元):
    # it is not a trail byte whose lead was lost.
    page = "今年重點扶持資" + _shifted("金x") + "x万元,用於產業發展。"
    assert "x万元" in _repaired(page)


def test_the_documents_own_terms_settle_a_lost_character():
    # 支 (d6 a7) lost its lead: by the word model alone 執教 and 支教 are close, but this page
    # writes 支教 four times.
    page = "我縣今年選派教師支教,支教教師每人支教一年,支教工作成效明顯。建議"
    damaged = page + _shifted("支教周期适当延長") + ";二是加強管理。"
    assert _repaired(damaged) == page + "支教周期适当延長;二是加強管理。"


def test_a_run_after_a_pair_the_page_writes_elsewhere_may_continue_its_phrase():
    # 村 (b4 e5) lost its lead byte after 岩腳: the word model prefers 腳板 (b0 e5, the same
    # trail byte), but the page writes 岩腳村 before, its own phrase.
    before = "駐村工作隊聯系上寨、岩腳村兩个村。8月,岩腳"
    repaired = _repaired(before + _shifted("村突發山洪,鎮里組織轉移群眾。"))
    assert repaired == before + "村突發山洪,鎮里組織轉移群眾。"


@pytest.mark.parametrize("seamed", [True, False])
def test_the_second_character_of_a_run_may_continue_the_pages_phrase(seamed):
    # 政 (d5 fe) lost its lead, at a seam or with no trace; (fe be) was private-use and
    # dropped, 局 (be d6) left only the "?" its trail made with the line end. The page writes
    # 縣財政局 in its title: without that phrase a lone "?" is no second character.
    head = "南陵縣財政局2019年工作總結\n2019年,南陵縣財政局在縣委、縣政府的正確領導下,認真履職。\n"
    page = head + ("南陵縣財??2020年1月10日" if seamed else "南陵縣財?2020年1月10日")
    hints = {page.index("財?") + 1: ("yín",)} if seamed else {}
    assert _repaired(page, hints) == head + "南陵縣財政局\n2020年1月10日"


def test_the_pages_figures_ending_in_a_mark_do_not_outweigh_a_word():
    # 弱 (c8 f5) lost both bytes before a swallowed comma (┍∪? = 施薄弱, shifted); the page
    # writes 人, after each of its figures, which says nothing of the character before a mark.
    figures = "全村共312人,其中貧困人口58人,外出務工120人,留守兒童16人,"
    page = figures + "二是小區基礎設" + _shifted("施薄弱,") + "居民改造意願強烈。"
    assert _repaired(page) == figures + "二是小區基礎設施薄弱,居民改造意願強烈。"


def test_a_question_mark_a_few_common_characters_after_a_run_start_ends_a_run():
    # 部署, (b2 bf ca f0 2c) lost its lead: bf ca reads 渴 and the last trail byte took the
    # comma along. 渴 is common, nothing looks rare, but a run may start after 體 (f3 77) and
    # a "?" there is a trail byte that swallowed an ASCII one.
    assert _shifted("部署,") == "渴?"
    restored = _repaired("根據縣委的總體渴?結合我鎮實際開展工作。")
    assert restored.startswith("根據縣委的總體部署")
    assert restored.endswith("結合我鎮實際開展工作。")


@pytest.mark.parametrize(
    "question", ["這個辦法好不好?大家都說好。", "資金夠不夠用?基本夠用。", "你們好不好?我們都好。"]
)
def test_a_question_mark_after_common_words_near_a_run_start_is_left_alone(question):
    # 個 (82 80), 夠 (89 f2), 們 (82 83) lie outside GB2312, but what follows them re-paired
    # one byte along reads no better than the question the writer asked.
    assert find_repairs(question, {}) == []


def test_a_folded_full_width_letter_then_a_trail_letter_ends_a_run():
    # 療保險 (af 9f b1 a3 eb 55) without its first byte: 9f b1 reads 煴, a3 eb is ｋ, which
    # the mirror folds to k, and the trail 55 shows as U. Two letters, but glued to a rare
    # character among Chinese text.
    assert _shifted("療保險") == "煴ｋU"
    page = "全縣城鄉居民醫煴kU參保率達到百分之九十八。"
    assert _repaired(page) == "全縣城鄉居民醫療保險參保率達到百分之九十八。"


def test_a_folded_letter_then_a_trail_letter_where_a_run_starts_is_a_run():
    # 保險 (b1 a3 eb 55) lost its lead right after 療 (af 9f, outside GB2312, where runs
    # start): a3 eb is ｋ, folded to k, and the trail 55 shows as U
    assert _shifted("保險") == "ｋU"
    page = "全縣城鄉居民醫療kU參保率達到百分之九十八。"
    assert _repaired(page) == "全縣城鄉居民醫療保險參保率達到百分之九十八。"


def test_a_reading_after_two_letters_among_chinese_text_marks_a_folded_pair():
    # 校離 (d0 a3 eb 78) lost its lead: ｋ folded to k, then the trail x, which the mirror
    # annotated with 離's reading: the letters were Chinese characters.
    (document,) = extractor.extract("部分農村學(xué)kx(lí)城區較遠,交通不便。\n")
    assert document.text == "部分農村學校離城區較遠,交通不便。"


@pytest.mark.parametrize(
    "clean", ["縣級IT部門負責。", "實現GB/T 9704-2012。", "全區AB兩類學校。", "鎢Li礦開采。"]
)
def test_two_letters_after_chinese_text_are_a_code_or_a_word(clean):
    assert find_repairs(clean, {}) == []


def test_a_question_mark_that_ended_a_run_keeps_the_sound_text_after_it():
    # 競賽”1 lost its lead: the last trail byte took the 1 along ("?"). 次 after it is sound:
    # the run does not go on through the "?" as if it were a folded ？ (a3 bf).
    assert _shifted("競賽”1") == "傎悺?"
    repaired = _repaired("今年開展“財政業務知識傎悺?次,選拔業務骨干8名。")
    assert repaired.startswith("今年開展“財政業務知識競賽")
    assert repaired.endswith("次,選拔業務骨干8名。")


def test_a_seam_then_a_lone_letter_may_hide_a_whole_character_between():
    # 发現 (b7 a2 ac 46) lost its lead: a2 ac is private-use and was dropped, 46 shows as F.
    # The seam 猫 (計's trail 8b, b7) names 发's lead byte; 現's reading names the letter.
    (document,) = extractor.extract("審(shěn)計?miáo)F(xiàn):部分扶貧項目建成后闲置。\n")
    assert document.text[:4] in ("審計发現", "審計發現")
    assert document.text[4:] == ":部分扶貧項目建成后闲置。"


def test_a_question_mark_before_a_blank_line_took_no_line_end_the_page_would_not_leave():
    # 述職如下: lost its lead after 況; the last trail byte took the colon. A line end there
    # would leave two empty lines in a row, which the page never does
    page = (
        "一年來,我認真完成學校安排的各項工作。現將一學年來的工作情況"
        + _shifted("述職如下:")
        + "\n\n一、思想政治方面\n\n我堅持學習黨的教育方針。\n\n二、教學工作方面\n\n我認真備課。\n"
    )
    repaired = _repaired(page)
    assert "工作情況述職如下" in repaired and "\n\n\n" not in repaired


def test_a_second_reading_at_a_seam_is_a_character_dropped_after_it():
    # 工會 (b9 a4 95 fe) lost its lead after 總 (bf 82): the seam 偣 (82 b9) reads yān, a4 95 is
    # private-use and was dropped, and fe before the line end too: only 會's reading is left
    page = "全縣職工技能競賽圓滿結束。\n龍溪縣總?\n2019年12月20日"
    assert _repaired(page, {18: ("yān", "huì")}) == page.replace("?", "工會")


def test_a_character_between_two_dropped_pairs_is_restored():
    # 政府的 (d5 fe b8 ae b5 c4) one byte along: (fe b8) and (ae b5) are private-use and were
    # dropped, so 府 left no byte and the run's bytes pair 政's lead with 的's trail (d5 c4)
    damaged = "和政府的溫暖送到困難群眾心坎上"
    page = "一、基本情況\n今年以來,我們把黨" + _shifted(damaged) + "。\n"
    assert _repaired(page) == page.replace(_shifted(damaged), damaged)


def test_a_character_between_two_dropped_pairs_may_follow_a_seam():
    # 鎮 (e6 82) then 政府的正確 lost 政's lead: the seam 傉 (82 d5) names it, (fe b8) and
    # (ae b5) are private-use and were dropped, so 府 left no byte and 的's trail pairs with 正's
    # lead (恼); the page writes 鎮政府 elsewhere
    damaged = "政府的正確領導下"
    after = ",全鎮齊心協力。\n鎮政府的幹部走村入戶。\n"
    page = "一、基本情況\n在縣委、鎮?" + _shifted(damaged) + after
    assert _repaired(page, {12: ("nù",)}) == page.replace("?" + _shifted(damaged), damaged)


def test_a_character_between_two_dropped_pairs_is_sought_where_the_bytes_read_rare():
    # d5 c4 reads 漳, rare in words: 政府的 may stand behind it; b5 c4 reads 的, most often right
    assert len(_middle(0xD5, 0xC4)) == len(_middle(0xB5, 0xC4)) + 1


def test_a_lone_letter_after_a_run_that_ended_in_a_question_mark_starts_its_own():
    # A seam (績?mào)) starts the first run, whose last trail byte took the comma ("?"); 情況
    # lost its lead after 約 and shows as 闆r. The second run starts after the "?", not at
    # the seam.
    first, second = _shifted("效分配,"), _shifted("情況")
    page = "考核結果用於團隊績?" + first + "與履約" + second + "和群眾滿意。"
    assert page.endswith("與履約闆r和群眾滿意。")
    assert _repaired(page, {9: ("mào",)}).endswith("與履約情況和群眾滿意。")


def test_a_folded_letter_then_a_question_mark_where_a_run_starts_is_a_run():
    # 模小, (c4 a3 d0 a1 2c) lost its lead: a3 d0 is Ｐ, folded to P, and the last trail byte
    # took the comma along. Right after 規 (outside GB2312) that is a run, not a code.
    assert _shifted("模小,") == "Ｐ?"
    repaired = _repaired("一是村集體經濟規P?產業發展剛剛起步。")
    assert repaired.startswith("一是村集體經濟規模")
    assert repaired.endswith("產業發展剛剛起步。")
    assert find_repairs("真的是這樣嗎!?我們要想一想。", {}) == []


def test_a_folded_digit_then_a_question_mark_after_a_rare_character_ends_a_run():
    # 村危房1 (b4 e5 ce a3 b7 bf 31) lost its lead: e5 ce reads 逦 (rare), a3 b7 is ７, folded
    # to 7, and 房's trail took the 1 along. The swallowed digit is marked, not guessed.
    assert _shifted("村危房1") == "逦７?"
    repaired = _repaired("二是改造農逦7?1戶,全村住房安全有保障。")
    assert repaired == f"二是改造農村危房{LOST_MARK}1戶,全村住房安全有保障。"


def test_a_letter_after_a_seam_is_a_trail_byte_even_without_a_reading():
    # 實際 = 8c 8d eb 48: the seam 嶋 (8d eb, read dǎo) names 際's lost lead, whose trail 48
    # shows as H before the comma. No reading follows the H, but the seam says a run starts.
    page = "孫校長根據學校實?H,安排我擔任五年級數學老師。"
    assert _repaired(page, {8: ("dǎo",)}) == "孫校長根據學校實際,安排我擔任五年級數學老師。"


def test_a_question_mark_after_a_gb2312_character_is_left_alone():
    # 么 = c3 b4 is in GB2312: no run starts after it, the question mark is the writer's.
    assert find_repairs("這是為什么?我們要想一想。", {}) == []


@pytest.mark.parametrize(
    "question",
    [
        "這些問題怎麼解決?我們認為要加強管理。",  # 決 = 9b 51, outside GB2312
        "學生們學到了什麼?他們學會了合作。",
        "扶貧資金用在哪裡?全部用於產業發展。",
        "為何會出現這種情況?主要是思想認識不到位。",
    ],
)
def test_a_question_mark_ending_a_question_is_the_writers(question):
    # Right after a character outside GB2312 a "?" may be a trail byte that swallowed an
    # ASCII one; a sentence that asks (什麼, 哪, 為何) and holds nothing rare says otherwise.
    assert find_repairs(question, {}) == []


def test_question_words_from_a_user_rules_folder_make_a_question_the_writers(tmp_path):
    # 幾時 (when) is not in the shipped list: the "?" after 決 (outside GB2312) is suspect
    # until a --rules folder adds the word; the shipped words still count beside it.
    lexicon = tmp_path / "lexicon"
    lexicon.mkdir()
    (lexicon / "question_words.txt").write_text("# ours\n几时\n", encoding="utf-8")
    rules = load_rules([tmp_path])
    assert "几时" in rules.question_words and "什么" in rules.question_words
    question = "資金缺口幾時解決?1月份就能見效。"
    assert any(s.terminator == "question" for s in suspect_segments(question, {}))
    assert list(suspect_segments(question, {}, rules)) == []
    assert find_repairs(question, {}) != []  # the "?" read as a trail byte that took the 1
    options = extractor.Options(rules_dirs=(tmp_path,))
    assert extractor.extract(question.encode(), options=options)[0].text.startswith(question)


def test_the_user_rules_folders_reach_the_shifted_gbk_stage(tmp_path):
    # surnames (no run after one) from the entity lexicon, and the words written after a
    # figure from the quantity and money rules, of the same folders as the question words
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "surnames.txt").write_text("仉\n", encoding="utf-8")
    rules = load_rules([tmp_path])
    assert rules.extra_dirs == (tmp_path.resolve(),)
    assert "仉" in run_rules(rules.question_words, rules.extra_dirs).surnames
    assert "仉" not in run_rules(rules.question_words, ()).surnames


def test_a_run_that_shows_a_question_word_still_ends_in_its_question_mark():
    # 貧 re-paired one byte along reads 呢, among rare characters: no question was asked.
    shifted = _shifted("法外出務工的貧困勞動力。")
    assert "呢" in shifted and shifted.endswith("?")
    repaired = _repaired("一是優先安置無" + shifted + "其次是加強培訓。")
    assert repaired.startswith("一是優先安置無法外出務工的貧困勞動力")


@pytest.mark.parametrize(
    "clean",
    [
        "人民小學骨干教師朱成邦、張昶、譚艷梅分別做了專題講座。",
        "建立QQ群,利用QQ互通信息;還倡導教師之間建立聯系。",
        "依據GB/T 9704-2012排版,共3.5萬元。",
        "你知道嗎?我們做到了。",
        "能力;為了進一步加大課堂教學實效性的推動力度",
        "黔江區鵝池鎮瞿家村熊燕老師",
    ],
)
def test_clean_text_with_rare_words_codes_and_question_marks_is_untouched(clean):
    assert find_repairs(clean, {}) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="縣局總結工作發展群眾幹部學校教育資金萬元戶人年月日,。、;:", max_size=40))
def test_ordinary_text_is_never_changed(text):
    assert find_repairs(text, {}) == []


def test_a_reading_that_is_not_the_characters_own_is_kept_as_a_hint():
    # Through the pinyin stage: 危's own reading, then 房's, whose bytes vanished before 11.
    (document,) = extractor.extract("改造農村危(wēi)(fáng)11戶,全村羣衆\n")
    assert document.text.startswith("改造農村危房11戶")


def test_a_toned_latin_letter_among_chinese_text_belongs_to_a_run():
    # 定 lost its lead byte: 定发 re-paired one byte along reads ǚ⒄, a pinyin letter of the
    # a8 row; with the readings gone it stands among Chinese characters, so it is a run's.
    shifted = _shifted("定发展茶叶產業")
    assert shifted.startswith("ǚ")
    page = "二是堅持穩" + shifted + "。全鎮新增茶園三百畝,帶動農戶增收。"
    assert _repaired(page) == "二是堅持穩定发展茶叶產業。全鎮新增茶園三百畝,帶動農戶增收。"


def test_a_run_whose_last_trail_byte_was_0x80_ends_before_chinese_text():
    # 還 = df 80: 0x80 cannot lead a pair, so the decoder dropped it and was back in step at
    # 不. The text after the run is sound and stays as it is.
    shifted = _shifted("幫扶、技能幫扶的力度還")
    assert shifted.endswith("?")  # what this helper shows; the mirror dropped the byte
    page = "一是今年就業" + shifted[:-1] + "不夠。明年繼續加強。"
    assert _repaired(page) == "一是今年就業幫扶、技能幫扶的力度還不夠。明年繼續加強。"


def test_a_folded_mark_then_a_lone_letter_ends_a_run():
    # 。 (a1 a3) then 現 (ac 46): re-paired they show ，(a3 ac), folded to a comma, and F.
    shifted = _shifted("工作。現").replace("，", ",")
    assert shifted.endswith(",F")
    page = "我們堅持把各項" + shifted + "將一年來的情況總結如下。"
    assert _repaired(page) == "我們堅持把各項工作。現將一年來的情況總結如下。"


def test_a_known_character_offers_what_its_likeliest_words_continue_with():
    """After 教 come the second characters of the likeliest two-character words it starts
    (教育, 教学 …), in GBK: a lost byte is usually filled inside a word."""
    words = language_model().words
    likeliest = sorted(((p, w[1]) for w, p in words.items() if len(w) == 2 and w[0] == "教"))
    _, chars, forms, _, _ = successors("教")
    assert {simple for _, simple in likeliest[-SUCCESSORS:]} == set(forms)
    assert ("學", "学") in zip(chars, forms, strict=True)


def test_the_gbk_table_knows_each_characters_forms():
    gbk = table()
    assert (gbk.simplified["學"], gbk.traditional["学"], gbk.simplified["学"]) == ("学", "學", "学")
    assert all(gbk.simplified[c] == c for t, c in gbk.by_lead[0xB0] if t >= 0xA1)  # GB2312: 啊 …


@pytest.mark.parametrize(
    ("before", "run", "after"),
    [
        # the date under a signature starts its own line: the issuer's line ended before it
        ("以上是全年工作總結。\n\n溪源縣審", "計局\n", "2019年12月20日\n"),
        # a list's first item under its heading, not after a separator
        ("三、推進困難職工解困脫", "困\n", "(一)建檔立卡困難職工全部脫困。\n"),
        # … and in a sentence, after its colon
        ("下半年,鄉黨委將重點", "做好以下工作:", "一是迎接評估檢查;二是做好產業發展。\n"),
    ],
)
def test_the_line_end_or_colon_a_question_mark_took_is_put_back(before, run, after):
    # each run starts after a character outside GB2312 (審 8c 8f, 脫 c3 93, 點 fc 63) and its
    # last trail byte took the ASCII byte after it along: "?"
    page = before + _shifted(run) + after
    assert _shifted(run).endswith("?")
    assert _repaired(page) == before + run + after


def test_a_year_inside_a_sentence_does_not_take_a_line_end():
    # 攻堅, lost its lead byte: the comma went with the last trail byte, and a comma and a line
    # end before a year are both the page's habits; the byte stays marked
    page = "經過全村上下共同努力,我們的脫貧" + _shifted("攻堅,") + "2019年全村脫貧。\n"
    assert "\n2019" not in _repaired(page)


def test_a_pair_dropped_after_a_seam_before_a_question_mark():
    # 工會 (b9 a4 95 fe) lost its lead after 總 (bf 82): the seam 偣 (82 b9) reads yān, (a4 95)
    # is private-use and dropped, and 會's trail fe took the line end along (?): one reading left
    head = "全縣各級工會組織積極開展送溫暖活動,取得了較好成效。\n龍溪縣總"
    page = head + "??2019年12月20日"
    assert _repaired(page, {len(head): ("yān",)}) == head + "工會\n2019年12月20日"


def test_a_two_character_way_survives_until_the_step_after_it_completes_a_word():
    # 幫 (8e cd) lost its lead: after it only the lead byte b7 of 扶 is known, so the readings
    # of 头 are compared before 幫扶 can make a word; the likelier 和 must not crowd it out
    intro = "全鎮幹部與貧困戶結對幫扶。開展結對共建活動3次。\n學校安排教師結"
    repaired = _repaired(intro + _shifted("對幫扶,") + "各項工作取得實效。\n")
    assert "头" not in repaired and repaired.startswith(intro) and "幫扶" in repaired[len(intro) :]
