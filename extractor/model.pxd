# Trusted models built in C when the wheel compiles model.py (hatch_build.py): this file types
# what the .py declares; pure Python ignores it.
import cython
from cpython.object cimport PyObject_GenericSetAttr
from cpython.type cimport PyType_GenericNew


@cython.locals(fields_set=set)
cdef _built(model, set names, values)

@cython.locals(names=set)
cdef set _field_names(model)

cdef dict _FIELD_NAMES
cdef object _new, _set_dict, _set_fields_set, _set_extra, _set_private
