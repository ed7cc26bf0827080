# The cut's route and Viterbi in C types when the wheel compiles word_cut.py (hatch_build.py):
# indices as Py_ssize_t, weights and scores as C doubles (each sum the same additions in the same
# order, so the same bits); pure Python ignores this file.
import cython
from libc.math cimport log as log_of_count


@cython.locals(
    length=Py_ssize_t, start=Py_ssize_t, stop=Py_ssize_t, best_end=Py_ssize_t,
    single_from=Py_ssize_t, at=Py_ssize_t, after=Py_ssize_t, best=cython.double,
    weight=cython.double, found=cython.bint, weights=list, ends=list,
)
cdef _route_words(str block, dict counts, double log_total, list words)


cdef _singles(str run, dict counts, list words)


@cython.locals(
    b=cython.double, m=cython.double, e=cython.double, s=cython.double,
    new_b=cython.double, new_m=cython.double, new_e=cython.double, new_s=cython.double,
    from_b=cython.double, from_m=cython.double, from_e=cython.double, from_s=cython.double,
    emit=cython.double, eb=cython.double, es=cython.double, sb=cython.double, ss=cython.double,
    mm=cython.double, me=cython.double, bm=cython.double, be=cython.double,
)
cdef _hmm_words(str chars, list words)
