"""Instructions the batch path spends on simulated pages, counted by callgrind.

Seconds on a shared two-core machine wander by a third within one run; callgrind's instruction
count repeats to a few hundredths of a percent whatever else the machine does. So a speed change
is measured here: count the build before and the build after in one sitting (same pages, same
hash seed), and keep the change only if the count drops and the JSON stays the same
(``bench/same_json.py``). ``make bench`` still gives the seconds and the ratios to the peers.

    python bench/instructions.py                    # pure Python, from the source tree
    PYTHONPATH=build/compiled python bench/instructions.py   # the compiled wheel
    python bench/instructions.py --keep out.cg      # then: callgrind_annotate out.cg

``--pages`` pages are counted after ``--warm`` others went through first (loads and first-use
tables are not the steady state a batch runs in), with the collector settled as a batch settles
it, or off (``--no-gc``) to take where collections land out of the comparison. ``--sink`` counts
what ``extract -o`` adds: each outcome written by the JSONL sink.

Needs valgrind (Debian: ``apt-get install valgrind``) and gcc, which builds the two-function
library that starts and stops the count around the measured pages.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from extractor.batch import extract_input, settle_collector
from extractor.pipeline import Options
from extractor.sinks import JsonlSink
from extractor.synth_archive import synthesize

ROOT = Path(__file__).resolve().parents[1]
MARKS_SOURCE = """
#include <valgrind/callgrind.h>
void count_start(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; }
void count_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
"""
TOTALS = re.compile(rb"^totals: (\d+)", re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=30, help="pages counted (default 30)")
    parser.add_argument("--warm", type=int, default=20, help="pages run first (default 20)")
    parser.add_argument("--seed", type=int, default=7, help="the simulator's seed (default 7)")
    parser.add_argument("--no-gc", action="store_true", help="collector off after the warm-up")
    parser.add_argument("--sink", action="store_true", help="write outcomes as extract -o does")
    parser.add_argument("--keep", type=Path, help="keep callgrind's output file here")
    parser.add_argument("--inside", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.inside:
        _run_pages(arguments)
    else:
        print(f"{_counted(arguments) / 1e6:,.1f} million instructions")


def _counted(arguments: argparse.Namespace) -> int:
    """Make the pages and the marks library, run this script under callgrind, read the total."""
    for tool in ("valgrind", "gcc"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed: apt-get install {tool}")
    with tempfile.TemporaryDirectory(prefix="instructions-") as scratch:
        folder = Path(scratch)
        synthesize(
            ROOT / "corpus" / "clean",
            folder / "pages",
            arguments.warm + arguments.pages,
            arguments.seed,
        )
        marks = folder / "marks.so"
        (folder / "marks.c").write_text(MARKS_SOURCE)
        subprocess.run(
            ["gcc", "-shared", "-fPIC", "-O1", "-o", marks, folder / "marks.c"], check=True
        )
        out = arguments.keep or folder / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--inside",
            str(folder),
            *_passed_on(arguments),
        ]
        environment = {**os.environ, "PYTHONHASHSEED": "0", "MARKS_LIBRARY": str(marks)}
        subprocess.run(command, check=True, env=environment, stderr=subprocess.DEVNULL)
        found = TOTALS.search(out.read_bytes())
        if found is None:
            sys.exit(f"no total in {out}: is valgrind's callgrind working?")
        return int(found.group(1))


def _passed_on(arguments: argparse.Namespace) -> list[str]:
    return [
        f"--pages={arguments.pages}",
        f"--warm={arguments.warm}",
        *(["--no-gc"] if arguments.no_gc else []),
        *(["--sink"] if arguments.sink else []),
    ]


def _run_pages(arguments: argparse.Namespace) -> None:
    """Under callgrind: the warm-up pages, the collector set, then the counted pages."""
    marks = ctypes.CDLL(os.environ["MARKS_LIBRARY"])
    paths = sorted((arguments.inside / "pages").glob("*[0-9].txt"))
    pages = [(path.name, path.read_bytes()) for path in paths]
    warm, counted = pages[: arguments.warm], pages[arguments.warm :]
    options = Options()
    sink = JsonlSink(str(arguments.inside / "out.jsonl")) if arguments.sink else None
    for name, data in warm:
        outcome = extract_input(name, data, options)
        if sink:
            sink.write(outcome)
    settle_collector()
    if arguments.no_gc:
        gc.disable()
    marks.count_start()
    for name, data in counted:
        outcome = extract_input(name, data, options)
        if sink:
            sink.write(outcome)
    marks.count_stop()
    if sink:
        sink.close()


if __name__ == "__main__":
    main()
