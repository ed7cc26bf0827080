"""The JSON a build writes for fixed inputs, to check that a speed change changed no output.

A change that claims to be faster must leave every byte of every document the same (or say
which figure moved and why). Run this with each build and compare the two files:

    python bench/same_json.py /tmp/before.jsonl                              # pure Python
    PYTHONPATH=build/compiled python bench/same_json.py /tmp/compiled.jsonl  # the compiled wheel
    cmp /tmp/before.jsonl /tmp/compiled.jsonl

The inputs: the shipped corpus (clean and scraped), the seed when ``../shared/seed`` is beside
the checkout, and ``--pages`` pages the damage simulator makes from the clean corpus (seed 11).
It also prints the file's SHA-256, so two runs can be compared by eye or in a note.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from extractor.batch import run
from extractor.inputs import Input, iter_inputs
from extractor.synth_archive import synthesize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED_DIR = ROOT.parent / "shared" / "seed"
SIMULATOR_SEED = 11


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="JSONL file to write")
    parser.add_argument("--pages", type=int, default=400, help="simulated pages (default 400)")
    arguments = parser.parse_args()
    # a folder of its own each run: two runs at once (pure and compiled) wrote into one before
    with tempfile.TemporaryDirectory(prefix="same-json-pages-") as pages:
        synthesize(CORPUS / "clean", Path(pages), arguments.pages, SIMULATOR_SEED)
        folders = {"clean": CORPUS / "clean", "scraped": CORPUS / "scraped", "pages": Path(pages)}
        if SEED_DIR.is_dir():
            folders["seed"] = SEED_DIR
        digest = _write(folders, arguments.output)
    print(f"{arguments.output}  sha256 {digest}")


def _write(folders: dict[str, Path], output: Path) -> str:
    """Every input's lines in input order; sources named by label, not by where the checkout is."""
    digest = hashlib.sha256()
    with output.open("wb") as out:
        for outcome in run(_labelled_inputs(folders)):
            for line in outcome.encoded_lines:
                out.write(line + b"\n")
                digest.update(line + b"\n")
    return digest.hexdigest()


def _labelled_inputs(folders: dict[str, Path]) -> Iterator[Input]:
    """The text inputs (not the simulator's truth files), their sources LABEL/relative path."""
    for label, folder in folders.items():
        for item in iter_inputs([folder]):
            if not item.source.endswith(".truth.json"):
                yield replace(item, source=label + item.source.removeprefix(str(folder)))


if __name__ == "__main__":
    main()
