"""How the scores key a character, or a text of a few, by a C integer: the constants that
``gbk_tables`` (the page's counts) and ``gbk_pairs`` (the search's states) both pack keys by.

Plain Python, not compiled: each module that packs keys imports these into C integers of its
own when compiled (its ``.pxd`` declares them), as a compiled module's C integers are no
attributes another module could import.
"""

# A character's code point + 1 (0: none) in 21 bits; a state keeps STATE_CONTEXT of them
# (``gbk_pairs``), a pair is two (``gbk_tables._key``).
_CHAR_BITS = 21
_CHAR_MASK = (1 << _CHAR_BITS) - 1
# A key's first place in a table (``gbk_tables._Table``), and its bit among the texts that end
# a word (``gbk_pairs._word_ends``): the top bits of the key times _MIX, modulo 2 ** 64
# (Fibonacci hashing: a key holds its last character in its low bits).
_MIX = 0x9E3779B97F4A7C15
_WORD = (1 << 64) - 1
