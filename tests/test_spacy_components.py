"""The entities stage inside a user's own spaCy pipeline (skipped when spaCy is absent)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")
import extractor.spacy_components  # noqa: E402,F401  registers the factory

SENTENCE = "溪源县审计局局长罗建平来到龙塘乡石板村。"
ENTITIES = [("溪源县审计局", "ORG"), ("罗建平", "PERSON"), ("龙塘乡石板村", "GPE")]


@pytest.mark.parametrize("segmenter", ["char", "jieba"])
def test_add_pipe_marks_people_organisations_and_places(segmenter):
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.add_pipe("extractor_entities")
    doc = nlp(SENTENCE)
    assert [(e.text, e.label_) for e in doc.ents] == ENTITIES
    (person,) = [i for i in doc._.extractor_entities if i["label"] == "PERSON"]
    assert person["roles"] == ["局长"]
    assert doc.text[person["start"] : person["end"]] == "罗建平"


def test_offsets_stay_exact_when_tokens_are_wider():
    nlp = spacy.blank("zh")
    nlp.add_pipe("extractor_entities")
    doc = nlp("副校長冉光勝負責鵝池校區。")
    person, campus = doc._.extractor_entities
    assert doc.text[person["start"] : person["end"]] == "冉光勝"
    assert doc.text[campus["start"] : campus["end"]] == "鵝池校區"
    assert [s.label_ for s in doc.spans["extractor"]] == ["PERSON", "ORG"]


def test_rules_dirs_in_the_component_config(tmp_path):
    line = '{"id": "gpe-ehc", "label": "GPE", "pattern": "鹅池", "examples": ["走访鹅池"]}'
    (tmp_path / "entities.jsonl").write_text(line, encoding="utf-8")
    nlp = spacy.blank("zh")
    nlp.add_pipe("extractor_entities", config={"rules_dirs": [str(tmp_path)]})
    assert [(e.text, e.label_) for e in nlp("走访鹅池。").ents] == [("鹅池", "GPE")]
