# The piece map's merge in C when the wheel compiles piece_map.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython


@cython.final
cdef class Pieces:
    cdef public list text_starts, raw_starts, raw_ends, splices, absorbed

    cpdef append(self, text_start, raw_start, raw_end, splice=*, absorbed=*)


@cython.locals(sweep=_Sweep, index=Py_ssize_t, total=Py_ssize_t)
cpdef Pieces rebuild(Pieces old, Py_ssize_t length, spliced)


@cython.final
cdef class _Sweep:
    cdef Pieces old, new
    cdef list ordered, starts, ends, replacements, raw_starts, raw_ends
    cdef Py_ssize_t waiting, shift, last_start, last_end, last_index

    @cython.locals(
        new=Pieces, count=Py_ssize_t, at=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t
    )
    cpdef emit_through(self, Py_ssize_t position)

    @cython.locals(
        old=Pieces,
        new=Pieces,
        reach=Py_ssize_t,
        shift=Py_ssize_t,
        at=Py_ssize_t,
        start=Py_ssize_t,
        old_starts=list,
        text_starts=list,
    )
    cpdef Py_ssize_t moved_run(self, Py_ssize_t index)

    @cython.locals(old=Pieces, new=Pieces, start=Py_ssize_t, gap=bint, swallowed=bint)
    cpdef piece(self, Py_ssize_t index, Py_ssize_t end)

    @cython.locals(
        new=Pieces,
        kept=Py_ssize_t,
        first=Py_ssize_t,
        at=Py_ssize_t,
        stop=Py_ssize_t,
        shift=Py_ssize_t,
        splice_start=Py_ssize_t,
        splice_end=Py_ssize_t,
        text_starts=list,
        raw_starts=list,
        raw_ends=list,
        splices=list,
        absorbed=list,
        starts=list,
        ends=list,
        replacements=list,
        spliced_raw_starts=list,
        spliced_raw_ends=list,
    )
    cpdef copied(self, Py_ssize_t start, Py_ssize_t end, Py_ssize_t raw_offset)
