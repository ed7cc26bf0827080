# Types for when the wheel compiles quantities.py (hatch_build.py); pure Python ignores this file.
# A count's reading cpdef: called in C for each match.
cpdef _interpret(match, str rule, tuple slots)
cpdef _counted(str view, Py_ssize_t end, rules)
