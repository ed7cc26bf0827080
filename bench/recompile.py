"""Refresh ``build/compiled`` after an edit by compiling only the modules named.

``make compiled`` builds the whole wheel (about ten minutes on two busy cores); a speed change
to one module needs only that module compiled again to be counted (``bench/instructions.py``):

    python bench/recompile.py gbk_score gbk_search    # about 25 s a module
    PYTHONPATH=build/compiled python bench/instructions.py

It copies the checkout's ``extractor/*.py``, ``*.pxd`` and ``rules/`` over ``build/compiled``
(made once by ``make compiled``), then compiles the named modules with ``hatch_build``'s
directives. Name every edited module that ``hatch_build.COMPILED`` lists and every module
whose ``.pxd`` cimports an edited one. Such a build counts a little apart from the wheel's
(1.6 million instructions more on the 30 pages once), so count before and after both built so.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "build" / "compiled" / "extractor"
SCRATCH = ROOT / "build" / "partial"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "modules", nargs="*", help="modules to compile (gbk_score or extractor/gbk_score.py …)"
    )
    arguments = parser.parse_args()
    arguments.modules = [Path(module).stem for module in arguments.modules]
    hatch_build = _hatch_build()
    unknown = sorted(set(arguments.modules) - set(hatch_build.COMPILED))
    if unknown:
        sys.exit(f"not compiled by the wheel (hatch_build.COMPILED): {', '.join(unknown)}")
    if not TARGET.is_dir():
        sys.exit(f"{TARGET} is missing: run `make compiled` once first")
    _copy_sources()
    if arguments.modules:
        hatch_build.COMPILED[:] = arguments.modules
        shutil.rmtree(SCRATCH, ignore_errors=True)
        for path in hatch_build.compile_modules(ROOT, SCRATCH):
            shutil.copy(path, TARGET / path.name)
            print(f"compiled {path.name}")


def _hatch_build() -> ModuleType:
    """The build hook as a module (it needs hatchling, Cython and setuptools installed)."""
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load {ROOT / 'hatch_build.py'}")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as error:
        sys.exit(f"{error.name} is not installed: pip install hatchling 'Cython>=3.0' setuptools")
    return module


def _copy_sources() -> None:
    """The uncompiled modules, the .pxd files and the rules as the checkout has them now."""
    sources = ROOT / "extractor"
    for source in [*sources.glob("*.py"), *sources.glob("*.pxd")]:
        shutil.copy(source, TARGET / source.name)
    shutil.rmtree(TARGET / "rules", ignore_errors=True)
    shutil.copytree(ROOT / "rules", TARGET / "rules")


if __name__ == "__main__":
    main()
