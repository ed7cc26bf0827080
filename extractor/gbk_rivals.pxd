# What gbk_rivals asks for each rival of a slot, as C calls when the wheel compiles
# gbk_rivals.py (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_candidates cimport allowed_leads


cpdef int _lead_byte(str then)


@cython.locals(encoded=bytes)
cpdef bint _fits_between(str rival, frozenset partners, then_lead)
