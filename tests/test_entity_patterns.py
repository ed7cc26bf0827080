"""Entity patterns (rules/entities.jsonl): each shipped pattern's examples, load errors, --rules."""

from __future__ import annotations

import json

import pytest

import extractor
from extractor.entity_patterns import load_patterns, read_patterns
from extractor.entity_stage import find_entities
from extractor.errors import RulesError
from extractor.views import matching_view

LABEL_FIELD = {"PERSON": "people", "ORG": "organisations", "GPE": "free_places"}


def _marked(text: str, label: str) -> set[str]:
    found = getattr(find_entities(matching_view(text)), LABEL_FIELD[label])
    spans = [(h.start, h.end) for h in found] if label == "PERSON" else found
    return {text[s:e] for s, e in spans}


@pytest.mark.parametrize("pattern", load_patterns(), ids=lambda p: p.id)
def test_each_pattern_marks_its_examples_and_not_its_counter_examples(pattern):
    for example in pattern.examples:
        matches = {m.group() for m in pattern.compiled.finditer(matching_view(example))}
        assert matches and matches <= _marked(example, pattern.label), example
    for counter in pattern.counter_examples:
        matches = {m.group() for m in pattern.compiled.finditer(matching_view(counter))}
        assert not matches & _marked(counter, pattern.label), counter


def test_a_bad_line_is_named_by_file_line_and_id(tmp_path):
    path = tmp_path / "entities.jsonl"
    good = {"id": "ok", "label": "ORG", "pattern": "某协会", "examples": ["某协会"]}
    bad = {"id": "broken", "label": "TEAM", "pattern": "x", "examples": ["x"]}
    path.write_text(f"{json.dumps(good)}\n{json.dumps(bad)}\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"entities\.jsonl:2: pattern broken: label"):
        read_patterns(path)
    path.write_text('{"id": "half",\n', encoding="utf-8")
    with pytest.raises(RulesError, match=r"entities\.jsonl:1: not a JSON object"):
        read_patterns(path)


def test_rules_dir_adds_a_pattern_and_switches_one_off(tmp_path):
    lines = [
        {"id": "gpe-ehc", "label": "GPE", "pattern": "鹅池", "examples": ["走访鹅池"]},
        {"id": "org-central", "label": "ORG", "pattern": "党中央", "examples": ["x"]},
    ]
    lines[1]["disabled"] = True
    (tmp_path / "entities.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8"
    )
    options = extractor.Options(rules_dirs=(tmp_path,))
    (document,) = extractor.extract("走访鵝池,在党中央领导下。", options=options)
    assert [p.name for p in document.places] == ["鵝池"]
    assert document.organisations == []
