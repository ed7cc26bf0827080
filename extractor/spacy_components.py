"""The entities stage as a spaCy pipeline component: ``nlp.add_pipe("extractor_entities")``.

Works in any ``zh`` pipeline (char or jieba segmenter; nothing here needs the zh_core_web
models). Found items go to ``doc.spans["extractor"]`` (labels PERSON, ORG, GPE; overlaps kept),
to ``doc.ents`` where they do not overlap an entity already there, and with their exact
character offsets and posts to ``doc._.extractor_entities``: a span snapped to a segmenter's
tokens may be wider than the name, the offsets never are. spaCy is optional: only this module
imports it, and the package registers it as an entry point (``spacy_factories``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.entity_stage import find_entities
from extractor.views import matching_view

if not Doc.has_extension("extractor_entities"):
    Doc.set_extension("extractor_entities", default=None)


class EntityComponent:
    """Marks people, organisations and places found by the extractor's rules."""

    def __init__(self, rules_dirs: Sequence[str] = ()) -> None:
        self.rules_dirs = tuple(Path(d) for d in rules_dirs)

    def __call__(self, doc: Doc) -> Doc:
        places, orgs, people = find_entities(matching_view(doc.text), self.rules_dirs)
        items = [{"label": "GPE", "start": s, "end": e, "roles": []} for s, e in places]
        items += [{"label": "ORG", "start": s, "end": e, "roles": []} for s, e in orgs]
        items += [
            {"label": "PERSON", "start": h.start, "end": h.end, "roles": list(h.roles)}
            for h in people
        ]
        items = _unique(sorted(items, key=lambda item: (item["start"], item["end"])))
        spans = []
        for item in items:
            item["text"] = doc.text[item["start"] : item["end"]]
            span = doc.char_span(
                item["start"], item["end"], label=item["label"], alignment_mode="expand"
            )
            if span is not None:
                spans.append(span)
        doc.spans["extractor"] = spans
        doc.ents = filter_spans(list(doc.ents) + [s for s in spans if not _clashes(s, doc)])
        doc._.extractor_entities = items
        return doc


def _unique(items: list[dict]) -> list[dict]:
    """One item per span and label; a person hit twice keeps every post."""
    merged: dict[tuple, dict] = {}
    for item in items:
        key = (item["label"], item["start"], item["end"])
        if key in merged:
            merged[key]["roles"] += [r for r in item["roles"] if r not in merged[key]["roles"]]
        else:
            merged[key] = item
    return list(merged.values())


def _clashes(span: Span, doc: Doc) -> bool:
    return any(span.start < ent.end and ent.start < span.end for ent in doc.ents)


@Language.factory("extractor_entities", default_config={"rules_dirs": []})
def make_entities(nlp: Language, name: str, rules_dirs: list[str]) -> EntityComponent:
    """The factory spaCy calls for ``nlp.add_pipe("extractor_entities")``; ``config=
    {"rules_dirs": ["my_rules"]}`` adds word lists and ``entities.jsonl`` patterns."""
    return EntityComponent(rules_dirs)
