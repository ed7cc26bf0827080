"""The figures stage's rule files read (``rules/money.toml``, ``rules/quantities.toml``): the
shipped file's tables, then each user folder's copy; word lists and mappings merged, entries
validated, and rules merged by id (a later file's rule replaces the earlier one). A broken file
names the file and the rule.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from extractor.errors import RulesError
from extractor.rules import default_rules_dir

R = TypeVar("R", bound=BaseModel)  # a rule: its id and disabled fields read here
Tables = list[tuple[Path, dict[str, Any]]]  # (file, its tables), shipped first


def read_tables(extra_dirs: tuple[Path, ...], name: str) -> Tables:
    """The file's tables, shipped first, then each user folder's copy if it has one."""
    tables = []
    for directory in (default_rules_dir(), *extra_dirs):
        path = directory / name
        if not path.is_file():
            continue
        try:
            tables.append((path, tomllib.loads(path.read_text(encoding="utf-8"))))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise RulesError(f"{path}: cannot read rule file: {error}") from error
    return tables


def entries(tables: Tables, key: str) -> list[tuple[Path, Any]]:
    return [(file, entry) for file, table in tables for entry in table.get(key, [])]


def word_lists(tables: Tables, section: str = "") -> dict[str, list[str]]:
    """Word lists (top-level, or in one table); a user file's list extends the shipped one."""
    lists: dict[str, list[str]] = {}
    for _, table in tables:
        for key, value in (table.get(section, {}) if section else table).items():
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                lists.setdefault(key, []).extend(value)
    return lists


def mapping(tables: Tables, key: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for _, table in tables:
        merged.update(table.get(key, {}))
    return merged


def validated(path: Path, model: type[BaseModel], entry: Any) -> Any:
    try:
        return model.model_validate(entry)
    except ValidationError as error:
        name = entry.get("id") or entry.get("code") if isinstance(entry, dict) else entry
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise RulesError(f"{path}: {model.__name__.lower()} {name}: {problems}") from error


def merged(tables: Tables, key: str, model: type[R]) -> list[tuple[Path, R]]:
    """(file, rule) by id: a later file's rule with the same id replaces the earlier one."""
    by_id: dict[str, tuple[Path, R]] = {}
    for file, table in tables:
        seen: set[str] = set()
        for entry in table.get(key, []):
            rule = validated(file, model, entry)
            if rule.id in seen:
                raise RulesError(f"{file}: rule {rule.id}: id used twice; give each its own id")
            seen.add(rule.id)
            by_id[rule.id] = (file, rule)
    return [(file, rule) for file, rule in by_id.values() if not rule.disabled]
