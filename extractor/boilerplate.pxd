# The furniture scan in C types when the wheel compiles boilerplate.py (hatch_build.py): line
# positions as Py_ssize_t, the lines' index a dict read by C calls; pure Python ignores this file.
import cython


@cython.final
cdef class Lines:
    cdef readonly str view
    cdef readonly list starts
    cdef bytes _lowered
    cdef dict _holders
    cdef frozenset _indexed
    cdef dict _bits, _masks
    cdef object _found

    @cython.locals(holders=dict, found=list, lines=list)
    cpdef list holding(self, words)

    @cython.locals(found=list, lines=list)
    cpdef list holding_indexed(self, frozenset words)

    @cython.locals(
        data=bytes,
        sought=bytes,
        lines=list,
        line=Py_ssize_t,
        counted=Py_ssize_t,
        position=Py_ssize_t,
    )
    cpdef list _seek(self, str word)

    @cython.locals(
        view=str,
        starts=list,
        found=list,
        index=Py_ssize_t,
        end=Py_ssize_t,
        body=str,
    )
    cpdef list repeating(self, Py_ssize_t reach)


@cython.locals(opening=Py_UCS4, line=Py_ssize_t, position=Py_ssize_t, end=Py_ssize_t)
cdef bint _opens_a_line(str view, list starts, str body, Py_ssize_t first, Py_ssize_t stop)


@cython.locals(starts=list, newline=Py_ssize_t)
cpdef list _line_starts(str view)


@cython.locals(holders=dict, held=list, line=Py_ssize_t, newline=Py_ssize_t, index=Py_ssize_t)
cpdef dict _holders(bytes lowered, tuple words, automaton)


@cython.locals(view=str, starts=list, found=list, resume=Py_ssize_t, start=Py_ssize_t)
cpdef list _matches(pattern, bint anchored, Lines lines, words, Py_ssize_t repeats_above)


@cython.locals(
    view=str,
    starts=list,
    found=list,
    position=Py_ssize_t,
    line_stop=Py_ssize_t,
    line=Py_ssize_t,
)
cpdef list _searched(pattern, Lines lines, list candidates)


# A rule's gates and a hit's line read by C calls (as Python functions, ~1,000 instructions a
# call, one or more a rule and a hit)
cdef _candidates(Lines lines, words, Py_ssize_t repeats_above)


@cython.locals(line_start=Py_ssize_t, newline=Py_ssize_t)
cdef tuple _line_bounds(str view, Py_ssize_t start, Py_ssize_t end)
