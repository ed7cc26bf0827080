"""People and their posts, by adjacency of names to posts and by committee lists.

A name is a surname from the lexicon (single or compound) and one or two more Han characters;
it counts only beside a post (校长李长毅, 栗战书书记), a person word (杜玉华同志), or in a list
headed by a post (组长:李长毅 副组长:冉光勝 成员:刘朝菊、胡琼). Placeholders (某某, XX) are
never names. Surname + post (庞主任) is a partial person, folded into the full name it stands
for when the document makes that unique.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.entities import PLACEHOLDER, is_han, jieba_cut
from extractor.entity_lexicon import EntityLexicon
from extractor.pattern_syntax import HAN, SPACE

BEFORE_NAME = '了由是和与及对向为给请派将把在被到、，,:：；;（(）)“”"\n 即'
PAIR_COUNT = re.compile(r"[二两三四五几]位$")


# Ends of the organisations found in the document being read: a name may follow one directly.
ORG_ENDS: ContextVar[frozenset[int]] = ContextVar("ORG_ENDS", default=frozenset())


@dataclass
class PersonHit:
    start: int
    end: int
    roles: list[str] = field(default_factory=list)
    partial: bool = False
    surname_end: int = 0  # a partial person: where the surname ends and the title begins


def find_people(
    view: str,
    lex: EntityLexicon,
    orgs: list[tuple[int, int]],
    posts: list[tuple[int, int]],
    titles: list[tuple[int, int]],
) -> list[PersonHit]:
    """Every name hit (a name may be hit many times); roles as written in the view, beside
    the ``posts`` (``entities.post_spans``); names before the person words ``titles``
    (``lex.view_words(view).person_titles`` as ``leftmost`` reads them)."""
    org_end = {end: start for start, end in orgs}
    ORG_ENDS.set(frozenset(org_end))
    hits: list[PersonHit] = []
    for start, end in posts:
        hits.extend(_beside_post(view, start, end, lex, org_end))
    for start, end in titles:
        hits.extend(_beside_person_word(view, start, end, lex, org_end))
    if "人:" in view or "人：" in view:  # how SIGNED's words end: a scan for them costs more
        for match in SIGNED.finditer(view):
            found = _name_after(view, match.end(), lex)
            if found:
                hits.append(PersonHit(*found))
    hits.extend(_lists(view, lex, org_end))
    return [hit for hit in hits if not PLACEHOLDER.search(view[hit.start : hit.end])]


def _beside_post(
    view: str, start: int, end: int, lex: EntityLexicon, org_end: dict[int, int]
) -> list[PersonHit]:
    """The people a post at ``view[start:end]`` names: those appointed to it, the name after
    it (and a pair after that), the one holding it, or the name before it; else a surname
    with a form of address (庞主任) as a partial person."""
    role = _role_phrase(view, start, end, org_end)
    appointed = _appointed(view, start, lex)
    if appointed:
        return [PersonHit(s, e, roles=[role]) for s, e in appointed]
    after = _name_after(view, end, lex)
    if after:
        paired = _pair_after(view, after[1], lex)
        return [PersonHit(s, e, roles=[role]) for s, e in (after, *paired)]
    hits = []
    held_by = _held_by(view, end, lex)
    if held_by:
        hits.append(PersonHit(*held_by, roles=[role]))
    chained = _name_after_posts(view, end, lex)
    if chained:
        return [*hits, PersonHit(*chained, roles=[role])]
    before = _name_before(view, start, lex)
    if before and view.startswith(":", end):
        return hits  # 组长:李长毅副组长:冉光胜: the post heads the next list, not 李长毅's
    if before:
        return [*hits, PersonHit(*before, roles=[view[start:end]])]
    if view[start:end] in lex.address_titles and start > 0:
        partial = _partial(view, start, end, lex, org_end)
        if partial:
            hits.append(partial)
    return hits


def _beside_person_word(
    view: str, start: int, end: int, lex: EntityLexicon, org_end: dict[int, int]
) -> list[PersonHit]:
    """The name before a person word (杜玉华同志, 张、王二位先生) and a pair before it; else a
    surname with it as a form of address, a partial person without a post."""
    counted = PAIR_COUNT.search(view, max(0, start - 2), start)
    before = _name_before(view, counted.start() if counted else start, lex)
    if before:
        return [PersonHit(*before), *_pair_before(view, before[0], lex)]
    if view[start:end] in lex.address_titles:
        partial = _partial(view, start, end, lex, org_end)
        if partial:
            partial.roles = []
            return [partial]
    return []


def _role_phrase(view: str, start: int, end: int, org_end: dict[int, int]) -> str:
    """The post as written: an organisation right before it belongs to it (局党组书记)."""
    if start in org_end and start - org_end[start] <= 10:
        org = view[org_end[start] : start]
        post = view[start:end].lstrip("副")
        if org[-1] == post[0] and post[0] in "局院校":
            return view[start:end]  # 审计局局长: the post already names its level
        if org[0] not in "县市省" and not org.endswith(("小", "学", "校")):
            return view[org_end[start] : end]
        unit = UNIT_WORDS.search(org)
        if unit:
            return org[unit.start() :] + view[start:end]
    return view[start:end]


UNIT_WORDS = re.compile(r"(?:工会|党支部|党委|党组|妇委会)$")


def _is_name(name: str, lex: EntityLexicon) -> bool:
    """A surname (asked first: most strings beside a post fail there), then the rest of a
    name's shape (``_name_shaped``)."""
    surnames = lex.surnames  # read once: both look-ups fail for most strings
    if name[0] not in surnames and name[:2] not in surnames:
        return False
    return _name_shaped(name, lex)


@lru_cache(maxsize=65536)
def _name_shaped(name: str, lex: EntityLexicon) -> bool:
    """Han characters only, no placeholder, no word that is no name, no function word after
    the surname: asked once per string (the same strings stand beside posts again and again)."""
    if not _ALL_HAN.fullmatch(name) or PLACEHOLDER.search(name):
        return False
    if name in lex.name_nonwords or name[:2] in lex.name_nonwords:
        return False
    if _NOT_IN_NAME.search(name, 1):
        return False
    return name[1] != "副" and not lex.role_re.match(name, 1)


_ALL_HAN = re.compile(f"{HAN}+")
_NOT_IN_NAME = re.compile("[的了在和是等对把被从向为也都就还又与及将其这那个们年月日]")


def _boundary_after(view: str, at: int, lex: EntityLexicon) -> bool:
    if at >= len(view) or not is_han(view[at]):
        return True
    if lex.role_re.match(view, at) or view.startswith(tuple(lex.person_titles), at):
        return True
    return view.startswith(lex.after_name, at)


def _name_after(view: str, at: int, lex: EntityLexicon) -> tuple[int, int] | None:
    """A name right after a post: longest that a boundary follows. Every length starts with
    the same surname: asked once (``_is_name``'s first question, where most strings fail)."""
    while at < len(view) and view[at] in " \u3000" and at < len(view) - 1:
        at += 1
    surnames = lex.surnames
    compound = view[at : at + 2] in surnames
    if not compound and (at >= len(view) or view[at] not in surnames):
        return None
    for length in (4, 3, 2):
        name = view[at : at + length]
        if len(name) < length or (length == 4 and not compound) or not _name_shaped(name, lex):
            continue
        if _boundary_after(view, at + length, lex):
            return at, at + length
    return None


def _name_before(view: str, at: int, lex: EntityLexicon) -> tuple[int, int] | None:
    """A name right before a post or 同志: longest with a boundary before it."""
    for length in (4, 3, 2):
        start = at - length
        if start < 0:
            continue
        name = view[start:at]
        if not _is_name(name, lex) or (length == 4 and name[:2] not in lex.surnames):
            continue
        if start == 0 or view[start - 1] in BEFORE_NAME or _post_ends(view, start, lex):
            return start, at
        if start in ORG_ENDS.get() or (length >= 3 and _word_boundary(view, start)):
            return start, at
    return None


def _word_boundary(view: str, start: int) -> bool:
    """jieba, on a few characters only, puts a word boundary right before the name."""
    left = max(0, start - 4)
    at = left
    for word in jieba_cut(view[left : start + 3]):
        if at == start:
            return True
        if at > start:
            return False
        at += len(word)
    return False


def _post_ends(view: str, at: int, lex: EntityLexicon) -> bool:
    return view.endswith(lex.roles, 0, at)


def _pair_before(view: str, start: int, lex: EntityLexicon) -> list[PersonHit]:
    """杨会、杨彩霞二位同志: the names listed before the one found."""
    hits = []
    while start > 0 and view[start - 1] == "、":
        found = _name_before(view, start - 1, lex)
        if not found:
            break
        hits.append(PersonHit(*found))
        start = found[0]
    return hits


def _appointed(view: str, at: int, lex: EntityLexicon) -> list[tuple[int, int]]:
    """杜玉华同志任组长, 副局长钟慧敏、廖世杰任副组长: the names appointed to the post."""
    if at < 1 or view[at - 1] not in _APPOINT_ENDS:
        return []  # one test of the character before the post, not a method call a verb
    for verb in APPOINT:
        if view.endswith(verb, 0, at):
            end = at - len(verb)
            if view.endswith("同志", 0, end):
                end -= 2
            held = lex.role_re.search(view, max(0, end - 6), end)
            if held and held.end() == end and not _name_before(view, end, lex):
                end = held.start()
            found = _name_before(view, end, lex)
            if found:
                return [found] + [(h.start, h.end) for h in _pair_before(view, found[0], lex)]
    return []


def _held_by(view: str, at: int, lex: EntityLexicon) -> tuple[int, int] | None:
    """工会主席由副局长鲁振宇同志兼任: the post is held by the name after 由."""
    if not view.startswith("由", at):
        return None
    at += 1
    post = lex.role_re.match(view, at)
    found = _name_after(view, post.end() if post else at, lex)
    if found and HOLDS.match(view[found[1] : found[1] + 4]):
        return found
    return None


def _name_after_posts(view: str, at: int, lex: EntityLexicon) -> tuple[int, int] | None:
    """工会主席、副局长鲁振宇: a name after more posts listed with 、 holds this one too."""
    stepped = False
    while at < len(view) and view[at] == "、":
        post = lex.role_re.match(view, at + 1)
        if not post:
            return None
        at, stepped = post.end(), True
    return _name_after(view, at, lex) if stepped else None


def _pair_after(view: str, end: int, lex: EntityLexicon) -> list[tuple[int, int]]:
    """副局长钟慧敏、廖世杰任副组长: the names listed after the one found share its post."""
    found = []
    while end < len(view) and view[end] == "、":
        name = _name_after(view, end + 1, lex)
        if not name:
            break
        found.append(name)
        end = name[1]
    return found


def _partial(
    view: str, start: int, end: int, lex: EntityLexicon, org_end: dict[int, int]
) -> PersonHit | None:
    """庞主任: a surname right before an address title, with nothing name-like before it."""
    for size in (2, 1):
        surname = view[start - size : start]
        if start - size < 0 or surname not in lex.surnames:
            continue
        before = view[start - size - 1] if start - size > 0 else "\n"
        if (
            before in BEFORE_NAME
            or not is_han(before)
            or _post_ends(view, start - size, lex)
            or start - size in org_end
            or (view[start:end] in ("先生", "女士") and _word_boundary(view, start - size))
        ):
            return PersonHit(
                start - size, end, roles=[view[start:end]], partial=True, surname_end=start
            )
    return None


APPOINT = ("兼任", "担任", "任", "兼", "为")
_APPOINT_ENDS = "".join({verb[-1]: None for verb in APPOINT})
HOLDS = re.compile(r"(?:同志)?(?:兼任|担任)")
LIST_COMMA = re.compile(r"[、,，]")
SIGNED = re.compile(f"(?:述职人|报告人|汇报人)[:：]{SPACE}*")
# A list heading: up to 12 characters with no space or punctuation, then a colon.
HEAD_RUN = re.compile(f"[^{SPACE[1:-1]}:,，。、;；]+\\Z")


def _lists(view: str, lex: EntityLexicon, org_end: dict[int, int]) -> list[PersonHit]:
    """组长:罗建平(局党组书记、局长) 成员:杨再林、龙春梅 — names under a post heading."""
    hits = []
    for head_start, colon in _list_heads(view):
        post = view[head_start:colon]
        if not lex.role_re.fullmatch(post) and not _ends_with_role(post, lex):
            continue
        role = lex.role_re.search(post)
        role_text = view[head_start + role.start() : colon] if role else post
        at = colon + 1
        while at < len(view):
            found = _name_after(view, at, lex)
            if not found:
                skipped = PLACEHOLDER_NAME.match(view, at)
                if not skipped:
                    break
                at = _skip_parens(view, skipped.end())
                if at < len(view) and view[at] in "、,，":
                    at += 1
                    continue
                break
            hit = PersonHit(*found, roles=[role_text])
            at = found[1]
            if at < len(view) and view[at] in "(（":
                close = view.find(")", at)
                if 0 < close - at < 30:
                    inner = view[at + 1 : close]
                    hit.roles.extend([r for r in LIST_COMMA.split(inner) if r])
                    at = close + 1
            hits.append(hit)
            if at < len(view) and view[at] in "、,，":
                at += 1
                while at < len(view) and view[at] in " \n":
                    at += 1
            else:
                break
    return hits


def _list_heads(view: str) -> list[tuple[int, int]]:
    """(start, colon) of each list heading, as ``([^\\s:,，。、;；]{1,12}?)[:：]`` would find
    them, but looking back from each colon instead of trying every position of the text."""
    heads: list[tuple[int, int]] = []
    searched_from = 0
    colons = view.replace("：", ":")  # a character for a character: the offsets hold
    at = colons.find(":")  # where `re` would test a class at every position
    while at != -1:
        run = HEAD_RUN.search(view, max(searched_from, at - 12), at)
        if run:
            heads.append((run.start(), at))
            searched_from = at + 1
        at = colons.find(":", at + 1)
    return heads


PLACEHOLDER_NAME = re.compile(f"{HAN}?(?:某某|某|[xX×*]{{2,3}})")


def _skip_parens(view: str, at: int) -> int:
    if at < len(view) and view[at] == "(":
        close = view.find(")", at)
        if 0 < close - at < 30:
            return close + 1
    return at


def _ends_with_role(post: str, lex: EntityLexicon) -> bool:
    return post.endswith(lex.roles)
