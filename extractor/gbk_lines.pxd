# The line filter and the plain characters' loop in C when the wheel compiles gbk_lines.py
# (hatch_build.py): one byte of flags read per character. This file types what the .py
# declares; pure Python ignores it.
import cython

from extractor.gbk_marks cimport line_start, stranded


@cython.final
cdef class Stranded:
    cdef str text
    cdef object surnames, model
    cdef dict known

    cpdef at(self, Py_ssize_t end)


@cython.locals(busy=set, ends=list)
cpdef dict quiet_lines(str text, hints, Stranded lone)


cdef int _RARE, _EXTENSION, _STRANDS, _PLAIN
cdef Py_ssize_t _BMP
cdef bint _COMPILED


@cython.locals(
    flags="const unsigned char[::1]",
    busy=set,
    ends=list,
    line=Py_ssize_t,
    extended=cython.bint,
    passing=cython.bint,
    first=Py_ssize_t,
    second=Py_ssize_t,
    first_flags=cython.int,
    second_flags=cython.int,
    third_flags=cython.int,
    place=Py_ssize_t,
    char=Py_UCS4,
    code=Py_ssize_t,
    own=cython.int,
)
cpdef tuple _scanned_lines(str text)


@cython.locals(end=Py_ssize_t, following=Py_ssize_t)
cpdef Py_ssize_t past_plain(str text, Py_ssize_t position, list read, plain)


@cython.locals(end=Py_ssize_t, length=Py_ssize_t, code=Py_ssize_t)
cpdef Py_ssize_t _plain_end(str text, Py_ssize_t position, bytes flags)
