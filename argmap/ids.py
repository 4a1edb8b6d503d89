"""The rules for identifiers: statement, inference, section and value ids, and reference keys.

An **id** names an element of a map (a statement, an inference, a section, a value): letters,
digits, ``_``, ``.`` and ``-``, at most 80 characters, not starting with ``.`` or ``-``.  A
**reference key** names a cited work and follows BibTeX's citation keys (``Doe:2020``,
``doe/2020a``): anything but white space and the characters BibTeX gives a meaning to.  Every
reader and importer uses these rules, so an id that one format accepts is an id everywhere.
"""
from __future__ import annotations

import re

__all__ = ["ID_RE", "REF_RE", "ID_RULE", "REF_RULE", "is_id", "is_ref"]

ID_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,79}\Z")   # (\Z: not before a final newline)
REF_RE = re.compile(r"[^\s,{}()\"'#%=~\\]{1,120}\Z")
ID_RULE = "use letters, digits, '_', '.', '-' (at most 80 characters, not starting with '.' or '-')"
REF_RULE = ("no white space and none of , { } ( ) \" ' # % = ~ \\ (at most 120 characters), "
            "as in BibTeX citation keys")


def is_id(text: str) -> bool:
    """Whether *text* is a valid element id."""
    return ID_RE.match(text) is not None


def is_ref(text: str) -> bool:
    """Whether *text* is a valid reference key."""
    return REF_RE.match(text) is not None
