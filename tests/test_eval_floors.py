"""Floors files: ceilings and floors, and the keys that would silently gate nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import EvaluationError
from extractor.eval_floors import check_floors, load_floors


def _floors(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "floors.toml"
    path.write_text("[floors]\n" + body, encoding="utf-8")
    return path


def test_a_ceiling_breaks_above_and_a_floor_below(tmp_path):
    floors = load_floors(_floors(tmp_path, '"text.cer.max" = 0.1\n"title.accuracy" = 0.9\n'))
    metrics = {"text.cer": 0.2, "title.accuracy": 0.95}
    breaches, _ = check_floors(metrics, floors)
    assert [(b.floor.metric, b.value) for b in breaches] == [("text.cer", 0.2)]
    assert "above its max 0.1" in str(breaches[0])


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ('"sections.f2" = 0.1\n', "names no metric"),
        ('"text.cer" = 0.1\n', "needs the .max suffix"),
        ('"title.accuracy.max" = 0.1\n', "must not have the .max"),
        ('"title.accuracy" = "high"\n', "must be a number"),
    ],
)
def test_a_floors_file_that_would_gate_nothing_is_refused(tmp_path, body, complaint):
    with pytest.raises(EvaluationError, match=complaint):
        load_floors(_floors(tmp_path, body))
