# Types for when the wheel compiles quantities.py (hatch_build.py); pure Python ignores this file.
# The money stage's span helpers cimported: a C call each (through Python, a call to
# ``overlaps`` cost more than its search), once per page and twice per count.
from extractor.amounts cimport overlaps, veto_spans

# A count's reading cpdef: called in C for each match.
cpdef _interpret(match, str rule, tuple slots)
cpdef _counted(str view, Py_ssize_t end, rules)
