# A reading's bonus called in C by the ranking of a slot's candidates (gbk_slots.pxd) when the
# wheel compiles gbk.py (hatch_build.py): this file types what the .py declares; pure Python
# ignores it.

cpdef double _read_bonus(str char, frozenset marked, frozenset plain)
