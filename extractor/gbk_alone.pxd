# Whether a rival stands alone, as C calls when the wheel compiles gbk_alone.py
# (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_pairs cimport State, _Pairs


@cython.final
cdef class _Alone:
    cdef dict words, follow
    cdef object document
    cdef frozenset view_chars
    cdef str previous, after_previous
    cdef bint previous_written
    cdef list known, written, longer

    @cython.locals(on_page=cython.bint, after_simple=str, then=str, a=str, b=str)
    cpdef bint holds(self, str simple)


@cython.locals(
    found=list, plain=list, entry=tuple, rival=str, simple=str, key=cython.double, top=cython.double
)
cpdef list _gathered(list fitting, _Alone alone, _Pairs pairs, State prefix)
