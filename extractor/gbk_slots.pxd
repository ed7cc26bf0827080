# A run's slots made in C where it pays when the wheel compiles gbk_slots.py (hatch_build.py):
# this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk cimport _read_bonus

cdef tuple _LATER_DEFAULTS


cpdef new_slot(lead, trail, hint=*, leads=*, trails=*, dropped_before=*)


@cython.locals(fields=list)
cpdef replaced(slot, Py_ssize_t field, value)


@cython.locals(chars=list, place=Py_ssize_t, byte=int, char=str)
cpdef list _first_allowed(list row, frozenset allowed, Py_ssize_t width, Py_ssize_t marks_end)
