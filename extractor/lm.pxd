# A text's best segmentation in C types when the wheel compiles lm.py (hatch_build.py): the
# prefixes' scores as C doubles (the same additions in the same order, so the same bits), a
# character as a code point, the words a typed dict; pure Python ignores this file.
import cython


@cython.locals(
    words=dict,
    tails=frozenset,
    word=str,
    unknown=cython.double,
    best=cython.double[::1],
    end=Py_ssize_t,
    length=Py_ssize_t,
    char=Py_UCS4,
    found=object,
    single=cython.double,
    candidate=cython.double,
    logprob=cython.double,
)
cdef double _best_segmentation(model, str text)


cpdef bint is_han(str char)  # a C call from this module's own (``char_logprob``)
