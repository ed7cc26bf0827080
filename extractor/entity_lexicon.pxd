# The scan's loop over the automaton's matches in C integers when the wheel compiles
# entity_lexicon.py (hatch_build.py): the offsets halved, a list's last start read as a C
# integer (no int made a match to compare), the spans' ints made from them. Pure Python ignores
# this file.
import cython


@cython.locals(
    index=Py_ssize_t, found=list, spans=list, owners=tuple, size=Py_ssize_t, width=Py_ssize_t,
    start=Py_ssize_t, end=Py_ssize_t, at=Py_ssize_t, previous=Py_ssize_t, units=bytes,
    backwards=str,
)
cpdef list longest_in_lists(scan, Py_ssize_t count, str view)
