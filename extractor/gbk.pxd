# A run's slots made in C where it pays when the wheel compiles gbk.py (hatch_build.py): this
# file types what the .py declares; pure Python ignores it.

cdef tuple _LATER_DEFAULTS


cpdef new_slot(lead, trail, hint=*, leads=*, trails=*, dropped_before=*)
