"""HTML reduction: a saved page becomes its text through splices that replay exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.html import html_splices, looks_like_html
from extractor.offsets import EditableText, Splice, replay

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>某镇2023年农业农村工作总结_公文范文站</title>
  <style>.ad { display: none } p > b { color: red }</style>
  <script>var n = 3; if (n < 5 && n > 1) { document.write("<p>广告</p>"); }</script>
</head>
<body>
<!-- 顶部广告 开始 -->
<nav><a href="/">首页</a> &gt; <a href="/nongye/">农业总结</a></nav>
<div class="article">
<h1>某镇2023年农业农村工作总结</h1>
<p>　　今年以来，我镇坚持把农业农村工作摆在突出位置，
粮食总产量达到3.2万吨，同比增长4%。</p>
<p>一、主要做法&nbsp;&amp;&nbsp;成效<br>
（&#x4E00;）稳定粮食生产。全镇落实种植面积&#20013;稻谷1.1万亩。<br/>
（二）推广 <b>smart farming</b> 技术，建成示范基地2个。</p>
<table><tr><th>项目</th><th>资金</th></tr><tr><td>灌溉渠</td><td>85万元</td></tr></table>
<script type="text/javascript">
  window.stats = "<div>";
</script>
<noscript><img src="/count.gif" alt=""></noscript>
</div>
<footer>版权所有 &copy; 公文范文站</footer>
</body>
</html>
"""

PAGE_TEXT = (
    "首页 > 农业总结\n"
    "某镇2023年农业农村工作总结\n"
    "　　今年以来，我镇坚持把农业农村工作摆在突出位置，粮食总产量达到3.2万吨，同比增长4%。\n"
    "一、主要做法 & 成效\n"
    "（一）稳定粮食生产。全镇落实种植面积中稻谷1.1万亩。\n"
    "（二）推广 smart farming 技术，建成示范基地2个。\n"
    "项目 资金\n"
    "灌溉渠 85万元\n"
    "版权所有 © 公文范文站"
)


def _reduced(text: str) -> str:
    editable = EditableText(text)
    editable.apply(html_splices(text))
    return editable.text


def _applied_by_hand(text: str, splices: list[Splice]) -> str:
    for splice in reversed(splices):
        text = text[: splice.start] + splice.replacement + text[splice.end :]
    return text


def test_page_reduces_to_its_text_with_paragraph_breaks():
    assert _reduced(PAGE) == PAGE_TEXT


def test_editable_text_and_its_log_replay_to_the_same_text():
    splices = html_splices(PAGE)
    editable = EditableText(PAGE)
    editable.apply(splices)
    assert editable.text == _applied_by_hand(PAGE, splices) == PAGE_TEXT
    assert replay(PAGE, editable.repairs()) == PAGE_TEXT


def test_every_splice_changes_something_and_is_labelled():
    splices = html_splices(PAGE)
    for splice in splices:
        assert PAGE[splice.start : splice.end] != splice.replacement
        assert (splice.kind, splice.rule) in {
            ("html", "html.head"),
            ("html", "html.tag"),
            ("html", "html.script"),
            ("html", "html.comment"),
            ("html", "html.doctype"),
            ("html", "html.whitespace"),
            ("html_entity", "html.entity"),
        }
    entities = {PAGE[s.start : s.end]: s.replacement for s in splices if s.kind == "html_entity"}
    expected = {"&gt;": ">", "&nbsp;": " ", "&amp;": "&", "&#x4E00;": "一", "&#20013;": "中"}
    assert entities == {**expected, "&copy;": "©"}


def test_scripts_styles_and_the_head_leave_nothing_behind():
    text = _reduced(PAGE)
    for gone in ("广告", "window.stats", "display", "<", "公文范文站_", "count.gif", "顶部"):
        assert gone not in text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>第一段</p><p>第二段</p>", "第一段\n第二段"),
        ("<div>甲</div>\n\n  <div>乙</div>", "甲\n乙"),
        ("第一行<br><br>\n<br/>第二行", "第一行\n第二行"),
        ("<p>上半年完成\n  年度任务</p>", "上半年完成年度任务"),  # a hard wrap between ideographs
        ("<p>完成 年度任务</p>", "完成 年度任务"),  # a space on one line is kept
        ("<p>annual\n   report</p>", "annual report"),
        ("<p>Hello <b>world</b>!</p>", "Hello world!"),
        ("<p>重<b>点</b>工作</p>", "重点工作"),
        ("<p>重点 <b>工作</b></p>", "重点工作"),
        ("<p>使用 <b>Python</b> 处理</p>", "使用 Python 处理"),
        ("<p>wor<i>k</i>ers</p>", "workers"),
        ("<table><tr><td>一</td><td>二</td></tr><tr><td>三</td></tr></table>", "一 二\n三"),
        ("<p>a&nbsp;b &lt;c&gt; &#39;d&#39; &#x263A;</p>", "a b <c> 'd' ☺"),
        ("<p>&unknown; &amp 5</p>", "&unknown; & 5"),
        ("<p>x</p><!-- a comment --><p>y</p>", "x\ny"),
        ("<p>x<![CDATA[ raw ]]>y</p>", "xy"),
        ("<?xml version='1.0'?><p>x</p>", "x"),
        ("<head><title>t</title><body><p>x</p>", "x"),  # head closed by <body>
        ("<template><p>hidden</p></template><p>x</p>", "x"),
        ('<P CLASS="a">大写</P><DIV>标签</DIV>', "大写\n标签"),
        ("<a title=\"a > b\" href='x'>链接</a>", "链接"),
    ],
)
def test_reduction_cases(source, expected):
    assert _reduced(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a < b and 3<5", "a < b and 3<5"),
        ("<p>x</p><!-- never closed <p>y</p>", "x"),
        ("<p>x</p><script>var a = 1;", "x"),
        ("<p>x</p><style>p {}", "x"),
        ("<div class='x>甲", "<div class='x>甲"),
        ("<p>甲</p><noscript>乙", "甲\n乙"),
        ("<", "<"),
        ("&", "&"),
        ("</", "</"),
        ("<!", "<!"),
        ("&#99999999;", "\ufffd"),
        ("<p\n>甲</p  >", "甲"),
        ("<head><p>甲</p>", "甲"),
    ],
)
def test_broken_markup_is_reduced_without_raising(source, expected):
    assert _reduced(source) == expected


def test_looks_like_html():
    assert looks_like_html(PAGE)
    assert looks_like_html("<HTML><BODY>甲</BODY></HTML>")
    assert looks_like_html("<p>一</p><p>二</p><p>三</p><div>四</div><br>五")
    assert not looks_like_html("")
    assert not looks_like_html("全年共完成检查42次</p>，整改问题15个。")
    assert not looks_like_html("完成了全年任务bsp;取得良好成效/span>。")
    assert not looks_like_html("本文介绍<header>标签的用法")
    sparse = "<p>" + "工作总结。" * 600 + "</p>" * 4 + "<br>"
    assert not looks_like_html(sparse)  # five tags, but far fewer than one per 400 characters


# -- properties ------------------------------------------------------------------------------

HTMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>", "</p>", "<br/>", "<div class='a'>", "</div>", "<b>", "</b>", "<td>",
                "<!--", "-->", "<script>", "</script>", "<head>", "</head>", "<body>",
                "<noscript>", "</noscript>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "&amp;",
                "&nbsp;", "&#20013;", "&#x4e00", "&", "<", ">", '"', "'", " ", "\n", "\r\n",
                "甲", "乙", "，", "a", "b",
            ]
        ),
        st.text(max_size=5),
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=300)
@given(st.one_of(HTMLISH, st.text()))
def test_any_text_gives_sorted_non_overlapping_splices_that_apply(text):
    splices = html_splices(text)
    cursor = 0
    for splice in splices:
        assert cursor <= splice.start <= splice.end <= len(text)
        assert text[splice.start : splice.end] != splice.replacement
        cursor = splice.end
    editable = EditableText(text)
    editable.apply(splices)
    assert editable.text == _applied_by_hand(text, splices)
    assert replay(text, editable.repairs()) == editable.text
