"""A base for storybank's small value types: fields in __slots__, equality, repr, copies.

The records used to be dataclasses. Importing `dataclasses` pulls in `inspect` (and with
it `ast`, `dis`, `tokenize`), and building each dataclass compiles its generated methods:
together about a quarter of a `storybank ask` run, paid on every run. These types are
written out by hand instead. Each subclass lists its fields in `__slots__` (in
constructor order) and writes a plain `__init__` whose parameters have the same names.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, Self


class Record:
    """Equality and repr over the fields named in `__slots__`; not hashable (mutable)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]
    _field_getter: Callable[[Any], Any] = staticmethod(lambda record: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # One C call for all fields: equality runs per story when a view checks what
        # changed in a bank of thousands, and a Python loop per field showed up there.
        getter = attrgetter(*cls.__slots__) if cls.__slots__ else (lambda record: ())
        if len(cls.__slots__) == 1:
            cls._field_getter = staticmethod(lambda record, get=getter: (get(record),))
        else:
            cls._field_getter = staticmethod(getter)

    def _fields(self) -> tuple[object, ...]:
        return self._field_getter(self)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A shallow copy with some fields changed (what `dataclasses.replace` did)."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return type(self)(**values)
