"""A hand annotation of the seed's two documents (../shared/seed), names only, in the text's
own script: people with the posts the document gives them, partial people (surname + title),
organisation names (full and short forms, each counted), places (ANNOTATION.md conventions: a
place inside an organisation's name counts, as the issue's 毕节地区 of 畢節地區審計局). Read
against the repaired text; scored by tests/test_seed_entities.py and bench/entities_vs_jieba.py.

Judgement calls: 鄧小平 of 鄧小平理論 names a theory, not a person (as 习近平 of the gold's
习近平新时代…思想); 熊艷 is listed as written (likely 熊燕); the
working groups (慰問小組, 救災工作組) and campuses (鵝池校區) are organisations; bare 工會 and
婦委會 in a list of the bureau's bodies are organisations; the school's table header
(新華鄉 石家鎮 太極鄉) names three places.
"""

from __future__ import annotations

from extractor.views import matching_view

PEOPLE = [
    {"胡錦濤": ["總書記"], "栗戰書": ["書記"], "趙克志": ["省長"]},
    {
        "李長毅": ["組長", "校長"],
        "冉光勝": ["副組長", "成員", "主任", "副校長", "校長"],
        "劉朝菊": ["成員", "副校長"],
        "胡瓊": ["成員", "副校長"],
        "王紹明": ["成員", "工會主席"],
        "杜玉華": ["成員", "辦公室主任", "支部副書記", "工會副主席"],
        "程之棟": ["成員"],
        "朱成邦": ["成員", "副主任", "教師"],
        "汪學兵": ["成員"],
        "張昶": ["成員", "老師", "教師"],
        "華學坤": ["成員"],
        "程紅孝": ["成員"],
        "楊紹明": ["成員"],
        "吳詩舉": ["成員"],
        "曾秀珍": ["成員"],
        "張蘭英": ["成員"],
        "馮立明": ["副組長", "校長"],
        "魏元丕": ["副組長"],
        "羅明": ["副組長", "校長"],
        "簡文刊": ["副組長"],
        "田奕秋": ["副組長"],
        "徐錫容": ["成員"],
        "陳黔渝": ["成員"],
        "龐春奎": ["成員"],
        "吳良全": ["成員"],
        "劉開封": ["成員"],
        "譚艷梅": ["成員", "教師"],
        "瞿仁春": ["成員"],
        "程超": ["成員"],
        "楊會": ["教師"],
        "楊彩霞": ["教師"],
        "熊燕": ["老師"],
        "熊艷": ["老師"],
        "王肇祥": ["副主任"],
        "楊東明": ["副科長"],
    },
]
PARTIAL: list[set[str]] = [set(), {"龐主任", "汪校長"}]
ORGS = [
    {
        "畢節地區審計局",
        "地委",
        "畢節地區審計局黨組",
        "幫扶工作領導小組",
        "地委組織部",
        "地區審計局",
        "局機關黨支部",
        "工會",
        "婦委會",
        "地區工能委",
        "昆寨鄉黨委",
        "地區科技局",
        "地區編委",
        "地區衛校",
        "省委",
        "調研工作組",
        "慰問小組",
        "救災工作組",
        "地區廣播電視局",
        "村黨支部",
        "局機關支部",
        "宣講工作組",
        "中國共產黨",
    },
    {
        "黔江區人民小學校",
        "黔江區教育委員會",
        "區教委",
        "人民小學",
        "人民小學集團",
        "幫扶領導小組",
        "集團學校教師培訓工作領導小組",
        "教師培訓辦公室",
        "鵝池校區",
        "石家校區",
        "新華鄉校區",
        "太極校區",
        "金溪校區",
        "工會",
        "教導處",
        "石家小學",
        "教科所",
        "人事科",
        "人民小學校務會",
        "太極小學",
        "金溪小學",
        "石家鎮中心小學",
        "幫扶指導小組",
        "石家中心校",
    },
]
PLACES = [
    {"納雍縣昆寨鄉凹豬河村", "凹豬河村", "貴州省", "畢節地區", "昆寨鄉"},
    {"黔江區", "重慶市黔江區", "新華鄉", "石家鎮", "太極鄉"},
]


Names = dict[str, set[str]]
FIELDS = ("people", "organisations", "places")


def gold() -> list[Names]:
    """Per document: the annotated names of each field (partial people count as people)."""
    return [
        {"people": set(PEOPLE[i]) | PARTIAL[i], "organisations": ORGS[i], "places": PLACES[i]}
        for i in range(len(PEOPLE))
    ]


def tallies(found: list[Names]) -> dict[str, tuple[int, int, int]]:
    """(matched, gold, predicted) per field over both documents."""
    result = {}
    for field in FIELDS:
        pairs = list(zip(gold(), found, strict=True))
        result[field] = (
            sum(len(g[field] & f[field]) for g, f in pairs),
            sum(len(g[field]) for g, _ in pairs),
            sum(len(f[field]) for _, f in pairs),
        )
    return result


def f1(matched: int, gold_count: int, predicted: int) -> float:
    if not matched:
        return 0.0
    precision, recall = matched / predicted, matched / gold_count
    return 2 * precision * recall / (precision + recall)


def role_hits(found_roles: list[dict[str, list[str]]]) -> tuple[int, int]:
    """Annotated posts found for their person: the same post, or one that ends with it after
    its unit (教師培訓辦公室主任 holds 主任; 副主任 does not)."""
    hits = total = 0
    for wanted, found in zip(PEOPLE, found_roles, strict=True):
        for name, posts in wanted.items():
            held = [matching_view(role) for role in found.get(name, [])]
            for post in map(matching_view, posts):
                total += 1
                hits += any(
                    h == post or (h.endswith(post) and h[-len(post) - 1] != "副") for h in held
                )
    return hits, total
