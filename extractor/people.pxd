# The search for names beside posts in C calls when the wheel compiles people.py
# (hatch_build.py): each post and person word of a page tries several name lengths, each a
# chain of these steps, called as C functions, the lengths and offsets C integers. Pure Python
# ignores this file.
import cython

cdef str BEFORE_NAME  # read by character: C's search of a str


cdef list _beside_post(str view, start, end, lex, dict org_end)


cdef list _beside_person_word(str view, start, end, lex, dict org_end)


cdef str _role_phrase(str view, start, end, dict org_end)


@cython.locals(surnames=frozenset)
cdef bint _is_name(str name, lex)


cdef bint _boundary_after(str view, at, lex)


@cython.locals(length=Py_ssize_t, name=str, surnames=frozenset, compound=cython.bint)
cdef _name_after(str view, Py_ssize_t at, lex)


@cython.locals(length=Py_ssize_t, start=Py_ssize_t, name=str)
cdef _name_before(str view, Py_ssize_t at, lex)


@cython.locals(left=Py_ssize_t, at=Py_ssize_t)
cdef bint _word_boundary(str view, Py_ssize_t start)


cdef bint _post_ends(str view, Py_ssize_t at, lex)


cdef list _pair_before(str view, start, lex)


cdef list _appointed(str view, at, lex)


cdef _held_by(str view, at, lex)


cdef _name_after_posts(str view, at, lex)


cdef list _pair_after(str view, end, lex)


cdef _partial(str view, start, end, lex, dict org_end)


cdef list _lists(str view, lex, dict org_end)


cpdef list _list_heads(str view)


cdef _skip_parens(str view, at)


cdef bint _ends_with_role(str post, lex)
