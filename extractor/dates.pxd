# Types for when the wheel compiles dates.py (hatch_build.py); pure Python ignores this file.
import cython


# A mention a C class: made without Python bytecode, its fields read and set in C here.
@cython.final
cdef class Found:
    cdef public Py_ssize_t start, end
    cdef public object year, month, day, year_low, year_high, relative
    cdef public str period, kind
    cdef public bint year_masked, open_year
    cdef public list flags, seasons


# The scanner's steps cpdef: called from one another in C for each atom and pair of atoms.
cpdef list find_dates(str view, words)
cpdef str _lead(match, str name)
cpdef _year_month(match)
cpdef _year_atom(match)
cpdef str _year_suffix(str suffix)
cpdef _month_atom(match)
cpdef number(numeral)
@cython.locals(merged=Found)
cpdef Found _join(Found left, Found right, str gap)
cpdef bint _year_part(period)
@cython.locals(copy=Found)
cpdef Found _copy(Found found, Py_ssize_t end)
cpdef _absorb_school_year(str view, Found found)
cpdef bint _keep(Found found)
