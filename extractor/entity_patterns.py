"""Entity patterns in ``rules/entities.jsonl``: names the suffix grammar cannot find.

One JSON object per line, in the style of spaCy's entity ruler: ``id``, ``label`` (PERSON, ORG
or GPE), ``pattern`` (a phrase, or ``{"REGEX": "…"}``), written in Simplified script with ASCII
punctuation and matched on the matching view, plus ``examples`` (texts the pattern must mark)
and ``counter_examples`` (texts it must not). Each line is validated at load; an error names the
file, the line and the pattern id. A ``--rules DIR`` holding ``entities.jsonl`` adds patterns,
replaces one by reusing its id, or switches one off with ``"disabled": true``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from extractor.errors import RulesError
from extractor.pattern_syntax import may_match
from extractor.rules import default_rules_dir, validation_problems

FILE = "entities.jsonl"


class EntityPattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: Literal["PERSON", "ORG", "GPE"]
    pattern: str | dict[Literal["REGEX"], str]
    examples: list[str]
    counter_examples: list[str] = []
    description: str = ""
    disabled: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str | dict[str, str]) -> str | dict[str, str]:
        if isinstance(pattern, dict):
            try:
                regex.compile(pattern["REGEX"])
            except regex.error as error:
                raise ValueError(f"REGEX does not compile: {error}") from error
        elif not pattern:
            raise ValueError("an empty phrase matches nothing; write the name to find")
        return pattern

    @field_validator("examples")
    @classmethod
    def _has_examples(cls, examples: list[str]) -> list[str]:
        if not examples:
            raise ValueError("give at least one example text the pattern must mark")
        return examples

    @property
    def compiled(self) -> regex.Pattern[str]:
        if isinstance(self.pattern, dict):
            return _compiled(self.pattern["REGEX"])
        return _compiled_phrase(self.pattern)


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


@lru_cache(maxsize=1024)
def _compiled_phrase(phrase: str) -> regex.Pattern[str]:
    """A phrase's pattern, escaped once (``regex.escape``, a Python loop over its characters,
    ran for each pattern of every document)."""
    return _compiled(regex.escape(phrase))


def load_patterns(extra_dirs: Sequence[Path] = ()) -> tuple[EntityPattern, ...]:
    """The shipped patterns, extended or overridden by each directory's ``entities.jsonl``
    (asked for once a document: as ``load_entity_lexicon`` asks)."""
    return _load(tuple(map(Path, extra_dirs)) if extra_dirs else ())


@lru_cache(maxsize=16)
def _load(extra_dirs: tuple[Path, ...]) -> tuple[EntityPattern, ...]:
    by_id: dict[str, EntityPattern] = {}
    for directory in (default_rules_dir(), *extra_dirs):
        path = directory / FILE
        if path.is_file():
            by_id.update((p.id, p) for p in read_patterns(path))
    return tuple(p for p in by_id.values() if not p.disabled)


def read_patterns(path: Path) -> list[EntityPattern]:
    """Every pattern of one JSONL file, each line validated."""
    patterns: list[EntityPattern] = []
    seen: set[str] = set()
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise RulesError(f"{path}:{number}: not a JSON object: {error.msg}") from error
        pattern_id = entry.get("id", "?") if isinstance(entry, dict) else "?"
        try:
            pattern = EntityPattern.model_validate(entry)
        except ValidationError as error:
            problems = validation_problems(error)
            raise RulesError(f"{path}:{number}: pattern {pattern_id}: {problems}") from error
        if pattern.id in seen:
            raise RulesError(f"{path}:{number}: pattern {pattern.id}: id used twice")
        seen.add(pattern.id)
        patterns.append(pattern)
    return patterns


def pattern_spans(view: str, patterns: Sequence[EntityPattern]) -> dict[str, list[tuple[int, int]]]:
    """Spans per label of every pattern's matches in ``view``."""
    spans: dict[str, list[tuple[int, int]]] = {"PERSON": [], "ORG": [], "GPE": []}
    for pattern in patterns:
        compiled = pattern.compiled
        if may_match(compiled.pattern, view):  # most pages name none of them
            spans[pattern.label] += [m.span() for m in compiled.finditer(view)]
    return spans
