# Types for when the wheel compiles dates.py (hatch_build.py); pure Python ignores this file.
import cython

# The scanner's steps cpdef: called from one another in C for each atom and pair of atoms.
cpdef list find_dates(str view, words)
cpdef str _lead(match, str name)
cpdef _year_month(match)
cpdef _year_atom(match)
cpdef str _year_suffix(str suffix)
cpdef _month_atom(match)
cpdef number(numeral)
cpdef _join(left, right, str gap)
cpdef bint _year_part(period)
cpdef _copy(found, Py_ssize_t end)
cpdef _absorb_school_year(str view, found)
cpdef bint _keep(found)
