# Types for when the wheel compiles markers.py (hatch_build.py); pure Python ignores this file.


# A marker found a C class: its fields read in C by the structural pass (sections.pxd)
cdef class Candidate:
    cdef public Py_ssize_t start, end, n
    cdef public object style
    cdef public tuple number
    cdef public str position
