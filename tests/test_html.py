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

PAGE_TEXT = (  # the <nav> and the <footer> go with their content
    "某镇2023年农业农村工作总结\n"
    "　　今年以来，我镇坚持把农业农村工作摆在突出位置，粮食总产量达到3.2万吨，同比增长4%。\n"
    "一、主要做法 & 成效\n"
    "（一）稳定粮食生产。全镇落实种植面积中稻谷1.1万亩。\n"
    "（二）推广 smart farming 技术，建成示范基地2个。\n"
    "项目 资金\n"
    "灌溉渠 85万元"
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
            ("html", "html.navigation"),
            ("html_entity", "html.entity"),
        }
    entities = {PAGE[s.start : s.end]: s.replacement for s in splices if s.kind == "html_entity"}
    # "&gt;" in the <nav> and "&copy;" in the <footer> leave with them
    assert entities == {"&nbsp;": " ", "&amp;": "&", "&#x4E00;": "一", "&#20013;": "中"}


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
    assert looks_like_html("<p>一</p><p>二</p><p>三</p><div>四</div><p>五</p>")
    residue = "一、基本情况</p>\n二、做法</p>\n三、成效</p>\n四</p>\n五</p>\n六</p>"
    assert not looks_like_html(residue)
    assert not looks_like_html("")
    assert not looks_like_html("全年共完成检查42次</p>，整改问题15个。")
    assert not looks_like_html("完成了全年任务bsp;取得良好成效/span>。")
    assert not looks_like_html("本文介绍<header>标签的用法")
    sparse = "<p>" + "工作总结。" * 600 + "</p>" * 4 + "<br>"
    assert not looks_like_html(sparse)  # five tags, but far fewer than one per 400 characters


# -- site furniture ---------------------------------------------------------------------------

FURNISHED_PAGE = """<!DOCTYPE html>
<html><head><title>某街道2022年社区治理工作总结_某某范文网</title></head>
<body>
<div class="top-nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/zj/">工作总结</a></li>
  <li><a href="/jh/">工作计划</a></li>
</ul></div>
<nav class="channel"><a href="/sq/">社区工作</a> · <a href="/dj/">党建材料</a></nav>
<div class="main">
<div class="header"><h1>某街道2022年社区治理工作总结</h1></div>
<p>当前位置：<a href="/">首页</a> &gt; <a href="/zj/">工作总结</a> &gt; 社区治理</p>
<div class="content">
<p>　　一年来，街道党工委坚持党建引领，全面推行网格化治理，共划分网格86个，配备网格员172名。</p>
<p>　　我们依托<a href="/tag/wg/">网格化管理平台</a>受理群众诉求1260件，办结率达到98.5%。</p>
<p>　　下一步，街道将继续完善议事协商机制，推动社区治理提质增效。</p>
</div>
</div>
<div id="sidebar">
<h3>相关推荐</h3>
<ul>
<li><a href="/a/1.html">社区网格化管理工作总结</a></li>
<li><a href="/a/2.html">街道办事处年度工作报告</a></li>
<li><a href="/a/3.html">社区党建工作计划范文</a></li>
</ul>
</div>
<div class="footer">©2020 某某范文网</div>
</body></html>
"""

FURNISHED_TEXT = (
    "某街道2022年社区治理工作总结\n"
    "当前位置：首页 > 工作总结 > 社区治理\n"
    "　　一年来，街道党工委坚持党建引领，全面推行网格化治理，共划分网格86个，配备网格员172名。\n"
    "　　我们依托网格化管理平台受理群众诉求1260件，办结率达到98.5%。\n"
    "　　下一步，街道将继续完善议事协商机制，推动社区治理提质增效。"
)


def test_menus_sidebar_and_footer_go_while_title_crumb_text_and_content_stay():
    assert _reduced(FURNISHED_PAGE) == FURNISHED_TEXT


def test_each_removed_element_is_one_splice_labelled_with_why():
    removed = {
        FURNISHED_PAGE[s.start : s.end]: s.note
        for s in html_splices(FURNISHED_PAGE)
        if s.rule == "html.navigation"
    }
    assert list(removed.values()) == [
        'div class="top-nav"',
        "nav",
        'div id="sidebar"',
        'div class="footer"',
    ]
    for source in removed:
        assert source.startswith(("<div", "<nav")) and source.endswith(("</div>", "</nav>"))
    assert '<div id="sidebar">\n<h3>相关推荐</h3>' in "".join(removed)


def test_furnished_page_replays_from_its_log():
    editable = EditableText(FURNISHED_PAGE)
    editable.apply(html_splices(FURNISHED_PAGE))
    assert replay(FURNISHED_PAGE, editable.repairs()) == FURNISHED_TEXT


def test_nested_same_name_elements_are_counted_to_the_matching_close():
    source = '<p>甲</p><div class="nav"><div><a href="/">乙</a></div>丙<div>丁</div></div><p>戊</p>'
    assert _reduced(source) == "甲\n戊"
    (splice,) = [s for s in html_splices(source) if s.rule == "html.navigation"]
    assert source[splice.start : splice.end] == source[len("<p>甲</p>") : -len("<p>戊</p>")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('<p>甲</p><div class="menu"><p>乙</p>', "甲\n乙"),
        ('<div class="menu"><div>乙</div>丙', "乙\n丙"),
        ("<nav><a href='/'>首页</a>", "首页"),
        ('<p>甲</p><div class="menu">', "甲"),
        ('<div class="nav"></span></p>乙', "乙"),
    ],
)
def test_unclosed_furniture_removes_nothing_but_its_tag(source, expected):
    assert _reduced(source) == expected
    assert all(s.rule != "html.navigation" for s in html_splices(source))


@pytest.mark.parametrize(
    "value",
    [
        *("top-nav", "navbar", "main_menu", "footer", "sidebar", "breadcrumb", "crumbs"),
        *("share-bar", "comment-list", "related", "recommend", "copyright"),
        *("ad-box", "ads", "top_ad", "ad1", "headerAd", "advert", "advertisement", "box top-nav"),
    ],
)
def test_furniture_class_and_id_values(value):
    assert _reduced(f'<p>甲</p><div class="{value}">乙</div><p>丙</p>') == "甲\n丙"
    assert _reduced(f"<p>甲</p><div id='{value}'>乙</div><p>丙</p>") == "甲\n丙"


@pytest.mark.parametrize(
    "value", ["header", "load", "shadow", "pad", "content", "article", "thread", "headline"]
)
def test_ordinary_class_values_stay(value):
    assert _reduced(f'<p>甲</p><div class="{value}">乙</div><p>丙</p>') == "甲\n乙\n丙"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>甲</p><footer>乙</footer><aside>丙</aside><p>丁</p>", "甲\n丁"),
        ("<p>甲<span class=ad>广告</span>乙</p>", "甲乙"),  # an inline element goes like a tag
        ("<p>a <span class='share'>x</span> b</p>", "a b"),
        ('<table><tr><td>甲</td><td class="ads">乙</td><td>丙</td></tr></table>', "甲 丙"),
        ('<div data-id="nav">甲</div>', "甲"),  # not the id attribute
        ('<body class="nav-open"><p>甲</p></body>', "甲"),  # never the page itself
        ('<div class="top-nav"><h1>标题</h1><ul><li><a>甲</a><li><a>乙</a></ul></div>', "标题"),
    ],
)
def test_furniture_cases(source, expected):
    assert _reduced(source) == expected


LINKS = "".join(
    f'<li><a href="/a/{n}.html">某单位年度工作总结范文第{n}篇</a></li>' for n in range(8)
)
PROSE = "今年以来，我们认真落实各项工作部署，全年共完成检查任务四十二次。"
BAR = '<a href="/">关于我们</a> | <a href="/m">网站地图</a> | <a href="/c">联系方式</a>'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (f"<p>甲</p><ul>{LINKS}</ul><p>乙</p>", "甲\n乙"),
        (f"<p>甲</p><ol>{LINKS}</ol><p>乙</p>", "甲\n乙"),
        (f"<p>甲</p><p>{BAR}</p>", "甲"),  # separators are not words
        (
            '<p>甲</p><div><a href="/1">上一篇：总结</a><br><a href="/2">下一篇：计划</a></div>',
            "甲",
        ),
        (
            '<table><tr><td>甲</td><td><a href="/1">一</a> <a href="/2">二</a></td></tr></table>',
            "甲",
        ),
        ('<ul><li><a href="/">只有一个链接</a></li></ul>', "只有一个链接"),
        (
            f'<p>根据<a href="/1">甲文件</a>和<a href="/2">乙文件</a>的要求，{PROSE}</p>',
            f"根据甲文件和乙文件的要求，{PROSE}",
        ),
        (f'<p>{PROSE}详见<a href="/1">附件</a>。</p>', f"{PROSE}详见附件。"),
        (
            '<div>当前位置：<a href="/">首页</a> &gt; <a href="/zj/">总结</a> &gt; 年度总结</div>',
            "当前位置：首页 > 总结 > 年度总结",
        ),
        (f"<div><p>{PROSE}</p><ul>{LINKS * 3}</ul></div>", PROSE),  # the wrapper is no link list
    ],
)
def test_link_lists(source, expected):
    assert _reduced(source) == expected


def test_link_list_splice_is_labelled():
    source = f"<p>甲</p><ul>{LINKS}</ul>"
    (splice,) = [s for s in html_splices(source) if s.rule == "html.link_list"]
    assert (splice.kind, splice.note) == ("html", "ul, 8 links")
    assert source[splice.start : splice.end] == f"<ul>{LINKS}</ul>"


# -- properties ------------------------------------------------------------------------------

HTMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>", "</p>", "<br/>", "<div class='a'>", "</div>", "<b>", "</b>", "<td>",
                "<!--", "-->", "<script>", "</script>", "<head>", "</head>", "<body>",
                "<noscript>", "</noscript>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "&amp;",
                "&nbsp;", "&#20013;", "&#x4e00", "&", "<", ">", '"', "'", " ", "\n", "\r\n",
                "甲", "乙", "，", "a", "b", "<nav>", "</nav>", "<div class='top-nav'>",
                "<ul>", "</ul>", "<a href='/'>", "</a>", "<h1>", "</h1>", "<span id=ad>",
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
