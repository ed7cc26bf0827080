# Types for when the wheel compiles date_rules.py (hatch_build.py); pure Python ignores this
# file.
import cython

cdef bint _COMPILED  # read once a page: C, not the module's dict

cpdef set words_present(scan, str view)
# the period words' first characters found by a C loop over the page
@cython.locals(
    found=set,
    marks=str,
    by_first=dict,
    starting=dict,
    reach=Py_ssize_t,
    last=Py_ssize_t,
    place=Py_ssize_t,
    char=Py_UCS4,
    code=Py_ssize_t,
    word=str,
)
cpdef set _words_by_character(scan, str view)

cdef dict _SCANS  # a C dict lookup a page
@cython.locals(known=tuple)
cpdef scan_of(tuple words)
