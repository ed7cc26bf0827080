# Types for when the wheel compiles amounts.py (hatch_build.py); pure Python ignores this file.
import cython

from extractor.figure_spans cimport merged_windows, overlaps, veto_spans


cdef str _CLAUSE_MARKS  # a character sought in it by C


# A mention and its stretches C classes: made without Python bytecode, their fields read and
# set in C by the stage and the figures stage's locator.
@cython.final
cdef class Span:
    cdef public Py_ssize_t start, end


@cython.final
cdef class Money:
    cdef public Py_ssize_t start, end
    cdef public str rule, currency, bound, per, action, role
    cdef public object value, low, high, part_of
    cdef public bint masked
    cdef public Span giver, recipient, purpose


# The stage's functions cpdef: called from one another in C (a Python call each cost more than
# most of them do), and from Python as before.
@cython.locals(money=Money)
cpdef list find_amounts(str view, rules)
cpdef list _windows(str view, rules)
cpdef list _vetoed(list found, str view, rules)
# the groups a dict: each of the dozen reads of them a C look-up, not a method call
@cython.locals(money=Money, groups=dict)
cpdef Money _interpret(match, str rule, rules)
cpdef str _currency(dict groups, rules)
cpdef str _bound(dict groups, rules)
cpdef _set_bounds(Money money, low, high)
cpdef _change(str sub, str cur=*)
cpdef _distribute(str low_text, low, str high_text, high, dict groups)
cpdef str _trailing_units(str text)
@cython.locals(money=Money)
cpdef _describe(str view, list found, Py_ssize_t index, rules)
@cython.locals(low=Py_ssize_t, place=Py_ssize_t)
cpdef Py_ssize_t clause_start_before(str view, Py_ssize_t start)
@cython.locals(text=str)
cpdef _per(str before, str after, rules)
@cython.locals(word=str)
cpdef bint _may_hold(str text, tuple words)
cpdef _last(pattern, str text)
cpdef Span _giver(str phrase, Py_ssize_t offset, rules)
cpdef Span _recipient_before(str before, Py_ssize_t offset, rules)
cpdef Span _recipient_after(str view, Py_ssize_t end, rules)
cpdef Span _purpose(str view, Py_ssize_t end, rules)
@cython.locals(money=Money, total=Py_ssize_t)
cpdef _link_parts(str view, list found)
