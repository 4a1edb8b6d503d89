"""Statement texts as argmap keeps them: white space collapsed to single spaces (an Argdown
statement has no line breaks) and, for a statement's text, its ``#tags`` taken out (they become
the statement's tags).
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["norm", "clean_text"]


def norm(text: str) -> str:
    """*text* with every run of white space made one space, without spaces at either end."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text or "").strip(" ")


def clean_text(member: Any) -> str:
    """The text of a statement (a model member) without its ``#tags``, whitespace-normalised."""
    text = member.text or ""
    for start, stop in sorted(member.tag_ranges or (), reverse=True):
        text = text[:start] + " " + text[stop:]
    return norm(text)
