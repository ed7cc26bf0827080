# The entities' models built with C calls when the wheel compiles entity_stage.py
# (hatch_build.py): the steps run for every name and hit of a document. Pure Python ignores
# this file.

cdef list _added(list spans, list extra)


cdef list _ordered(names)


cdef list _organisations(str text, list orgs, mention)


cdef _full_form(str name, list names, dict views)


cdef bint _same_ending(str short, str full)


cdef _full_form_simple(str name, list names)


cdef bint _subsequence(str short, str long)


cdef list _people(str text, str view, list hits, list orgs, mention)


cdef _post(str text, str title, spans)


cdef _add_post(person, post)


cdef str _written(str text, str view, str role, hit)


cdef _person(str name, partial)


cdef list _all_roles(list full, str view, person)
