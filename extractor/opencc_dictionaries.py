"""OpenCC's dictionaries and configurations read as text: what ``views`` builds its tables of
single characters from (read once a process, so interpreted even in the compiled wheel)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import opencc


def dictionary_lines(name: str) -> list[str] | None:
    """An OpenCC dictionary as text lines (a key, a tab, its values): ``dictionary/NAME.txt``
    beside the module when it is there, else dumped from the compiled ``NAME.ocd2`` by the
    ``opencc_dict`` tool the wheel ships."""
    package = Path(opencc.__file__).parent
    plain = package / "dictionary" / f"{name}.txt"
    if plain.is_file():
        return plain.read_text(encoding="utf-8").splitlines()
    compiled = package / "clib" / "share" / "opencc" / f"{name}.ocd2"
    tool = package / "clib" / "bin" / "opencc_dict"
    if not (compiled.is_file() and tool.is_file()):
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"{name}.txt"
        command = [str(tool), "-i", str(compiled), "-o", str(target), "-f", "ocd2", "-t", "text"]
        done = subprocess.run(command, capture_output=True, check=False)
        if done.returncode != 0 or not target.is_file():
            return None
        return target.read_text(encoding="utf-8").splitlines()


def config_dictionaries(name: str) -> tuple[list[str], list[str]] | None:
    """The dictionaries an OpenCC configuration normalises with and those of its one
    conversion step; None when it is not there or not of that kind."""
    config = Path(opencc.__file__).parent / "clib" / "share" / "opencc" / f"{name}.json"
    if not config.is_file():
        return None
    steps = json.loads(config.read_text(encoding="utf-8"))
    chain = steps.get("conversion_chain", [])
    normalising = _dictionary_names([step.get("dict") for step in steps.get("normalization", [])])
    converting = _dictionary_names([step.get("dict") for step in chain])
    if len(chain) != 1 or normalising is None or converting is None:
        return None
    return normalising, converting


def _dictionary_names(found: list[object]) -> list[str] | None:
    """The names of the OpenCC dictionaries in configuration entries (groups opened), or None
    for an entry of another kind."""
    names: list[str] = []
    for entry in found:
        if not isinstance(entry, dict):
            return None
        if entry.get("type") == "group":
            inner = _dictionary_names(entry.get("dicts", []))
            if inner is None:
                return None
            names += inner
        elif entry.get("type") == "ocd2" and str(entry.get("file", "")).endswith(".ocd2"):
            names.append(entry["file"][: -len(".ocd2")])
        else:
            return None
    return names
