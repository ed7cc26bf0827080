# The cut's route and Viterbi in C types when the wheel compiles word_cut.py (hatch_build.py):
# indices as Py_ssize_t, weights and scores as C doubles (each sum the same additions in the same
# order, so the same bits); pure Python ignores this file.
import cython
from libc.math cimport log as libm_log

# What the wheel's word_cut.py calls for math.log: libm's log of the count, an int converted
# to a C double as math.log converts it (exact below 2**53), without a Python call an edge.
cdef inline double log_of_count(Py_ssize_t count):
    return libm_log(<double>count)


# The HMM's tables as dicts: their look-ups C calls, not method calls.
cdef dict _START, _TRANS, _EMIT_B, _EMIT_M, _EMIT_E, _EMIT_S
cdef double _UNSEEN


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
