# Types for when the wheel compiles date_mentions.py (hatch_build.py); pure Python ignores this
# file. A mention's model cpdef: called in C for each mention.
cpdef precision(mention)
cpdef _model(document, editable, Py_ssize_t offset, mention, inferred, list section_path)
