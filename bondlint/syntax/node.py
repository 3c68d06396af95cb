"""The base of the parsers' tree nodes: plain ``__slots__`` classes, compared by value.

The parsers make several nodes per line of every file they read (a fleet of 1,000 hosts:
~130,000 for its ifcfg files alone). An attrs frozen class sets each field through
``object.__setattr__`` (~3 µs for a 14-field value) and compiles its methods when its module
is imported (~0.4-3 ms a class, paid by every process); a plain slotted ``__init__`` costs
~0.5 µs and nothing at import. So the nodes are plain classes, read-only by convention like
the standard library's ``ast`` nodes: a parser builds them once and nothing changes them.
The documents that hold them, the host model, findings and the API stay attrs, frozen.

What the attrs classes gave and callers may use is kept: equality and hashing by value over
the fields (same class only), a repr naming the fields, ``__match_args__``.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, ClassVar


class Node:
    """A tree node: its ``__slots__`` are its fields, in constructor order."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], Any]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # a subclass's fields follow its base's, as attrs orders them
        cls._fields = tuple(f for c in reversed(cls.__mro__) for f in c.__dict__.get("__slots__", ()))
        cls.__match_args__ = cls._fields
        # attrgetter of one name gives the value itself, of several a tuple: both compare as they should
        cls._values = staticmethod(attrgetter(*cls._fields)) if cls._fields else staticmethod(lambda _: ())  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) == self._values(other)

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) != self._values(other)

    def __hash__(self) -> int:
        return hash((self.__class__.__qualname__, self._values(self)))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({fields})"
