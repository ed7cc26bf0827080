# What gbk_rivals asks for each rival of a slot, as C calls when the wheel compiles
# gbk_rivals.py (hatch_build.py): this file types what the .py declares; pure Python ignores it.
from extractor.gbk_alone cimport _Alone, _gathered
from extractor.gbk_candidates cimport allowed_leads


cpdef int _lead_byte(str then)


cpdef bint _fits_between(str rival, int lead, frozenset partners, then_lead)
