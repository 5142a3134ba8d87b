"""A base for the advisor's small value types: fields in __slots__, equality and repr.

The advisor's types used to be dataclasses. Building a dataclass generates and compiles
its methods when the module is imported (about 0.3 ms each here), and `storybank ask` pays
that on every run; these few types are written out by hand instead. Each subclass lists
its fields in `__slots__` (in constructor order) and writes a plain `__init__`.
"""

from __future__ import annotations


class Record:
    """Equality and repr over the fields named in `__slots__`; not hashable (mutable)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"
