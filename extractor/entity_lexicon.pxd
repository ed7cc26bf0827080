# The scan's loop over the automaton's matches in C integers when the wheel compiles
# entity_lexicon.py (hatch_build.py), but for the size, ends and starts, kept as int objects (the
# automaton gives them): each is compared and stored as one, and an int made from a C integer
# cost two allocations a match more. Pure Python ignores this file.
import cython


@cython.locals(
    index=Py_ssize_t, which=Py_ssize_t, found=list, last=list, owners=tuple,
)
cpdef list longest_in_lists(tuple scan, Py_ssize_t count, str view)
