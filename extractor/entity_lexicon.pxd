# The scan's loop over the automaton's matches in C integers when the wheel compiles
# entity_lexicon.py (hatch_build.py); pure Python ignores this file.
import cython


@cython.locals(
    size=Py_ssize_t, index=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, which=Py_ssize_t,
    found=list, owners=tuple, at=Py_ssize_t, met=cython.int,
)
cpdef list longest_in_lists(tuple scan, Py_ssize_t count, str view)
