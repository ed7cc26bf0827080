# The search for names beside posts in C calls when the wheel compiles people.py
# (hatch_build.py): each post and person word of a page tries several name lengths, each a
# chain of these steps, called as C functions. Pure Python ignores this file.
import cython


cdef list _beside_post(str view, start, end, lex, dict org_end)


cdef list _beside_person_word(str view, start, end, lex, dict org_end)


cdef str _role_phrase(str view, start, end, dict org_end)


@cython.locals(surnames=frozenset)
cdef bint _is_name(str name, lex)


cdef bint _boundary_after(str view, at, lex)


cdef _name_after(str view, at, lex)


cdef _name_before(str view, at, lex)


cdef bint _word_boundary(str view, start)


cdef bint _post_ends(str view, at, lex)


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
