"""Registries: named collections of callables (formats, renderers, check rules, themes).

One small mechanism for every extension point, so each behaves the same: names are unique, the
order of registration is the order of listing (and of the command line's choices), and an
unknown name is an :class:`UnknownName` error that suggests the closest known one.  A contract
test loops over every registry and every entry in it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from .errors import ArgmapError, Location
from .suggest import suggest

__all__ = ["Registry", "UnknownName"]

T = TypeVar("T")


class UnknownName(ArgmapError, LookupError):
    """A name that a registry does not hold (a format, renderer, rule or theme)."""

    default_code = "unknown-name"


class Registry(Generic[T]):
    """Entries of one kind by name.  *what* names the kind in messages ("format", "rule")."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, T] = {}

    def add(self, name: str, entry: T) -> T:
        """Register *entry* under *name* (a name is registered once)."""
        if name in self._entries:
            raise ValueError(f"{self.what} '{name}' is registered twice")
        self._entries[name] = entry
        return entry

    def register(self, name: str) -> Callable[[T], T]:
        """A decorator form of :meth:`add`."""
        return lambda entry: self.add(name, entry)

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise UnknownName(f"unknown {self.what} '{name}'{suggest(name, self._entries)}; "
                              f"{self.what}s: " + ", ".join(self._entries),
                              location=Location(f"<{self.what}>")) from None

    def names(self) -> list[str]:
        return list(self._entries)

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def values(self) -> list[T]:
        return list(self._entries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> T:
        return self.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
