"""The compiled build (hatch_build.py) names modules that exist: a renamed module would
otherwise fail to compile and the wheel fall back to pure Python with only a warning."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compiled_modules() -> list[str]:
    tree = ast.parse((ROOT / "hatch_build.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "COMPILED" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError("hatch_build.py has no COMPILED list")


def test_every_compiled_module_is_a_module_of_the_package() -> None:
    names = compiled_modules()
    assert names, "nothing would be compiled"
    missing = [name for name in names if not (ROOT / "extractor" / f"{name}.py").is_file()]
    assert not missing
    assert len(set(names)) == len(names)


def test_the_pipeline_and_the_search_are_compiled() -> None:
    assert {"pipeline", "mojibake", "gbk_search", "gbk_score"} <= set(compiled_modules())
