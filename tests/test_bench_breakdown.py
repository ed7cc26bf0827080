"""bench/breakdown.py, where the pipeline's time goes, runs in both builds: a stage whose
function cannot be replaced (a method of a class the wheel compiles) is named as timed within
its callers instead of failing the run, and the functions it wrapped are the originals after."""

from __future__ import annotations

import sys
from pathlib import Path

from extractor import offsets

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "bench"))  # a folder of scripts, not a package

from breakdown import STAGES, _get, breakdown  # noqa: E402

PAGES = [path.read_bytes() for path in sorted((ROOT / "corpus" / "scraped").iterdir())[:3]]
WITHIN = "Timed within their callers (compiled, not replaceable): "


def test_a_stage_is_a_row_or_named_as_timed_within_its_callers():
    originals = {name: _get(*where) for name, where in STAGES.items()}
    characters = sum(len(page.decode("utf-8", "replace")) for page in PAGES)
    lines = breakdown(PAGES, characters, "three scraped pages").splitlines()
    rows = {line.split(" | ")[0].removeprefix("| ") for line in lines if line.startswith("| ")}
    within = next((line for line in lines if line.startswith(WITHIN)), WITHIN + ".")
    named = set(within.removeprefix(WITHIN).removesuffix(".").split(", ")) - {""}
    compiled = not offsets.__file__.endswith(".py")  # EditableText a C class
    assert ("applying splices (EditableText)" in named) == compiled
    assert ("applying splices (EditableText)" in rows) != compiled  # the pinyin page applies
    assert not rows & named
    assert rows - {"stage", "other (document models, glue)"} <= set(STAGES)
    assert {name: _get(*where) for name, where in STAGES.items()} == originals
