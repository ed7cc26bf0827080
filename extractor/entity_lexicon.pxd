# The scan's loop over the automaton's matches in C integers when the wheel compiles
# entity_lexicon.py (hatch_build.py): the positions, the lists matched at the current end as
# the bits of a C integer. Pure Python ignores this file.
import cython

cdef Py_ssize_t _MOST_LISTS


@cython.locals(
    index=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, size=Py_ssize_t, at_end=Py_ssize_t,
    which=Py_ssize_t, matched=Py_ssize_t, found=list, owners=tuple,
)
cpdef list longest_in_lists(tuple scan, Py_ssize_t count, str view)
