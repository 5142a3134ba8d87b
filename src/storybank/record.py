"""A base for storybank's small value types: fields in __slots__, equality, repr, copies.

The records used to be dataclasses. Importing `dataclasses` pulls in `inspect` (and with
it `ast`, `dis`, `tokenize`), and building each dataclass compiles its generated methods:
together about a quarter of a `storybank ask` run, paid on every run. These types are
written out by hand instead. Each subclass lists its fields in `__slots__` (in
constructor order) and writes a plain `__init__` whose parameters have the same names.

A field may not share its name with anything a base class defines: a slot named
`replace` would hide `Record.replace()`, and calling it would then fail far from the
cause. Such a class is refused when it is created.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, Self, cast


class Record:
    """Equality and repr over the fields named in `__slots__`; not hashable (mutable)."""

    __slots__: tuple[str, ...] = ()
    # Defining __eq__ without __hash__ makes Python set __hash__ to None: a mutable record
    # is not hashable (a dict key would go stale), as with dataclasses. FrozenRecord is.
    _field_getter: Callable[[Any], Any] = staticmethod(lambda record: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            owner = next((base for base in cls.__mro__[1:] if name in base.__dict__), None)
            if owner is not None:
                raise TypeError(
                    f"{cls.__name__} field {name!r} would shadow {owner.__name__}.{name}; "
                    "give the field another name"
                )
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
        return self._fields() == cast(Record, other)._fields()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A shallow copy with some fields changed (what `dataclasses.replace` did)."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return type(self)(**values)


class FrozenRecord(Record):
    """A Record that cannot change after `__init__`, and so is hashable.

    `__init__` sets each field with `self._init(name, value)`; any later assignment
    raises AttributeError.
    """

    __slots__ = ()

    def _init(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable (tried to delete {name!r})")

    def __hash__(self) -> int:
        return hash(self._fields())
