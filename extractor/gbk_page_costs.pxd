# What a character costs on a page, in C when the wheel compiles gbk_page_costs.py
# (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython


@cython.locals(
    turned=dict, into=frozenset, simplified=Py_ssize_t, traditional=Py_ssize_t, count=Py_ssize_t
)
cpdef bint _converted(dict uses)


@cython.final
cdef class _PageCosts:
    cdef frozenset chars
    cdef dict costs, forms, log_counts, turned, uses

    @cython.locals(found=tuple)
    cpdef tuple cost(self, str char)

    @cython.locals(form=str, cost=cython.double)
    cpdef double script_cost(self, str char)

    @cython.locals(uses=Py_ssize_t, openers=dict, opener=object)
    cpdef double unfamiliar(self, str char)


@cython.locals(
    found=list, option=tuple, script=cython.double, unfamiliar=cython.double, prior=cython.double
)
cpdef tuple _priced(_PageCosts costs, tuple options)


cdef tuple _MISSING


@cython.locals(
    common=cython.double,
    counted=cython.double,
    cost=cython.double,
    per_nat=cython.double,
    rarity=cython.double,
)
cpdef double _unfamiliar(str char, Py_ssize_t uses, dict counts)


cdef dict _NEVER_WRITTEN


@cython.locals(found=object)
cpdef double _never_written(str char)


cdef double _form_cost(str char, str form, dict turned)


cdef dict _script_forms(bint traditional)
