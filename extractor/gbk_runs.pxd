# The search for runs in C when the wheel compiles gbk_runs.py (hatch_build.py): its steps and
# the tests of gbk_marks.pxd called as C functions at every place of a busy line. This file
# types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_lines cimport Stranded, past_plain, quiet_lines
from extractor.gbk_marks cimport (
    after_extension,
    is_folded_inside,
    is_lone_mark,
    is_run_at,
    is_run_char,
    orphan_suspect,
)
from extractor.gbk_shifted cimport ShiftedPage


@cython.locals(reach=Py_ssize_t)
cdef Py_ssize_t _reach(str text, Py_ssize_t start, hints)


cdef _stray_reading(str text, Py_ssize_t position, hints)


cdef bint _is_seam(str text, Py_ssize_t position, hints)


cdef bint _after_seam(str text, Py_ssize_t start, hints)


@cython.locals(
    position=Py_ssize_t,
    length=Py_ssize_t,
    start=Py_ssize_t,
    run=cython.bint,
    lone=Stranded,
    shifted=ShiftedPage,
)
cdef list _segments(str text, hints, rules)


@cython.locals(after=str, seamed=cython.bint)
cdef _stray_ends(str text, Py_ssize_t start, Py_ssize_t end, str reading, hints, list found)


@cython.locals(
    suspects=Py_ssize_t,
    after=str,
    seamed=cython.bint,
    reach=Py_ssize_t,
    placed=cython.bint,
    mark=Py_ssize_t,
)
cdef _stretch_end(
    str text,
    Py_ssize_t start,
    Py_ssize_t end,
    hints,
    ShiftedPage shifted,
    rules,
    Stranded stranded_at,
    list found,
)


@cython.locals(first=Py_ssize_t, suspects=Py_ssize_t, position=Py_ssize_t)
cdef Py_ssize_t _suspects(str text, Py_ssize_t start, Py_ssize_t end, ShiftedPage shifted)


@cython.locals(start=Py_ssize_t, end=Py_ssize_t, reach=Py_ssize_t, mark=Py_ssize_t)
cdef _letter_ends(str text, run, list found)


@cython.locals(seamed=cython.bint)
cdef _dropped_end(
    str text, Py_ssize_t start, Py_ssize_t end, hints, ShiftedPage shifted, list found
)


@cython.locals(seamed=cython.bint)
cdef _lone_marks(str text, Py_ssize_t position, hints, list found)


cdef bint _inside_line(str text, Py_ssize_t position)
