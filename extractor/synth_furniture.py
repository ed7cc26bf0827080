"""Made-up site furniture for the damage simulator: mirror footers, 范文-site headers and links."""

from __future__ import annotations

import random

from extractor.views import to_simplified

_MIRROR_FOOTER = (
    "友情提示:本文中關于《{title}》給出的范例僅供您參考拓展思維使用,{title}:該篇文章建議您自主創作。",
    "來源:網絡整理 免責聲明:本文僅限學習分享,如產生版權問題,請聯系我們及時刪除。",
)
_SECTIONS = (("计划", "工作计划"), ("述职", "述职报告"), ("调研", "调研报告"), ("", "工作总结"))
_BLURBS = (
    "以下是小编为大家整理的{title}，仅供参考，欢迎大家阅读。",
    "下面是小编精心整理的{title}，供大家参考借鉴，希望可以帮助到有需要的朋友。",
    "本站小编为你精心准备了{title}，希望对你有所帮助，仅供参考。",
)
_AUTHORS = ("admin", "小编", "佚名", "范文编辑", "网友投稿")
_LINK_TOPICS = ("乡镇扶贫", "社区党建", "学校安全", "卫生院年度", "村委会换届", "机关作风建设")
_LINK_FORMS = (
    "{year}年{topic}工作总结",
    "{topic}工作计划范文({n}篇)",
    "最新{topic}述职报告",
    "{topic}心得体会{n}篇",
)


def mirror_footer(title: str) -> list[str]:
    """The two footer lines a spam mirror adds under every copied summary."""
    return [line.format(title=title) for line in _MIRROR_FOOTER]


def fanwen_header(title: str, rng: random.Random) -> list[str]:
    """Breadcrumb, time/author/views line and 小编 blurb of a 范文 site."""
    simplified = to_simplified(title)
    section = next(name for word, name in _SECTIONS if word in simplified)
    stamp = (
        f"{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    )
    return [
        f"首页 > 范文大全 > {section} > {section}范文",
        f"时间:{stamp} 作者:{rng.choice(_AUTHORS)} 浏览:{rng.randint(30, 9999)}",
        rng.choice(_BLURBS).format(title=title),
    ]


def fanwen_footer(rng: random.Random) -> list[str]:
    """A 相关推荐 list of made-up link titles."""
    links = []
    for _ in range(3):
        form = rng.choice(_LINK_FORMS)
        topic = rng.choice(_LINK_TOPICS)
        links.append(form.format(year=rng.randint(2015, 2023), topic=topic, n=rng.randint(3, 9)))
    return ["相关推荐", *links]
