# The dictionary's tables by character in C where it pays when the wheel compiles gbk_words.py
# (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython


# kept for the process, looked up in C
cdef Py_ssize_t _KEPT_FORMS
cdef list _ENCODED


@cython.locals(found=tuple)
cdef tuple _encoded(Py_ssize_t point)


@cython.locals(
    logprobs=list,
    chars=list,
    forms=list,
    encoded=list,
    scores=list,
    seconds=str,
    place=Py_ssize_t,
    own=tuple,
    form=str,
    pairs=bytes,
    char=str,
    joined=bytes,
)
cpdef tuple successors(str previous)


@cython.locals(
    follow=dict,
    logprobs=dict,
    seconds=str,
    scores=list,
    cut=double,
    score=double,
    kept=list,
    found=list,
    tied=list,
    place=Py_ssize_t,
)
cpdef tuple _word_starts(str previous)
