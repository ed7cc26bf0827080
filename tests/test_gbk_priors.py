"""Shifted-GBK choices on made-up pages: what the page says of filled characters, ? inside runs."""

from __future__ import annotations

import math

import pytest
from test_mojibake import _repaired, _shifted

from extractor import gbk_tables
from extractor.figure_rules import load_quantity_rules
from extractor.gbk import HIGH_TRAILS, SWALLOWED, byte_stream
from extractor.gbk_hypotheses import _through_questions
from extractor.gbk_marks import reads_shifted_before
from extractor.gbk_page_costs import FAMILIAR_USES, UNFAMILIAR_COST, WORD_PAGE_CHARS
from extractor.gbk_punctuation import ENUMERATION_TRAIL, misfit
from extractor.gbk_score import Scorer
from extractor.gbk_slots import Slot
from extractor.gbk_swallowed import counted_unit, measure_words, opens_measure
from extractor.line_shapes import mark_context
from extractor.lm import HEADING_END, language_model
from extractor.mojibake import UNCERTAIN_COST
from extractor.views import to_simplified

HEADINGS = (
    "一、總體情況\n全鎮完成各項任務。\n二、主要做法\n落實各項責任。\n三、工作成效\n群眾滿意。\n"
)
ITEMS = "1.對學習困難的學生,安排教師輔導;\n2.對家庭困難的學生,落實資助;\n"


def _priors(page: str, line: str, then: str = "鎮黨委成立") -> dict[str, float]:
    scorer = Scorer(language_model(), page, traditional=True)
    slot = Slot(None, None, swallowed=SWALLOWED, then=then, line=line)
    return {mark: scorer.slot_bonus(mark, slot) for mark in "\n,"}


def test_an_unfamiliar_rare_character_costs_more_than_an_unfamiliar_common_one():
    scorer = Scorer(language_model(), "全鎮完成各項任務。任務,任務;乖", traditional=True)
    never = UNFAMILIAR_COST * math.log1p(FAMILIAR_USES)  # what any character the page lacks costs
    assert scorer.unfamiliar("匡") > scorer.unfamiliar("刊") > scorer.unfamiliar("坚") == never
    assert scorer.unfamiliar("物") == never  # common in words: 刊物 is read 刊物, not 匡
    assert scorer.unfamiliar("務") == 0.0  # the page's own
    assert 0 < scorer.unfamiliar("乖") < scorer.unfamiliar("嘿")  # once on the page


def test_a_word_the_page_writes_neither_character_of_is_unfamiliar_once():
    model = language_model()
    many = map(chr, range(0x4E00, 0x4E00 + 2 * WORD_PAGE_CHARS))  # a page of many characters
    page = "".join(char for char in many if char not in "寒假前")
    lacking = Scorer(model, page, traditional=False)
    writing = Scorer(model, page + "放假", traditional=False)
    # filled, 寒 and 假 each pay ``unfamiliar`` in their slot priors: the word wins back all
    # but its rarer character's cost on a page that writes neither (寒假前, not 嘿前)
    once = min(lacking.unfamiliar("寒"), lacking.unfamiliar("假"))
    assert once > 0
    assert lacking.score("寒假") - writing.score("寒假") == pytest.approx(once)
    assert lacking.score("寒前") == pytest.approx(writing.score("寒前"))  # no word: each pays
    # a short page is not one to be unfamiliar with a word: no reading of words gains
    short = "全鎮完成各項任務。"
    assert Scorer(model, short, traditional=True).score("寒假") == pytest.approx(
        Scorer(model, short + "放假", traditional=True).score("寒假")
    )


def test_a_short_numbered_line_ends_where_the_pages_headings_do():
    priors = _priors(HEADINGS, "四、加強組織領導")
    assert priors["\n"] > priors[","]


def test_a_heading_whose_rest_would_stand_alone_takes_a_comma():
    # the rest of the line, 深化責任審計, would be no heading and no sentence on its own
    page = HEADINGS + "全鎮完成各項任務,落實責任。\n"
    two_parts = _priors(page, "四、強化監督", then="深化責任審計\n五、工作打算")
    assert two_parts[","] > two_parts["\n"]
    # a rest that is a sentence of its own follows the heading's line end
    sentence = _priors(page, "四、強化監督", then="全年審計3項。\n五、")
    assert sentence["\n"] > sentence[","]


def test_a_numbered_line_on_a_page_of_run_in_items_goes_on():
    priors = _priors(ITEMS, "3.對留守兒童的學生")
    assert priors[","] > priors["\n"]


def test_a_line_with_a_sentence_end_or_no_marker_is_no_heading():
    scorer = Scorer(language_model(), HEADINGS, traditional=True)
    assert scorer.swallowed.heading_share("四、加強組織領導") > 0.5
    for line in ("四、加強領導。鎮黨委成立", "加強組織領導", "四、" + "加強組織領導" * 5):
        assert scorer.swallowed.heading_share(line) == 0.0


def test_headings_numbered_in_words_and_items_numbered_in_figures_are_shapes_apart():
    # 一、 heads a part, 1、 an item under it: long items say nothing of how 三、 lines end
    item = "、落實幫扶措施,每戶安排一名幹部聯系,按月走訪一次並記錄在冊。\n"
    items = "".join(n + item for n in "1234")
    scorer = Scorer(language_model(), HEADINGS + items, traditional=True)
    assert scorer.swallowed.heading_share("四、加強組織領導") > 0.5
    assert scorer.swallowed.heading_share("5、落實幫扶") == 0.0


def test_a_numbered_line_is_a_heading_as_often_as_its_own_series_is():
    # (一)…(三) under 二、 are headings, (一)…(三) under 四、 run-in sentences: the page's share of
    # the shape (2 of 5) would misread both series' damaged lines alike
    page = (
        "二、主要做法\n(一)加強組織領導?鎮黨委成立工作領導小組。\n"
        "(二)落實幫扶措施\n每戶安排幹部聯系。\n(三)推進產業發展\n新建茶園二百畝。\n"
        "四、工作打算\n(一)鞏固脫貧成果。建立返貧預警機制,做到早發現早干預。\n"
        "(二)做強特色產業?爭取資金拓寬銷售渠道,扶持合作社。\n"
        "(三)加強村級組織建設。培養村級后備干部三名。\n"
    )
    scorer = Scorer(language_model(), page, traditional=True)
    assert scorer.swallowed.heading_share("(一)加強組織領導") > 0.5
    assert scorer.swallowed.heading_share("(二)做強特色產業") == 0.0
    assert scorer.swallowed.heading_share("(三)鞏固成果") < 0.5  # not on the page: its shape
    priors = _priors(page, "(一)加強組織領導")
    assert priors["\n"] > priors[","]
    run_in = _priors(page, "(二)做強特色產業", then="爭取資金拓寬銷售渠道,扶持")
    assert run_in["\n"] <= run_in[","]  # the page's share (0.4) put its line end first


def test_a_line_with_a_lost_byte_is_no_evidence_of_how_lines_end():
    damaged = "四、加強組織領導?鎮黨委成立工作領導小組。\n"
    one = Scorer(language_model(), HEADINGS, traditional=True)
    two = Scorer(language_model(), HEADINGS + damaged * 3, traditional=True)
    assert (
        one.swallowed.heading_share("五、落實責任")
        == two.swallowed.heading_share("五、落實責任")
        > 0.5
    )


def test_a_bracketed_numeral_opens_a_line():
    assert mark_context("(二)加強") == mark_context("（二）加強") == "opening"
    assert mark_context("(共)加強") == "text"


@pytest.mark.parametrize(
    ("before", "run"), [("壓實責", "任落實"), ("抓好學", "校管理"), ("規範資", "金管理")]
)
def test_a_swallowed_line_end_after_a_heading_is_restored(before, run):
    page = HEADINGS + "四、" + before + _shifted(run + "\n") + "鎮黨委成立領導小組。"
    assert "?" in page
    assert _repaired(page) == HEADINGS + "四、" + before + run + "\n鎮黨委成立領導小組。"


@pytest.mark.parametrize(
    ("before", "run"), [("加強領導,壓實責", "任落實"), ("抓好黨建,規範資", "金管理")]
)
def test_a_swallowed_line_end_is_restored_where_a_comma_would_run_the_heading_on(before, run):
    # with a comma the line would run on to a sentence end, as none of the page's 一、 lines do:
    # the line end is the heading's, and a comma's pairs on the page are no evidence against it
    rest = "年初,鎮黨委召開專題會議,研究部署全年工作。"
    page = HEADINGS + "四、" + before + _shifted(run + "\n") + rest
    assert "?" in page
    assert _repaired(page) == HEADINGS + "四、" + before + run + "\n" + rest


@pytest.mark.parametrize(("before", "run"), [("加強組織領", "導"), ("壓實幫扶責", "任")])
def test_a_headings_line_end_is_restored_where_the_page_writes_its_last_words_before_a_comma(
    before, run
):
    # 領導, and 責任, on the page say how 領導 ends a clause, not that the heading runs on
    word = before[-1] + run
    pairs = f"鎮黨委切實加強{word},落實各項措施;各村加強{word},壓實工作。\n"
    rest = "年初,鎮黨委召開專題會議,研究部署全年工作。"
    page = HEADINGS + pairs + "四、" + before + _shifted(run + "\n") + rest
    assert "?" in page
    assert _repaired(page) == HEADINGS + pairs + "四、" + before + run + "\n" + rest


@pytest.mark.parametrize(("before", "run"), [("壓實責", "任落實"), ("抓好學", "校管理")])
def test_a_swallowed_comma_in_a_run_in_item_is_restored(before, run):
    page = ITEMS + "3." + before + _shifted(run + ",") + "建立聯系卡。"
    assert _repaired(page) == ITEMS + "3." + before + run + ",建立聯系卡。"


@pytest.mark.parametrize(
    ("then", "level"), [("鎮黨委", None), ("2019年度考核", "heading"), ("(一)建立", "whole")]
)
def test_priors_of_a_swallowed_byte_still_sum_to_one(then, level):
    # a heading's line end before text is read as HEADING_END, which the word model prices as a
    # comma; before a year it is priced as a comma by the heading share, before a list wholly
    scorer = Scorer(language_model(), HEADINGS, traditional=True)
    slot = Slot(None, None, swallowed=SWALLOWED, then=then, line="四、加強組織領導")
    assert (scorer.swallowed.form("\n", slot) == HEADING_END) == (level is None)
    weight = {None: 0.0, "heading": scorer.swallowed.heading_share(slot.line), "whole": 1.0}
    alike = weight[level] * (scorer.char_logprob(",") - scorer.char_logprob("\n"))
    shares = [
        math.exp(scorer.slot_bonus(m, slot) - (alike if m == "\n" else 0.0)) for m in SWALLOWED
    ]
    assert math.isclose(sum(shares), 1.0)


def test_a_question_mark_inside_a_run_is_a_trail_byte_0x80_and_a_lost_lead():
    shown = "糠?撠"  # 部穩定脫貧 shifted: 穩 = b7 80, the ? took 80 and 定's lead b6
    stream = byte_stream(shown)
    read = _through_questions(shown, stream)
    assert read == [*stream[:2], 0x80, None, *stream[4:]]
    assert _through_questions("?撠", byte_stream("?撠")) is None  # a ? where the run starts
    assert _through_questions("糠撠", byte_stream("糠撠")) is None


def test_a_run_through_a_character_whose_trail_byte_was_0x80_is_restored():
    page = "擔任二年級" + _shifted("兩個教學班的語文") + "教學工作"
    assert "?" in page
    assert _repaired(page) == "擔任二年級兩個教學班的語文教學工作"


def test_a_letter_before_a_digit_after_text_that_reads_shifted_ends_a_run():
    page = "同時" + _shifted("安排中心小學") + "3名青年教師"  # 才胖行男W3名
    assert reads_shifted_before(page, page.index("W"))
    assert _repaired(page) == "同時安排中心小學3名青年教師"


def test_a_letter_before_a_digit_after_sound_text_is_a_code():
    for clean in ("完成中心小學B2樓改造", "新購置M2型設備", "投入使用的W3型", "全縣建成5G基站"):
        letter = next(i for i, c in enumerate(clean) if c.isascii() and c.isalpha())
        assert not reads_shifted_before(clean, letter)
        assert _repaired(clean) == clean


def test_a_run_ending_in_a_trail_byte_0x80_keeps_the_reading_left_after_it():
    # 村利用退耕還 without its first byte: 謇猛烁, then (耕's trail, 還's lead) was private-use
    # and 還's trail 0x80 was dropped; the mirror's reading of 還 stayed after 烁
    page = "石筍村有林下養雞。石筍謇猛烁林地发展產業"
    hints = {page.index("烁"): ("hái",)}
    assert _repaired(page, hints) == "石筍村有林下養雞。石筍村利用退耕還林地发展產業"
    sound = "全村利用退耕還林地发展產業"  # a reading that is the character's own: nothing to do
    assert _repaired(sound, {sound.index("還"): ("hái",)}) == sound


def test_a_run_after_a_seam_may_end_in_a_dropped_trail_byte_0x80_at_once():
    # 不穩定 without 不's lead byte b2: the seam (貧's trail 9a, b2) was read jiě, then 环 (bb b7)
    # and 穩's trail 0x80, dropped: the decoder is back in step at 定
    page = "建立監測機制,對脫貧?环定戶和邊緣戶開展排查"
    restored = "建立監測機制,對脫貧不穩定戶和邊緣戶開展排查"
    seam = page.index("?")
    assert _repaired(page, {seam: ("jiě",)}) == restored
    assert _repaired(page, {seam: ("jiě",), seam + 1: ("wěn",)}) == restored
    sound = page.replace("?", "")  # no seam: nothing says a run starts there
    assert _repaired(sound) == sound


def test_an_enumeration_comma_needs_an_item_before_it():
    # 將 (8c a2) and 、 (a1 a2) share their trail byte: a run's first character after 。現
    for line in ("成效明顯。現", "省", "各項工作。張"):
        assert misfit("、", Slot(None, ENUMERATION_TRAIL, line=line)) > 0
    for line in ("一", "\n三", "鄉、鎮", "。省、市", "全縣", "教育"):  # 一、 heads a section
        assert misfit("、", Slot(None, ENUMERATION_TRAIL, line=line)) == 0


@pytest.mark.parametrize("run", ["將工作情況報告", "將有關情況匯報"])
def test_a_runs_first_character_after_one_opening_a_sentence_is_no_enumeration_comma(run):
    head = "一年來,全鎮在教育、衛生、文化、體育、交通、水利等方面做了大量工作,群眾滿意度提高。現"
    assert _repaired(head + _shifted(run) + "如下:") == head + run + "如下:"


def test_a_letter_beside_a_digit_after_a_folded_pair_is_the_runs_last_trail_byte():
    # 改革。全縣 without 改's lead b8: 母铩, Ｈ (a3 c8) folded to H, (全's trail ab, 縣's lead
    # bf) private-use and dropped, and 縣's trail 68 as the letter h before 13个
    page = "全縣各級婦聯深化群團改革,推進婦聯組織?母铩Hh13个鄉鎮全部完成換屆"
    restored = page.replace("?母铩Hh", "改革。全縣")
    assert _repaired(page, {page.index("?"): ("jiē",)}) == restored
    for clean in ("配備了Hh12型設備", "全縣建成5G基站"):
        assert _repaired(clean) == clean


def test_two_characters_may_vanish_behind_one_reading_their_private_use_pair_dropped():
    # 生院 (c9 fa, d4 ba) lost their first byte: (fa, d4) was private-use and dropped, ba took
    # the line end along; only the reading of 院 stayed after 衛
    page = "河口鎮衛生院全體職工共同努力,完成了全年任務。\n河口鎮衛\n2020年12月"
    restored = page.replace("衛\n", "衛生院\n")
    assert _repaired(page, {page.rindex("衛"): ("yuàn",)}) == restored


def test_a_runs_last_pair_may_have_been_private_use_with_nothing_of_the_last_character_left():
    # 總工會 without 總's lead: 偣, then (工's trail a4, 會's lead 95) private-use and dropped,
    # 會's trail took the line end along (?)
    head = "全縣各級工會組織積極開展送溫暖活動,取得了較好成效。\n龍溪縣"
    page = head + _shifted("總工會\n") + "2019年12月20日"
    assert page.endswith("偣?2019年12月20日")
    assert _repaired(page) == head + "總工會\n2019年12月20日"


FIGURES = "全鎮共有行政村12個,落實幫扶責任人36名。今年新修道路,改善群眾出行條件。\n"


def test_a_digit_swallowed_before_a_classifier_is_written_lost_not_a_comma():
    page = FIGURES + "今年向上爭" + _shifted("取項目6") + "類,總投資明顯增加。"
    assert "?" in page  # the page writes no number before 類: a comma was the page's guess
    assert _repaired(page) == FIGURES + "今年向上爭取項目〓類,總投資明顯增加。"


def test_the_character_before_a_figure_a_question_mark_took_ends_what_its_classifier_counts():
    # 學生 is the likelier word after 學 alone; a school, not a pupil, is counted by 所
    page = FIGURES + "今年為村小學" + _shifted("校6") + "所,新建食堂。"
    assert "學生" not in _repaired(page)
    scorer = Scorer(language_model(), page, traditional=True)
    before = Slot(None, None, trails=HIGH_TRAILS, counted="所")
    alone = Slot(None, None, trails=HIGH_TRAILS)
    lead = scorer.slot_bonus("校", before) - scorer.slot_bonus("校", alone)
    assert lead > 0
    assert scorer.slot_bonus("生", before) == scorer.slot_bonus("生", alone)


@pytest.mark.parametrize(
    ("following", "unit"), [("所,新建", "所"), ("8戶,共", "户"), ("19年", ""), ("所謂", "")]
)
def test_the_classifier_after_a_question_mark_is_read_after_the_rest_of_its_figure(following, unit):
    assert counted_unit(following, language_model().words) == unit


@pytest.mark.parametrize("after", ["類似項目還將增加。", "座談會開了三次。", "人員已配齊。"])
def test_a_comma_before_a_word_that_opens_with_a_classifier_stays_a_comma(after):
    page = FIGURES + "今年向上爭" + _shifted("取項目,") + after
    assert _repaired(page) == FIGURES + "今年向上爭取項目," + after


@pytest.mark.parametrize(
    ("following", "measure"),
    [
        ("座,蓄水", True),
        ("類,總投資", True),
        ("處;二是", True),
        ("萬元,", True),
        ("萬元以上", True),
        ("人次。", True),
        ("座談會", False),
        ("類似", False),
        ("名單", False),
        ("人員", False),
        ("項目", False),
        ("加強", False),
    ],
)
def test_text_that_opens_with_a_classifier_or_money_word_is_a_figures_place(following, measure):
    assert opens_measure(following, language_model().words) is measure


def test_the_words_a_figure_is_written_before_are_the_rules():
    words = measure_words()
    assert load_quantity_rules().units <= words
    assert {"美元", "港币", "万元", "亿元", "万人次"} <= words
    assert not words & {"年", "月", "亩"}  # not classifiers: dates and measures go their own way


def test_a_digit_before_a_classifier_the_page_never_counts_outweighs_a_comma():
    scorer = Scorer(language_model(), FIGURES, traditional=True)
    dam = Slot(None, None, swallowed=SWALLOWED, then="座,蓄水量", line="今年新建水壩")
    assert scorer.slot_bonus("4", dam) > scorer.slot_bonus(",", dam) + UNCERTAIN_COST
    talk = Slot(None, None, swallowed=SWALLOWED, then="座談會", line="今年召開代表大會")
    assert scorer.slot_bonus(",", talk) > scorer.slot_bonus("4", talk)


def test_a_share_that_lost_its_first_digit_before_00_percent_is_100_percent():
    head = "全年共受理群眾來信來訪45件,按期辦結"
    page = head + _shifted("目標完成率1") + "00%。\n"
    assert page.endswith("?00%。\n")
    assert _repaired(page) == head + "目標完成率100%。\n"


@pytest.mark.parametrize(
    ("intro", "run"), [("一學年來的工作情況", "述職如下:"), ("有關情況", "報告如下:")]
)
def test_the_line_before_a_lists_first_item_ends_in_a_colon(intro, run):
    parts = "\n\n一、思想政治方面\n\n我堅持學習黨的教育方針。\n\n二、教學工作方面\n\n我認真備課。\n"
    page = "一年來,我認真完成學校安排的各項工作。現將" + intro + _shifted(run) + parts
    assert _shifted(run).endswith("?")
    assert _repaired(page) == page.replace(_shifted(run), run)


def test_a_colon_before_a_lists_first_item_outweighs_the_pages_comma_after_that_character():
    # the page writes 下, once (領導下,): that pair must not leave 如下 before 一、 uncertain
    parts = "\n\n一、思想政治方面\n\n我堅持學習黨的教育方針。\n\n二、教學工作方面\n\n我認真備課。\n"
    head = "在鎮黨委的正確領導下,一年來,我認真完成學校安排的各項工作。現將有關情況"
    page = head + _shifted("報告如下:") + parts
    assert _repaired(page) == head + "報告如下:" + parts


def test_the_next_item_of_a_series_run_in_on_its_line_follows_a_semicolon():
    # the ? took 夠's trail byte and the ; before 二是, on a line that holds 一是
    head = "四、存在問題\n主要有三個方面:一是村級組織建設薄弱,部分黨員作用發揮"
    page = head + _shifted("不夠;") + "二是產業發展缺少人手。\n"
    assert _shifted("不夠;").endswith("?")
    assert _repaired(page) == head + "不夠;二是產業發展缺少人手。\n"


def test_the_next_item_of_a_series_on_the_same_line_follows_no_line_end():
    # 一是 stands inside the line before the ?: its items run in, so 二是 after it follows a mark
    line = "財政方面主要有兩個問題:一是財政收入增長乏力,稅收依賴程度較高"
    page = HEADINGS + "四、存在問題\n"
    swallowed = _priors(page, line, then="二是剛性支出不斷增加")
    alone = _priors(page, "財政收入增長乏力,稅收依賴程度較高", then="二是剛性支出不斷增加")
    # a line that opens with 一是 runs its items in too (一是…;二是…), unless a line of the
    # page opens with a later item: then the page sets them one a line
    first = "一是財政收入增長乏力,稅收依賴程度較高"
    opening = _priors(page, first, then="二是剛性支出不斷增加")
    one_a_line = _priors(page + "一是加強學習。\n二是改進作風。\n", first, then="二是剛性支出")
    assert swallowed["\n"] < alone["\n"]
    assert alone["\n"] > alone[","]  # on a line of its own, 二是 may well start the next line
    assert opening["\n"] <= opening[","]
    assert one_a_line["\n"] > one_a_line[","]
    assert swallowed["\n"] <= swallowed[","]


@pytest.mark.parametrize(
    ("before", "run"),
    [
        ("以上述職,請各位領導和同志們批評", "指正。"),
        ("全鎮社會穩定,未發生安全事故和羣體", "性事件。"),
    ],
)
def test_a_long_line_that_a_question_mark_ends_keeps_its_last_mark(before, run):
    # 正 = d5 fd, (fd a1) private-use and dropped, 。 = a1 a3, (a3 0a) shown as ?: the line
    # shows no trace of its 。, but the genre ends a sentence's line with one
    body = HEADINGS + "全年舉辦培訓三期。\n幫扶資金全部到位。\n群眾滿意度明顯提升。\n"
    page = body + before + _shifted(run + "\n") + "四、工作打算\n"
    assert "?" in page and "。" not in page[len(body) :]
    assert _repaired(page) == body + before + run + "\n四、工作打算\n"


def test_a_pages_pairs_score_the_same_once_its_table_has_grown():
    """The page's pairs live in a table that doubles when half full: each pair found before
    it grows (with the page's own bonus) is found, the same, after it has grown many times."""
    page = "支教活動,全縣各級支教,支教隊伍"
    scorer = Scorer(language_model(), page, traditional=True)
    text = to_simplified(page)
    before = scorer.run(text)
    scorer.run("".join(chr(0x4E00 + code) for code in range(5000)))  # 5,000 new pairs
    after = scorer.run(text)
    assert (after.score, after.b2, after.b3, after.b4) == (
        before.score,
        before.b2,
        before.b3,
        before.b4,
    )
    assert after.score > Scorer(language_model(), "", traditional=True).run(text).score


@pytest.mark.skipif(
    not gbk_tables.__file__.endswith(".py"), reason="compiled: _Table's methods are C's only"
)
def test_the_open_addressed_table_finds_each_key_after_it_has_grown():
    """The compiled pages' table, run as Python here (the interpreter's pages use a
    dictionary instead): keys that share first places all come back after many doublings."""
    table = gbk_tables._Table()
    keys = sorted({(first, second) for first in range(1, 1_500) for second in (0, first, 7)})
    for first, second in keys:
        place = table.place(first, second)
        assert table.entries[place] is None
        table.put(place, first, second, (first, second))
    assert all(table.entries[table.place(*key)] == key for key in keys)
    assert table.entries[table.place(1_500, 0)] is None


def test_a_character_lost_whole_is_read_as_the_page_writes_after_the_one_before():
    # 站 is neither among the commonest characters nor in a word with 業: only the page, which
    # writes 林業站 twice, offers it (without it, 林業部 was written)
    head = "清河鎮林業站"
    page = head + "2018年完成造林三百畝。" + head + "負責全鎮護林防火。\n"
    damaged = page + "制定了《清河鎮林業" + _shifted("站2") + "019年護林預案》。"
    assert "林業?019" in damaged
    assert _repaired(damaged) == page + "制定了《清河鎮林業站2019年護林預案》。"
