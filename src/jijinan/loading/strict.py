"""Strict structuring of parsed JSON into the attrs records, without importing cattrs.

The rules are cattrs' as ``jijinan.loading.structure`` configures it: a record is a JSON object
with exactly its fields; a ``str`` is a string and an ``int`` an integer, never coerced;
a tuple is an array; an enum is one of its values; a date is an ISO string. The plan for
each record class is made once, from its attrs fields and type hints.

It exists because it is cheap: importing cattrs and generating its structuring code cost
a new process more than everything else jijinan does to answer its first lookup. When it
refuses data, ``jijinan.loading.structure`` asks cattrs' detailed validation to say where and why.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["structure"]

Hook = Callable[[Any], Any]
_PLANS: dict[type, tuple[frozenset[str], tuple[tuple[str, Hook], ...]]] = {}


def structure(value: Any, kind: Any) -> Any:
    """``value`` (parsed JSON) as ``kind`` (a record class, a tuple of them, or a simple type).

    Raises:
        TypeError: a value of the wrong JSON type.
        ValueError: a value no enum has, a date that is not one, a validator's refusal.
        KeyError: a missing or unknown field.
    """
    return _hook(kind)(value)


def _exact(kind: type) -> Hook:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__} {value!r:.60}")
        return value

    return check


def _optional(inner: Hook) -> Hook:
    return lambda value: None if value is None else inner(value)


def _enum(kind: type[enum.Enum]) -> Hook:
    text = _exact(str)
    return lambda value: kind(text(value))


def _date(value: Any) -> datetime.date:
    return datetime.date.fromisoformat(_exact(str)(value))


def _tuple(item: Hook) -> Hook:
    def structure_tuple(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise TypeError(f"expected a JSON array, got {type(value).__name__}")
        return tuple([item(v) for v in value])

    return structure_tuple


def _record(kind: type) -> Hook:
    def structure_record(value: Any) -> Any:
        names, plan = _PLANS.get(kind) or _plan(kind)
        if type(value) is not dict:
            raise TypeError(f"expected a JSON object for {kind.__name__}, got {type(value).__name__}")
        if value.keys() != names:
            missing, extra = sorted(names - value.keys()), sorted(value.keys() - names)
            raise KeyError(f"{kind.__name__}: missing {missing}, unknown {extra}")
        return kind(**{name: hook(value[name]) for name, hook in plan})

    return structure_record


def _plan(kind: type) -> tuple[frozenset[str], tuple[tuple[str, Hook], ...]]:
    hints = typing.get_type_hints(kind)
    fields = attrs.fields(kind)
    plan = (frozenset(f.name for f in fields), tuple((f.name, _hook(hints[f.name])) for f in fields))
    _PLANS[kind] = plan
    return plan


def _hook(kind: Any) -> Hook:
    if kind in (str, int, bool):
        return _exact(kind)
    if kind is datetime.date:
        return _date
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _enum(kind)
    if isinstance(kind, type) and attrs.has(kind):
        return _record(kind)
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(_hook(args[0]))
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        (inner,) = [a for a in args if a is not type(None)]
        return _optional(_hook(inner))
    raise TypeError(f"no rule to structure {kind!r}")
