"""pypinyin's table of character readings, loaded without the rest of pypinyin.

Importing the package runs its ``__init__``, which also loads the phrase dictionary and copies
both tables: about 45 MB per worker that extraction never uses (only the damage simulator needs
pypinyin's converter). The table module is loaded on its own, from the installed package.
"""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType


@cache
def character_readings() -> dict[int, str]:
    """Code point -> its tone-marked readings, comma-separated (pypinyin's ``pinyin_dict``)."""
    loaded = sys.modules.get("pypinyin.pinyin_dict")  # the package is in use: share its table
    return (loaded or _load_table_module()).pinyin_dict


def _load_table_module() -> ModuleType:
    package = importlib.util.find_spec("pypinyin")
    if package is None or not package.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed: pip install 'pypinyin>=0.51'")
    path = Path(package.submodule_search_locations[0]) / "pinyin_dict.py"
    spec = importlib.util.spec_from_file_location("extractor._pypinyin_table", path)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"pypinyin's reading table is missing ({path}): reinstall it")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=8192)  # a few thousand readings, asked for each character read so
def toneless(reading: str) -> str:
    """A reading without its tone marks, ü written v (lǜ → lv)."""
    marks = unicodedata.normalize("NFD", reading)
    return "".join(c for c in marks if not unicodedata.combining(c)).replace("ü", "v")


@lru_cache(maxsize=2048)
def characters_read_as(reading: str) -> tuple[frozenset[str], frozenset[str]]:
    """The characters with ``reading`` among their own, and those with it tones aside: a
    reading asked about many characters is two set lookups each, not each one's readings
    found (the shifted-GBK hints, the pinyin annotations)."""
    loose = _toneless_index().get(toneless(reading), ())
    return frozenset(_reading_index().get(reading, ())), frozenset(loose)


def fits_reading(char: str, reading: str) -> bool:
    """Whether ``reading`` is one of the character's own, tones aside."""
    return char in characters_read_as(reading)[1]


@cache
def _reading_index() -> dict[str, list[str]]:
    """Every character of the table by each of its tone-marked readings."""
    index: dict[str, list[str]] = {}
    for code, listed in character_readings().items():
        if listed:
            for reading in listed.split(","):
                index.setdefault(reading, []).append(chr(code))
    return index


@cache
def _toneless_index() -> dict[str, list[str]]:
    """The characters of ``_reading_index`` by the toneless form of each reading (a character
    listed once a tone-marked reading it has), made once: a reading's first question
    (``characters_read_as``) makes its set from one list, where it was made a character at a
    time, ~60,000 instructions a reading."""
    found: dict[str, list[str]] = {}
    for reading, chars in _reading_index().items():
        found.setdefault(toneless(reading), []).extend(chars)
    return found
