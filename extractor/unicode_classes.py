r"""`regex`'s \d and \p{P}\p{S} spelled out for `re`, which runs a short search several times
faster (`regex` costs about 3,000 instructions a call before it matches anything).

`re`'s own \d is this Python's Unicode digits, which lack the ones added since (about a hundred
outside the BMP); \p{P} and \p{S} it lacks. Written out by ``spelled_out`` (a test compares each
class with `regex`'s over every code point: rerun it when `regex` is upgraded). A class is
tried as its BMP set, then its astral ranges behind a test that the character is astral: in one
set `re` compares every other character with each astral range in turn.
"""

from __future__ import annotations

import sys

import regex

DIGIT_BMP = (
    r"0-9\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f"
    r"\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f"
    r"\u0de6-\u0def\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099"
    r"\u17e0-\u17e9\u1810-\u1819\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99"
    r"\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59\ua620-\ua629\ua8d0-\ua8d9"
    r"\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9\uff10-\uff19"
)
DIGIT_ASTRAL = (
    r"\U000104a0-\U000104a9\U00010d30-\U00010d39\U00010d40-\U00010d49\U00011066-\U0001106f"
    r"\U000110f0-\U000110f9\U00011136-\U0001113f\U000111d0-\U000111d9\U000112f0-\U000112f9"
    r"\U00011450-\U00011459\U000114d0-\U000114d9\U00011650-\U00011659\U000116c0-\U000116c9"
    r"\U000116d0-\U000116e3\U00011730-\U00011739\U000118e0-\U000118e9\U00011950-\U00011959"
    r"\U00011bf0-\U00011bf9\U00011c50-\U00011c59\U00011d50-\U00011d59\U00011da0-\U00011da9"
    r"\U00011de0-\U00011de9\U00011f50-\U00011f59\U00016130-\U00016139\U00016a60-\U00016a69"
    r"\U00016ac0-\U00016ac9\U00016b50-\U00016b59\U00016d70-\U00016d79\U0001ccf0-\U0001ccf9"
    r"\U0001d7ce-\U0001d7ff\U0001e140-\U0001e149\U0001e2f0-\U0001e2f9\U0001e4f0-\U0001e4f9"
    r"\U0001e5f1-\U0001e5fa\U0001e950-\U0001e959\U0001fbf0-\U0001fbf9"
)
PUNCTUATION_SYMBOL_BMP = (
    r"\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e\xa1-\xa9\xab\xac\xae-\xb1\xb4\xb6-\xb8\xbb\xbf\xd7"
    r"\xf7\u02c2-\u02c5\u02d2-\u02df\u02e5-\u02eb\u02ed\u02ef-\u02ff\u0375\u037e\u0384\u0385"
    r"\u0387\u03f6\u0482\u055a-\u055f\u0589\u058a\u058d-\u058f\u05be\u05c0\u05c3\u05c6\u05f3"
    r"\u05f4\u0606-\u060f\u061b\u061d-\u061f\u066a-\u066d\u06d4\u06de\u06e9\u06fd\u06fe"
    r"\u0700-\u070d\u07f6-\u07f9\u07fe\u07ff\u0830-\u083e\u085e\u0888\u0964\u0965\u0970\u09f2"
    r"\u09f3\u09fa\u09fb\u09fd\u0a76\u0af0\u0af1\u0b70\u0bf3-\u0bfa\u0c77\u0c7f\u0c84\u0d4f"
    r"\u0d79\u0df4\u0e3f\u0e4f\u0e5a\u0e5b\u0f01-\u0f17\u0f1a-\u0f1f\u0f34\u0f36\u0f38"
    r"\u0f3a-\u0f3d\u0f85\u0fbe-\u0fc5\u0fc7-\u0fcc\u0fce-\u0fda\u104a-\u104f\u109e\u109f"
    r"\u10fb\u1360-\u1368\u1390-\u1399\u1400\u166d\u166e\u169b\u169c\u16eb-\u16ed\u1735\u1736"
    r"\u17d4-\u17d6\u17d8-\u17db\u1800-\u180a\u1940\u1944\u1945\u19de-\u19ff\u1a1e\u1a1f"
    r"\u1aa0-\u1aa6\u1aa8-\u1aad\u1b4e\u1b4f\u1b5a-\u1b6a\u1b74-\u1b7f\u1bfc-\u1bff"
    r"\u1c3b-\u1c3f\u1c7e\u1c7f\u1cc0-\u1cc7\u1cd3\u1fbd\u1fbf-\u1fc1\u1fcd-\u1fcf"
    r"\u1fdd-\u1fdf\u1fed-\u1fef\u1ffd\u1ffe\u2010-\u2027\u2030-\u205e\u207a-\u207e"
    r"\u208a-\u208e\u20a0-\u20c4\u2100\u2101\u2103-\u2106\u2108\u2109\u2114\u2116-\u2118"
    r"\u211e-\u2123\u2125\u2127\u2129\u212e\u213a\u213b\u2140-\u2144\u214a-\u214d\u214f\u218a"
    r"\u218b\u2190-\u2429\u2440-\u244a\u249c-\u24e9\u2500-\u2775\u2794-\u2b73\u2b76-\u2bff"
    r"\u2ce5-\u2cea\u2cf9-\u2cfc\u2cfe\u2cff\u2d70\u2e00-\u2e2e\u2e30-\u2e5d\u2e60-\u2e63"
    r"\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u2ff0-\u2fff\u3001-\u3004\u3008-\u3020\u3030"
    r"\u3036\u3037\u303d-\u303f\u309b\u309c\u30a0\u30fb\u3190\u3191\u3196-\u319f\u31c0-\u31e5"
    r"\u31ef\u3200-\u321e\u322a-\u3247\u3250\u3260-\u327f\u328a-\u32b0\u32c0-\u33ff"
    r"\u4dc0-\u4dff\ua490-\ua4c6\ua4fe\ua4ff\ua60d-\ua60f\ua673\ua67e\ua6f2-\ua6f7"
    r"\ua700-\ua716\ua720\ua721\ua789\ua78a\ua828-\ua82b\ua836-\ua839\ua874-\ua877\ua8ce\ua8cf"
    r"\ua8f8-\ua8fa\ua8fc\ua92e\ua92f\ua95f\ua9c1-\ua9cd\ua9de\ua9df\uaa5c-\uaa5f\uaa77-\uaa79"
    r"\uaade\uaadf\uaaf0\uaaf1\uab5b\uab6a\uab6b\uabeb\ufb29\ufbb2-\ufbd2\ufd3e-\ufd4f\ufd90"
    r"\ufd91\ufdc8-\ufdcf\ufdfc-\ufdff\ufe10-\ufe19\ufe30-\ufe52\ufe54-\ufe66\ufe68-\ufe6b"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\uffe0-\uffe6\uffe8-\uffee\ufffc"
    r"\ufffd"
)
PUNCTUATION_SYMBOL_ASTRAL = (
    r"\U00010100-\U00010102\U00010137-\U0001013f\U00010179-\U00010189\U0001018c-\U0001018e"
    r"\U00010190-\U0001019c\U000101a0\U000101d0-\U000101fc\U0001039f\U000103d0\U0001056f"
    r"\U00010857\U00010877\U00010878\U0001091f\U0001093f\U00010a50-\U00010a58\U00010a7f"
    r"\U00010ac8\U00010af0-\U00010af6\U00010b39-\U00010b3f\U00010b99-\U00010b9c\U00010d6e"
    r"\U00010d8e\U00010d8f\U00010ead\U00010ec9\U00010eca\U00010ed0-\U00010ed8"
    r"\U00010f55-\U00010f59\U00010f86-\U00010f89\U00011047-\U0001104d\U000110bb\U000110bc"
    r"\U000110be-\U000110c1\U00011140-\U00011143\U00011174\U00011175\U000111c5-\U000111c8"
    r"\U000111cd\U000111db\U000111dd-\U000111df\U00011238-\U0001123d\U000112a9\U000113d4"
    r"\U000113d5\U000113d7\U000113d8\U0001144b-\U0001144f\U0001145a\U0001145b\U0001145d"
    r"\U000114c6\U000115c1-\U000115d7\U00011641-\U00011643\U00011660-\U0001166c\U000116b9"
    r"\U0001173c-\U0001173f\U0001183b\U00011944-\U00011946\U000119e2\U00011a3f-\U00011a46"
    r"\U00011a9a-\U00011a9c\U00011a9e-\U00011aa2\U00011b00-\U00011b09\U00011be1"
    r"\U00011c41-\U00011c45\U00011c70\U00011c71\U00011ef7\U00011ef8\U00011f43-\U00011f4f"
    r"\U00011fd5-\U00011ff1\U00011fff\U00012470-\U00012474\U00012ff1\U00012ff2\U00016a6e"
    r"\U00016a6f\U00016af5\U00016b37-\U00016b3f\U00016b44\U00016b45\U00016d6d-\U00016d6f"
    r"\U00016e97-\U00016e9a\U00016fe2\U0001bc9c\U0001bc9f\U0001cc00-\U0001ccef"
    r"\U0001ccfa-\U0001ccfc\U0001cd00-\U0001ceb3\U0001ceba-\U0001ced0\U0001ced2-\U0001ced4"
    r"\U0001cedd-\U0001cefd\U0001cf50-\U0001cfc3\U0001d000-\U0001d0f5\U0001d100-\U0001d126"
    r"\U0001d129-\U0001d164\U0001d16a-\U0001d16c\U0001d183\U0001d184\U0001d18c-\U0001d1a9"
    r"\U0001d1ae-\U0001d241\U0001d245\U0001d253-\U0001d25a\U0001d25d\U0001d25e"
    r"\U0001d260-\U0001d27f\U0001d300-\U0001d356\U0001d6c1\U0001d6db\U0001d6fb\U0001d715"
    r"\U0001d735\U0001d74f\U0001d76f\U0001d789\U0001d7a9\U0001d7c3\U0001d800-\U0001d9ff"
    r"\U0001da37-\U0001da3a\U0001da6d-\U0001da74\U0001da76-\U0001da83\U0001da85-\U0001da8b"
    r"\U0001db00-\U0001db1c\U0001e14f\U0001e2ff\U0001e5ff\U0001e95e\U0001e95f\U0001ecac"
    r"\U0001ecb0\U0001ed2e\U0001eef0\U0001eef1\U0001f000-\U0001f02b\U0001f030-\U0001f093"
    r"\U0001f0a0-\U0001f0ae\U0001f0b1-\U0001f0bf\U0001f0c1-\U0001f0cf\U0001f0d1-\U0001f0f5"
    r"\U0001f10d-\U0001f1ae\U0001f1e6-\U0001f202\U0001f210-\U0001f23b\U0001f240-\U0001f248"
    r"\U0001f250\U0001f251\U0001f260-\U0001f265\U0001f300-\U0001f6d9\U0001f6dc-\U0001f6ec"
    r"\U0001f6f0-\U0001f6fc\U0001f700-\U0001f7db\U0001f7e0-\U0001f7eb\U0001f7f0-\U0001f80b"
    r"\U0001f810-\U0001f847\U0001f850-\U0001f859\U0001f860-\U0001f887\U0001f890-\U0001f8ad"
    r"\U0001f8b0-\U0001f8bb\U0001f8c0\U0001f8c1\U0001f8d0-\U0001f8d8\U0001f900-\U0001fa57"
    r"\U0001fa60-\U0001fa6d\U0001fa70-\U0001fa7c\U0001fa80-\U0001fac6\U0001fac8"
    r"\U0001facc-\U0001fadd\U0001fadf-\U0001faeb\U0001faef-\U0001fafa\U0001fb00-\U0001fb92"
    r"\U0001fb94-\U0001fbef\U0001fbfa"
)


def char_class(bmp: str, astral: str = "") -> str:
    """A `re` pattern for one character of the class whose BMP and astral ranges are given."""
    if not astral:
        return f"[{bmp}]"
    return rf"(?:[{bmp}]|(?![\x00-\uffff])[{astral}])"


DIGIT = char_class(DIGIT_BMP, DIGIT_ASTRAL)  # `regex`'s \d


def spelled_out(pattern: str) -> tuple[str, str]:
    """The BMP and astral ranges of the characters ``pattern`` (one character) matches in
    `regex`, as class bodies (every character but an ASCII letter or digit escaped)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    spans = [(m.start(), m.end() - 1) for m in regex.finditer(f"(?:{pattern})+", every)]
    spans = [part for low, high in spans for part in _split_at_bmp(low, high)]
    bmp = "".join(_range(low, high) for low, high in spans if high <= 0xFFFF)
    astral = "".join(_range(low, high) for low, high in spans if low > 0xFFFF)
    return bmp, astral


def _split_at_bmp(low: int, high: int) -> list[tuple[int, int]]:
    return [(low, high)] if low > 0xFFFF or high <= 0xFFFF else [(low, 0xFFFF), (0x10000, high)]


def _range(low: int, high: int) -> str:
    if low == high:
        return _escaped(low)
    return _escaped(low) + ("-" if high > low + 1 else "") + _escaped(high)


def _escaped(code: int) -> str:
    if code < 0x80 and chr(code).isalnum():
        return chr(code)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
