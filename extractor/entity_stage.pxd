# The entities' models built with C calls when the wheel compiles entity_stage.py
# (hatch_build.py): the steps run for every name and hit of a document. Pure Python ignores
# this file.
import cython

from extractor.offsets cimport EditableText
from extractor.section_tree cimport SectionPaths


cdef class _Mentions:
    cdef str text
    cdef EditableText editable  # raw_span a C call, not a method looked up by name
    cdef Py_ssize_t offset
    cdef SectionPaths paths

    cpdef at(self, Py_ssize_t start, Py_ssize_t end)


cdef list _added(list spans, list extra)


cdef list _places(str text, list places, _Mentions mention)


cdef list _ordered(names)


cdef list _organisations(str text, list orgs, _Mentions mention)


cdef _full_form(str name, list names, dict views)


cdef bint _same_ending(str short, str full)


cdef _full_form_simple(str name, list names)


@cython.locals(at=Py_ssize_t, size=Py_ssize_t, char=Py_UCS4)
cdef bint _subsequence(str short, str long)


cdef list _people(str text, str view, list hits, list orgs, _Mentions mention)


cdef _post(str text, str title, spans)


cdef _add_post(person, post)


cdef str _written(str text, str view, str role, hit)


cdef _person(str name, partial)


cdef list _all_roles(list full, str view, person)
