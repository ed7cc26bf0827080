"""Simulated archives on disk: many damaged pages, each with its truth file beside it."""

from __future__ import annotations

import json
import random
from collections.abc import Collection, Iterable
from pathlib import Path

from extractor.synth import DAMAGE_KINDS, Damaged, checked_kinds, damage
from extractor.views import is_traditional

_MIRROR_OPTIONAL = (
    ("width_fold", 0.9),
    ("gbk_shift", 0.4),
    ("lost_lead", 0.3),
    ("html_residue", 0.3),
    ("duplicate_title", 0.4),
    ("furniture", 0.6),
    ("masked_years", 0.6),
    ("second_document", 0.25),
)
_FANWEN_OPTIONAL = (
    ("width_fold", 0.5),
    ("html_residue", 0.3),
    ("duplicate_title", 0.2),
    ("masked_years", 0.3),
    ("second_document", 0.25),
)


def draw_kinds(rng: random.Random, traditional: bool) -> tuple[str, ...]:
    """A mix like real archives: a spam mirror page (s2t + pinyin + some) or a 范文 page."""
    if traditional or rng.random() < 0.5:
        chosen = {"s2t", "pinyin"} | {k for k, p in _MIRROR_OPTIONAL if rng.random() < p}
    else:
        chosen = {"furniture"} | {k for k, p in _FANWEN_OPTIONAL if rng.random() < p}
    return tuple(kind for kind in DAMAGE_KINDS if kind in chosen)


def synthesize(
    clean_dir: Path,
    out_dir: Path,
    count: int,
    seed: int,
    kinds: Collection[str] | None = None,
) -> list[Path]:
    """Write ``count`` damaged inputs NNNNN.txt and their NNNNN.truth.json; return the inputs."""
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")
    fixed = None if kinds is None else tuple(k for k in DAMAGE_KINDS if k in checked_kinds(kinds))
    cleans = [path.read_text(encoding="utf-8") for path in sorted(Path(clean_dir).glob("*.txt"))]
    cleans = [text for text in cleans if text.strip()]
    if not cleans:
        raise ValueError(f"no clean documents (*.txt) in {clean_dir}; point at corpus/clean")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        rng = random.Random(f"item:{seed}:{number}")
        clean = cleans[number % len(cleans)]
        chosen = fixed if fixed is not None else draw_kinds(rng, is_traditional(clean.strip()))
        second = _second(cleans, number, rng, chosen)
        damaged = damage(clean, chosen, rng.getrandbits(64), second)
        written.append(_write(out_dir, number, chosen, damaged))
    return written


def _second(cleans: list[str], number: int, rng: random.Random, kinds: Collection[str]) -> str:
    others = [text for n, text in enumerate(cleans) if n != number % len(cleans)] or cleans
    if "s2t" not in kinds:  # a 范文 page keeps to one script
        first = is_traditional(cleans[number % len(cleans)].strip())
        others = [t for t in others if is_traditional(t.strip()) == first] or others
    return rng.choice(others)


def _write(out_dir: Path, number: int, kinds: Iterable[str], damaged: Damaged) -> Path:
    name = f"{number:05d}.txt"
    path = out_dir / name
    path.write_text(damaged.input, encoding="utf-8", newline="\n")
    truth = {
        "input": name,
        "kinds": list(kinds),
        "documents": [
            {
                "title": d.title,
                "text": d.text,
                "garbled": [list(span) for span in d.garbled],
                "traceless": d.traceless,
            }
            for d in damaged.documents
        ],
    }
    record = json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
    (out_dir / f"{number:05d}.truth.json").write_text(record, encoding="utf-8", newline="\n")
    return path
