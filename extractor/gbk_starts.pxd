# A run's likely starts when the wheel compiles gbk_starts.py (hatch_build.py): the test of
# each place before a run called in C. This file types what the .py declares; pure Python
# ignores it.

from extractor.gbk_marks cimport after_extension
