"""The entities stage: people, organisations and places of one document as contract models.

Finds places first (organisation names start at them), then organisations, then people (a
post's organisation belongs to the post as written: 局党组书记). A place inside an
organisation's name or a book title is a place too (毕节地区 of 毕节地区审计局); short
organisation forms that stand for exactly one full form found in the document (县教育局 ↔
宁远县教育局) become its aliases.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from extractor.entities import book_titles, find_organisations, in_book, post_spans
from extractor.entity_lexicon import leftmost, load_entity_lexicon
from extractor.entity_patterns import load_patterns, pattern_spans
from extractor.model import Document, Mention, Organisation, Person, Place, Post, trusted_one
from extractor.offsets import EditableText
from extractor.people import PersonHit, find_people
from extractor.places import find_places
from extractor.posts import PostSpans, locate
from extractor.section_tree import SectionPaths
from extractor.views import matching_view

Spans = list[tuple[int, int]]


class Entities(NamedTuple):
    places: Spans  # every place chain, also those inside an organisation's name
    organisations: Spans
    people: list[PersonHit]


def find_entities(view: str, rules_dirs: Sequence[Path] = ()) -> Entities:
    """Places, organisations and people of a matching view, each found from the ones before;
    names of ``rules/entities.jsonl`` added where the grammar found nothing over them."""
    lex = load_entity_lexicon(rules_dirs)
    patterns = pattern_spans(view, load_patterns(rules_dirs))
    words = lex.view_words(view)
    places = _added(find_places(view, lex, words), patterns["GPE"])
    posts, books = post_spans(words), book_titles(view)
    organisations = find_organisations(view, lex, places, posts, books, words, in_books=True)
    named = _added(organisations, patterns["ORG"])
    orgs = [span for span in named if not in_book(span, books)]
    people = find_people(view, lex, orgs, posts, leftmost(words.person_titles))
    found = [(h.start, h.end) for h in people]
    people += [PersonHit(s, e) for s, e in _added([], patterns["PERSON"]) if (s, e) not in found]
    return Entities(places, orgs, people)


def _added(spans: Spans, extra: Spans) -> Spans:
    """``spans`` and the ``extra`` spans that overlap none of them, in text order."""
    kept = list(spans)
    for start, end in sorted(extra):
        if not any(s < end and start < e for s, e in kept):
            kept.append((start, end))
    return sorted(kept)


def fill_entities(
    document: Document,
    editable: EditableText,
    offset: int,
    view: str,
    rules_dirs: Sequence[Path] = (),
) -> Document:
    """Fill ``document.people``, ``organisations`` and ``places``; ``offset`` is where the
    document starts in ``editable.text``, ``view`` its matching view."""
    text = document.text
    places, orgs, hits = find_entities(view, rules_dirs)
    mention = _Mentions(document, editable, offset)
    document.organisations = _organisations(text, orgs, mention)
    document.places = _places(text, places, mention)
    document.people = _people(text, view, hits, orgs, mention)
    return document


class _Mentions:
    """The mentions of one document as trusted models, each with its raw span and section path
    (compiled, an extension type: a C call a mention, where a closure was a Python call and
    so was the section paths' look-up)."""

    def __init__(self, document: Document, editable: EditableText, offset: int) -> None:
        self.text = document.text
        self.editable = editable
        self.offset = offset  # where the document starts in ``editable.text``
        self.paths = SectionPaths(document.sections)  # a bisect a mention, not a walk

    def at(self, start: int, end: int) -> Mention:
        raw_start, raw_end = self.editable.raw_span(self.offset + start, self.offset + end)
        return trusted_one(  # every field, in Mention's order
            Mention,
            {
                "start": start,
                "end": end,
                "raw_start": raw_start,
                "raw_end": raw_end,
                "text": self.text[start:end],
                "section_path": self.paths.at(start),
            },
        )


def _places(text: str, places: Spans, mention: _Mentions) -> list[Place]:
    """A place for each name, in the order of its first mention, its mentions in text order:
    one pass over the places (a pass a name cut every place's name again for each)."""
    result: dict[str, Place] = {}
    for start, end in places:
        name = text[start:end]
        place = result.get(name)
        if place is None:
            place = result[name] = trusted_one(  # every field, in Place's order
                Place, {"name": name, "mentions": []}
            )
        place.mentions.append(mention.at(start, end))
    return list(result.values())


def _ordered(names) -> list[str]:
    return list(dict.fromkeys(names))


def _organisations(
    text: str, orgs: list[tuple[int, int]], mention: _Mentions
) -> list[Organisation]:
    names = _ordered(text[s:e] for s, e in orgs)
    views = {name: matching_view(name) for name in names}  # once each, not once per pair
    owner = {name: _full_form(name, names, views) for name in names}
    result: dict[str, Organisation] = {}
    for start, end in orgs:
        name = text[start:end]
        full = owner[name] or name
        org = result.get(full)
        if org is None:  # not setdefault: that built a model for every mention
            org = result[full] = trusted_one(  # every field, in Organisation's order
                Organisation, {"name": full, "aliases": [], "mentions": []}
            )
        if full != name and name not in org.aliases:
            org.aliases.append(name)
        org.mentions.append(mention.at(start, end))
    return list(result.values())


def _full_form(name: str, names: list[str], views: dict[str, str]) -> str | None:
    """The one longer name this short form stands for: it ends the same way and its
    characters appear in order in it (县教育局 in 宁远县教育局); ``views``: each name's
    matching view."""
    short = views[name]
    candidates = [
        other
        for other in names
        if len(other) > len(name)
        and _same_ending(short, views[other])
        and _subsequence(short, views[other])
        and (other.endswith(name) or (len(short) >= 3 and short[0] in "县乡镇村局院市区省"))
    ]
    candidates = [c for c in candidates if _full_form_simple(c, names) is None]
    return candidates[0] if len(candidates) == 1 else None


def _same_ending(short: str, full: str) -> bool:
    """Same last character, or 委 for 委员会 (区教委 ↔ 黔江区教育委员会)."""
    if short[-1] == full[-1]:
        return True
    return (
        len(short) >= 3 and short.endswith("委") and full.endswith("委员会") and "中共" not in full
    )


def _full_form_simple(name: str, names: list[str]) -> str | None:
    longer = [o for o in names if len(o) > len(name) and o.endswith(name)]
    return longer[0] if len(longer) == 1 else None


def _subsequence(short: str, long: str) -> bool:
    """Whether ``short``'s characters appear in order in ``long``: a loop over positions
    (compiled, C characters; ``all()`` over an iterator made a generator a pair)."""
    at, size = 0, len(long)
    for char in short:
        while at < size and long[at] != char:
            at += 1
        if at == size:
            return False
        at += 1
    return True


def _people(
    text: str, view: str, hits: list[PersonHit], orgs: Spans, mention: _Mentions
) -> list[Person]:
    org_end = {end: start for start, end in orgs}
    full = [h for h in hits if not h.partial]
    people: dict[str, Person] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        name = text[hit.start : hit.end]
        if hit.partial:
            surname_len = hit.surname_end - hit.start
            surname = view[hit.start : hit.surname_end]
            title = view[hit.surname_end : hit.end]
            owners = {
                view[h.start : h.end]
                for h in full
                if view.startswith(surname, h.start)
                and any(role.endswith(title) for role in _all_roles(full, view, h))
            }
            owners = {o for o in owners if len(o) > surname_len}
            if len(owners) == 1:
                owner_view = owners.pop()
                owner = next(
                    text[h.start : h.end] for h in full if view[h.start : h.end] == owner_view
                )
                owned = people.get(owner)
                if owned is None:  # not setdefault: that built a model for every mention
                    owned = people[owner] = _person(owner, False)
                owned.mentions.append(mention.at(hit.start, hit.end))
                continue
        person = people.get(name)
        if person is None:
            person = people[name] = _person(name, hit.partial)
        for role in hit.roles:
            written = _written(text, view, role, hit)
            if written and written not in person.roles:
                person.roles.append(written)
            if written:
                _add_post(
                    person, _post(text, written, locate(view, hit.start, hit.end, role, org_end))
                )
        if all(m.start != hit.start for m in person.mentions):
            person.mentions.append(mention.at(hit.start, hit.end))
    return list(people.values())


def _post(text: str, title: str, spans: PostSpans) -> Post:
    unit, duty = spans.unit, spans.duty
    return trusted_one(  # every field, in Post's order
        Post,
        {
            "title": title,
            "unit": text[unit[0] : unit[1]] if unit else None,
            "responsibility": text[duty[0] : duty[1]] if duty else None,
        },
    )


def _add_post(person: Person, post: Post) -> None:
    """One post per title: a later mention fills in the unit or responsibility if missing."""
    for index, held in enumerate(person.posts):
        if held.title == post.title:
            person.posts[index] = held.model_copy(
                update={
                    "unit": held.unit or post.unit,
                    "responsibility": held.responsibility or post.responsibility,
                }
            )
            return
    person.posts.append(post)


def _written(text: str, view: str, role: str, hit: PersonHit) -> str:
    """The role in the text's own script: find the view string near the hit."""
    low = max(0, hit.start - 80)
    at = view.find(role, low, hit.end + 120)
    return text[at : at + len(role)] if at >= 0 else role


def _person(name: str, partial: bool) -> Person:
    """A person with no roles, posts or mentions yet: the stage's models are built trusted
    (``model.trusted_one``), validated they cost ~8,000 instructions each."""
    return trusted_one(  # every field, in Person's order
        Person,
        {
            "name": name,
            "roles": [],
            "posts": [],
            "organisation": None,
            "partial": bool(partial),
            "mentions": [],
        },
    )


def _all_roles(full: list[PersonHit], view: str, person: PersonHit) -> list[str]:
    """Every post any hit of the same name carries."""
    name = view[person.start : person.end]
    return [role for h in full if view[h.start : h.end] == name for role in h.roles]
