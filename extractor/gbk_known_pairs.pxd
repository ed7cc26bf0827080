# Which of a slot's forms make a known pair in C where it pays when the wheel compiles
# gbk_known_pairs.py (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython


# kept for the process, looked up in C
cdef dict _FOLLOW_BITS
cdef bint _COMPILED


@cython.locals(form=str)
cpdef frozenset _followed_by(frozenset forms, str after, dict follow)


@cython.locals(simple=str, found=list)
cpdef frozenset _among(frozenset simples, str chars)


@cython.locals(bits=bytes, found=list)
cpdef frozenset _among_following(frozenset simples, tuple listed, str following)


@cython.locals(table=bytearray, char=Py_UCS4, point=Py_ssize_t)
cpdef bytes _bits(str chars)


@cython.locals(found=list, simple=str, point=Py_ssize_t)
cpdef list _flagged(tuple forms, str chars, bytes bits)


@cython.locals(found=list, simple=str)
cpdef frozenset _paired_after(
    frozenset paired, frozenset in_document, str previous, document
)
