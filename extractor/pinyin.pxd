# The annotation scan in C types when the wheel compiles pinyin.py (hatch_build.py): the
# running offsets as Py_ssize_t, the split's parts a list; pure Python ignores this file.
# ``readers`` stays untyped: a dict subclass whose ``__missing__`` a typed lookup would skip.
import cython


@cython.locals(
    readings=frozenset,
    splices=list,
    hints=list,
    parts=list,
    index=Py_ssize_t,
    start=Py_ssize_t,
    end=Py_ssize_t,
    at=Py_ssize_t,
    anchor=Py_ssize_t,
    anchor_of_last=Py_ssize_t,
    last_end=Py_ssize_t,
    reading=str,
    char=str,
    follows_reading=bint,
)
cpdef tuple find_annotations(str text)
