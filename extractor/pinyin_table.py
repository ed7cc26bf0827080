"""pypinyin's table of character readings, loaded without the rest of pypinyin.

Importing the package runs its ``__init__``, which also loads the phrase dictionary and copies
both tables: about 45 MB per worker that extraction never uses (only the damage simulator needs
pypinyin's converter). The table module is loaded on its own, from the installed package.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
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
