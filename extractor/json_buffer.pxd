# The buffer's parts in C when the wheel compiles json_buffer.py (hatch_build.py): this file
# types what the .py declares, and model_json cimports it; pure Python ignores it.
import cython
from cpython.bytearray cimport PyByteArray_AS_STRING, PyByteArray_Resize
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from libc.string cimport memcpy


@cython.locals(end=Py_ssize_t)
cpdef Py_ssize_t put(bytearray written, Py_ssize_t size, bytes part) except -1

@cython.locals(end=Py_ssize_t, rest=Py_ssize_t, at=Py_ssize_t, digits=cython.p_char)
cpdef Py_ssize_t put_digits(bytearray written, Py_ssize_t size, Py_ssize_t value) except -1

cpdef bytes taken(bytearray written, Py_ssize_t start, Py_ssize_t size)

@cython.locals(
    room=Py_ssize_t,
    out=cython.p_char,
    at=Py_ssize_t,
    index=Py_ssize_t,
    char=Py_UCS4,
    kind=cython.uint,
    data=cython.p_void,
)
cpdef Py_ssize_t put_quoted(
    bytearray written, Py_ssize_t size, str text, Py_ssize_t start, Py_ssize_t end
) except -1

cdef Py_ssize_t _put_utf8(char *out, Py_ssize_t at, Py_ssize_t code) noexcept

@cython.locals(letter=Py_ssize_t, low=Py_ssize_t)
cdef Py_ssize_t _put_escape(char *out, Py_ssize_t at, Py_ssize_t code) noexcept

cdef Py_ssize_t _letter(Py_ssize_t code) noexcept
