# The search for runs, in C when the wheel compiles gbk_runs.py (hatch_build.py): the tests of
# gbk_marks.pxd called as C functions at every place of a busy line. This file types what the
# .py declares; pure Python ignores it.
from extractor.gbk_marks cimport (
    after_extension,
    is_folded_inside,
    is_lone_mark,
    is_run_at,
    is_run_char,
    line_start,
    orphan_suspect,
    stranded,
)
from extractor.gbk_shifted cimport reads_shifted
