"""Compile the pipeline's modules with Cython when a wheel is built (``pip install .``).

The same ``.py`` files, compiled as they are: no module has a second, typed copy to keep in
step, and the JSON is byte-identical (``make test-compiled`` runs the test-suite on the
compiled build). A ``.pxd`` beside a module (``gbk_score.pxd``) declares C types for it, which
Cython picks up and pure Python never reads. An editable install (``pip install -e .``, what
``make`` sets up) stays pure Python, so an edited module is never shadowed by a stale compiled
one; so does any build with ``EXTRACTOR_PURE_PYTHON=1``, and one on a machine without a C
compiler (a warning says so).
"""

from __future__ import annotations

import os
from contextlib import chdir
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The modules every extracted page runs through; the CLI, the batch engine, databases,
# evaluation and the simulator spend their time elsewhere (I/O, SQL, pydantic). ``model``
# defines the pydantic models (no validators: nothing pydantic would inspect as a function)
# and builds each page's hundreds of trusted ones in ``trusted``'s loop.
COMPILED = [
    "amounts",
    "boilerplate",
    "closing",
    "date_mentions",
    "date_rules",
    "date_years",
    "dates",
    "decode",
    "dictionary",
    "entities",
    "entity_lexicon",
    "entity_patterns",
    "entity_spans",
    "entity_stage",
    "figure_rule_files",
    "figure_rules",
    "figure_spans",
    "figures",
    "gbk",
    "gbk_alone",
    "gbk_candidates",
    "gbk_completions",
    "gbk_hypotheses",
    "gbk_known_pairs",
    "gbk_lines",
    "gbk_marks",
    "gbk_names",
    "gbk_page_costs",
    "gbk_pairs",
    "gbk_plans",
    "gbk_punctuation",
    "gbk_ranking",
    "gbk_rivals",
    "gbk_runs",
    "gbk_score",
    "gbk_search",
    "gbk_shifted",
    "gbk_slots",
    "gbk_starts",
    "gbk_swallowed",
    "gbk_tables",
    "gbk_words",
    "hmm_chars",
    "html",
    "html_tokens",
    "json_buffer",
    "line_shapes",
    "lm",
    "markers",
    "model",
    "model_json",
    "mojibake",
    "numbers",
    "offsets",
    "pattern_engine",
    "pattern_syntax",
    "people",
    "piece_map",
    "pinyin",
    "pinyin_table",
    "pipeline",
    "places",
    "posts",
    "quantities",
    "repair",
    "rules",
    "running_counts",
    "running_text",
    "section_tree",
    "sections",
    "segment",
    "titles",
    "views",
    "word_cut",
]

# Python's semantics throughout: no C types inferred from annotations or locals (a variable
# annotated ``dict`` would refuse a defaultdict), and ``**`` on integers stays an integer.
DIRECTIVES = {
    "language_level": 3,
    "binding": False,
    "infer_types": False,
    "annotation_typing": False,
    "cpow": True,
}


class CompiledModules(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable" or os.environ.get("EXTRACTOR_PURE_PYTHON"):
            return
        try:
            built = compile_modules(Path(self.root), Path(self.directory) / "compiled")
        except Exception as error:  # no compiler here: the pure-Python wheel does the same work
            self.app.display_warning(
                f"extractor: modules not compiled ({type(error).__name__}: {error}); building "
                "pure Python, which is slower (with gcc and the Python headers installed, "
                "reinstall to compile them)"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in built:
            build_data["force_include"][str(path)] = f"extractor/{path.name}"


def compile_modules(root: Path, build: Path) -> list[Path]:
    """Cythonize and build each of ``COMPILED``; the extension files built."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    jobs = os.cpu_count() or 1
    with chdir(root):  # Cython names modules by their paths from here
        extensions = [Extension(f"extractor.{name}", [f"extractor/{name}.py"]) for name in COMPILED]
        modules = cythonize(
            extensions,
            compiler_directives=DIRECTIVES,
            build_dir=str(build / "c"),
            nthreads=jobs,
            quiet=True,
        )
        command = Distribution({"name": "extractor", "ext_modules": modules}).get_command_obj(
            "build_ext"
        )
        command.build_lib, command.build_temp = str(build / "lib"), str(build / "temp")
        command.parallel = jobs
        command.ensure_finalized()
        command.run()
        return [Path(command.get_ext_fullpath(module.name)) for module in modules]
