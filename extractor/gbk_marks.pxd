# What a character or two say about a run, in C when the wheel compiles gbk_marks.py
# (hatch_build.py): ``gbk_runs`` asks these at every place of a busy line, through gbk_runs.pxd
# as C calls. This file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_shifted cimport has_two_bytes, reads_shifted


cpdef bint is_run_char(str char)


@cython.locals(char=str, before=str, after=str)
cpdef bint is_run_at(str text, Py_ssize_t position)


cdef bint _latin(str char)


@cython.locals(
    char=str, before=str, after=str, shifted=cython.bint, paired=cython.bint, coded=cython.bint
)
cpdef bint is_lone_mark(str text, Py_ssize_t position, bint read=*)


@cython.locals(start=Py_ssize_t)
cpdef bint reads_shifted_before(str text, Py_ssize_t position)


@cython.locals(folded=str, first=str, letter=str, symbol=cython.bint, placed=cython.bint)
cpdef bint after_folded(str text, Py_ssize_t position, bint read=*)


@cython.locals(pair=str, at=Py_ssize_t)
cpdef bint orphan_suspect(str text, Py_ssize_t position, model)


cpdef bint is_suspect(str char)


cdef Py_ssize_t _BMP
cdef unsigned char[::1] _SUSPECTS


@cython.locals(point=Py_UCS4, known=cython.uchar)
cdef bint _suspect_at(str text, Py_ssize_t position)


@cython.locals(char=str, before=str, read=cython.bint)
cpdef bint is_folded_inside(str text, Py_ssize_t position, hints=*)


@cython.locals(char=str, before=str, placed=cython.bint, folded=cython.bint)
cpdef bint folded_before_question(str text, Py_ssize_t position)


cdef unsigned char[::1] _EXTENDED


@cython.locals(point=Py_UCS4)
cpdef bint after_extension(str text, Py_ssize_t start)


@cython.locals(last=str, start=Py_ssize_t)
cpdef stranded(str text, Py_ssize_t end, model, surnames)


cdef bint _may_strand(str text, Py_ssize_t end)


@cython.locals(key=tuple)
cdef bint _ends_clause(str char, model)


cdef dict _CLAUSE_ENDS


@cython.locals(first=Py_ssize_t, a=Py_ssize_t, b=Py_ssize_t)
cdef bint _in_a_word(str seen, Py_ssize_t length, words)


cpdef Py_ssize_t line_start(str text, Py_ssize_t position)
