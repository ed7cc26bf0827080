# A run's slots made, and Han characters told, in C when the wheel compiles gbk_hypotheses.py
# (hatch_build.py): this file types what the .py declares; pure Python ignores it.

from extractor.gbk_slots cimport new_slot, replaced
from extractor.lm cimport is_han
