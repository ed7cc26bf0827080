"""The batch engine on a simulated archive: --jobs 1 against --jobs 2, peak memory per worker,
and a long streamed run that shows memory stays flat.

``python bench/scaling.py instructions --archive DIR --jobs N`` counts with callgrind what the
pass spends after the warm-up, in the parent and in each worker: the pool's overhead is the sum
with ``--jobs 2`` over the sum with ``--jobs 1``, which seconds on a shared machine cannot show.

Each measurement runs in a fresh process (``python bench/scaling.py batch|stream …``) so its
peak resident memory is its own: ``ru_maxrss`` of the process (the worker when jobs = 1) and of
its largest finished child (the largest worker when jobs > 1). The parent reads the JSON it
prints.
"""

from __future__ import annotations

import argparse
import ctypes
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from types import ModuleType

from instructions import MARKS_SOURCE, TOTALS

from extractor.batch import run, warm_up
from extractor.inputs import Input
from extractor.pipeline import Options

BENCH = Path(__file__).resolve().parent
CHILDREN = resource.RUSAGE_CHILDREN


@dataclass(frozen=True)
class BatchRun:
    jobs: int
    inputs: int
    documents: int
    errors: int
    seconds: float  # wall clock
    cpu_seconds: float  # of the process and its workers: what a core would need unshared
    rss_mb: float  # peak resident memory of one worker (the process itself when jobs = 1)
    parent_minor_faults: int = 0
    worker_minor_faults: int = 0  # each worker's, on average (0 when jobs = 1)


def archive_inputs(paths: list[Path], count: int | None = None) -> Iterator[Input]:
    """``count`` inputs cycling through the archive's pages (all of them once by default);
    each pass gives its inputs new source names, as a larger archive would."""
    total = len(paths) if count is None else count
    for number, path in enumerate(itertools.islice(itertools.cycle(paths), total)):
        yield Input(f"{number // len(paths)}/{path.name}", path.read_bytes)


def _cpu() -> float:
    """User + system time of this process and of its finished workers."""
    own, workers = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def batch(paths: list[Path], jobs: int) -> dict[str, float]:
    """One pass over the archive through ``extractor.batch.run``, making the JSON lines.

    Everything loaded on first use (seconds) is loaded before the clock starts
    (``extractor.batch.warm_up``), for every ``jobs``: the figures are those of a long batch.
    Under ``instructions`` (``MARKS_LIBRARY`` set) callgrind counts from there to the end.
    """
    warm_up(Options())
    marks = ctypes.CDLL(os.environ["MARKS_LIBRARY"]) if "MARKS_LIBRARY" in os.environ else None
    documents = errors = inputs = 0
    start, cpu_start, faults_start = time.perf_counter(), _cpu(), _minor_faults()
    if marks:
        marks.count_start()
    for outcome in run(archive_inputs(paths), Options(), jobs=jobs):
        inputs += 1
        documents += outcome.documents
        errors += outcome.error is not None
    if marks:
        marks.count_stop()
    seconds, cpu_seconds = time.perf_counter() - start, _cpu() - cpu_start
    parent_faults, worker_faults = (
        now - then for now, then in zip(_minor_faults(), faults_start, strict=True)
    )
    worker = resource.RUSAGE_SELF if jobs == 1 else resource.RUSAGE_CHILDREN
    return {
        "jobs": jobs,
        "inputs": inputs,
        "documents": documents,
        "errors": errors,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_mb": _peak_mb(worker),
        "parent_minor_faults": parent_faults,
        "worker_minor_faults": worker_faults // jobs if jobs > 1 else 0,
    }


def _minor_faults() -> tuple[int, int]:
    """Minor page faults of this process and of its finished workers: with forked workers,
    mostly the copies of the pages they write that they share with the parent."""
    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, CHILDREN))
    return own.ru_minflt, workers.ru_minflt


def instructions(archive: Path, jobs: int, keep: Path | None) -> dict[str, int | list[int]]:
    """A ``batch`` pass in a fresh process under callgrind: the instructions of the parent
    and of each worker after the warm-up; ``keep``, a folder, keeps callgrind's files
    (``callgrind.PID``, for ``callgrind_annotate``)."""
    with tempfile.TemporaryDirectory(prefix="scaling-") as scratch:
        folder = Path(scratch)
        profiles = keep or folder
        profiles.mkdir(parents=True, exist_ok=True)
        (folder / "marks.c").write_text(MARKS_SOURCE)
        marks = folder / "marks.so"
        subprocess.run(
            ["gcc", "-shared", "-fPIC", "-O1", "-o", marks, folder / "marks.c"], check=True
        )
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={profiles}/callgrind.%p",
            sys.executable,
            str(BENCH / "scaling.py"),
            *("batch", "--archive", str(archive), "--jobs", str(jobs)),
        ]
        environment = {**os.environ, "PYTHONHASHSEED": "0", "MARKS_LIBRARY": str(marks)}
        parent = subprocess.Popen(
            command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if parent.wait():
            sys.exit(f"the counted pass failed (exit code {parent.returncode})")
        counts = {
            int(out.name.rsplit(".", 1)[1]): _total(out) for out in profiles.glob("callgrind.*")
        }
    own = counts.pop(parent.pid)
    workers = [counts[pid] for pid in sorted(counts)]
    return {"jobs": jobs, "parent": own, "workers": workers, "total": own + sum(workers)}


def _total(out: Path) -> int:
    found = TOTALS.search(out.read_bytes())
    if found is None:
        sys.exit(f"no total in {out}: is valgrind's callgrind working?")
    return int(found.group(1))


def stream(paths: list[Path], count: int, jobs: int, every: int, log: Path) -> None:
    """``count`` inputs streamed through the pool; resident memory logged every ``every``."""
    import psutil

    me = psutil.Process()
    start = time.perf_counter()
    documents = 0
    with log.open("w", encoding="utf-8") as out:
        outcomes = run(archive_inputs(paths, count), Options(), jobs=jobs)
        for number, outcome in enumerate(outcomes, start=1):
            documents += outcome.documents
            if number % every == 0 or number == count:
                workers = [child.memory_info().rss for child in me.children(recursive=True)]
                point = {
                    "inputs": number,
                    "documents": documents,
                    "seconds": round(time.perf_counter() - start, 1),
                    "parent_mb": round(me.memory_info().rss / 2**20, 1),
                    "largest_worker_mb": round(max(workers, default=0) / 2**20, 1),
                }
                out.write(json.dumps(point) + "\n")
                out.flush()


def measured(archive: Path, jobs: int, source: Path | None = None) -> BatchRun:
    """A ``batch`` pass in a fresh process, of the package in ``source`` when given (the
    pure-Python modules of a source tree) or else of the one this process imports."""
    result = _child("batch", "--archive", str(archive), "--jobs", str(jobs), source=source)
    return BatchRun(**json.loads(result.stdout.strip().splitlines()[-1]))


def streamed(archive: Path, count: int, jobs: int, every: int, log: Path) -> list[dict]:
    """A ``stream`` run in a fresh process; its memory log (partial if it was interrupted)."""
    arguments = ["--archive", str(archive), "--jobs", str(jobs), "--count", str(count)]
    _child("stream", *arguments, "--every", str(every), "--log", str(log))
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _child(*arguments: str, source: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(BENCH / "scaling.py"), *arguments]
    env = None if source is None else {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env)


def build_of(module: ModuleType) -> str:
    """How the package was built: "compiled" (``hatch_build.py``) or "pure Python"."""
    compiled = str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES))
    return "compiled" if compiled else "pure Python"


def pages(archive: Path) -> list[Path]:
    """The archive's input pages (not the truth files beside them)."""
    return sorted(path for path in archive.glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("batch", "stream", "instructions"))
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--log", type=Path)
    parser.add_argument("--keep", type=Path, help="instructions: keep callgrind's files here")
    arguments = parser.parse_args()
    paths = pages(arguments.archive)
    if arguments.mode == "batch":
        print(json.dumps(batch(paths, arguments.jobs)))
    elif arguments.mode == "instructions":
        print(json.dumps(instructions(arguments.archive, arguments.jobs, arguments.keep)))
    else:
        stream(paths, arguments.count, arguments.jobs, arguments.every, arguments.log)


if __name__ == "__main__":
    main()
