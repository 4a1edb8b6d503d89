"""'Did you mean ...?': the closest known word to a misspelt one, for located errors."""
from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

__all__ = ["suggest", "Suggester"]


def suggest(word: str, candidates: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` when a close candidate exists (case-insensitive first), else ``""``."""
    candidates = list(candidates)
    folded = [c for c in candidates if c.casefold() == word.casefold()]
    best = folded or difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{best[0]}'?)" if best else ""


class Suggester:
    """:func:`suggest` for many words against the same large pools (the ids of a map), in
    bounded time: a map with thousands of dangling references must not take minutes to report
    them.  Case-insensitive matches are looked up; close matches (difflib, which compares the
    word with every candidate) are searched until a budget of comparisons is spent."""

    BUDGET = 300_000

    def __init__(self) -> None:
        self.budget = self.BUDGET
        self.folded: dict[int, dict[str, str]] = {}

    def __call__(self, word: str, pool: Collection[str]) -> str:
        folded = self.folded.get(id(pool))
        if folded is None:
            folded = self.folded[id(pool)] = {}
            for c in pool:
                folded.setdefault(c.casefold(), c)
        if word.casefold() in folded:
            return f" (did you mean '{folded[word.casefold()]}'?)"
        if self.budget < len(pool):
            return ""
        self.budget -= len(pool)
        best = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.6)
        return f" (did you mean '{best[0]}'?)" if best else ""
