# Types for when the wheel compiles sections.py (hatch_build.py); pure Python ignores this file.
import cython

from extractor.markers cimport Candidate


# A section being built a C class: its fields read in C by the pass, public to Python.
cdef class Node:
    cdef public str family, kind, style
    cdef public Py_ssize_t level, rank, start, marker_end, title_start, title_end, end, n
    cdef public tuple number
    cdef public list flags, children

    cpdef Node last_child(self, str family)


# The structural pass a C class: its stack and tables read, its steps called, in C for each
# candidate.
cdef class _Builder:
    cdef list candidates, stack, next_number
    cdef dict last_number, first_parent

    @cython.locals(index=Py_ssize_t, candidate=Candidate)
    cpdef list build(self, Node root)
    cdef tuple _place(self, Candidate candidate, str family, Node root)
    cdef list _ancestors(self, str family)
    cdef bint _above(self, Node open_node, str family, Py_ssize_t rank, list ancestors)
    cdef Py_ssize_t _expected(self, str family, Node previous)
    cdef bint _plausible(self, Py_ssize_t index, Candidate candidate, str family, Node previous)
    cdef Node _node(self, Candidate candidate, str family, Node parent, Node previous)


# The pass's helpers C functions, called from it in C (as Python functions, a call each cost
# ~1,000 instructions)
cdef str _family(Candidate candidate)
cdef Py_ssize_t _rank(Candidate candidate)
@cython.locals(following=dict, result=list, index=Py_ssize_t)
cdef list _next_in_family(list candidates)
cdef list _flags(Node node, Node parent, Node previous, last)


# The titles' and spans' passes in C: a node's fields C reads and writes
cdef bint _COMPILED


@cython.locals(index=Py_ssize_t, node=Node, limit=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t)
cdef void _fill_titles(str text, str view, list nodes)


@cython.locals(at=Py_ssize_t, char=Py_UCS4)
cdef Py_ssize_t _title_end(str view, Py_ssize_t start, Py_ssize_t limit, bint item)


@cython.locals(children=list, index=Py_ssize_t, child=Node)
cdef void _fill_ends(Node parent)
