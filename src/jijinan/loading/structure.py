"""Structuring parsed JSON into the attrs records, strictly, and saying where it does not fit.

``jijinan.loading.strict`` structures without importing cattrs (it is the fast path); when it
refuses, a cattrs converter with detailed validation says which field, where and why, and the
refusal becomes a ``DataIntegrityError``.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from jijinan.errors import DataIntegrityError
from jijinan.loading.once import once
from jijinan.records import Kind, Level, Relation

if TYPE_CHECKING:
    import cattrs

__all__ = ["structure"]

T = TypeVar("T")


def _strict(kind: type[T]) -> Callable[[Any, Any], T]:
    # cattrs would otherwise coerce (int 110000 -> "110000", "5" -> 5): refuse instead.
    def structure(value: Any, _type: Any) -> T:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
        return value  # type: ignore[no-any-return, unused-ignore]

    return structure


def _is_tuple(kind: Any) -> bool:
    origin: object = typing.get_origin(kind)
    return origin is tuple


def _strict_enum(value: Any, kind: type[Level] | type[Kind] | type[Relation]) -> Level | Kind | Relation:
    return kind(_strict(str)(value, str))


def _strict_optional_str(value: Any, _type: Any) -> str | None:
    return None if value is None else _strict(str)(value, str)


def _describe(exc: BaseException, _type: Any) -> str:
    # cattrs' default says only "invalid value"; keep the validator's words, which name the field.
    if isinstance(exc, KeyError):
        return "required field missing"
    return f"{type(exc).__name__}: {exc}"


def _make_converter(detailed: bool) -> cattrs.Converter:
    """A cattrs converter with the rules of ``jijinan._strict``."""
    import cattrs  # deferred: only loading needs it, not ``import jijinan``

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    converter.register_structure_hook(str, _strict(str))
    converter.register_structure_hook(int, _strict(int))
    converter.register_structure_hook_func(lambda t: t == (str | None), _strict_optional_str)
    # Level, Kind and Relation are str subclasses: give them their own hooks, or the str hook would
    # catch them and hand back plain strings.
    for enum_type in (Level, Kind, Relation):
        converter.register_structure_hook(enum_type, _strict_enum)

    # Collections are JSON arrays; a string or an object is not a tuple of its characters or keys.
    def structure_tuple_factory(kind: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        (item,) = {arg for arg in typing.get_args(kind) if arg is not Ellipsis}
        item_hook = converter.get_structure_hook(item)  # looked up once per tuple type, not per item

        def structure_tuple(value: Any, _kind: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise TypeError(f"expected a JSON array, got {type(value).__name__}")
            return tuple([item_hook(v, item) for v in value])

        return structure_tuple

    converter.register_structure_hook_factory(_is_tuple, structure_tuple_factory)
    converter.register_structure_hook(
        datetime.date, lambda value, _: datetime.date.fromisoformat(_strict(str)(value, str))
    )
    return converter


# The detailed converter explains what jijinan._strict refused: which field, where, why.
_detailed_converter = once(lambda: _make_converter(detailed=True))


def structure(payload: Any, kind: Any, where: str) -> Any:
    from jijinan.loading.strict import structure as fast

    try:
        return fast(payload, kind)
    except Exception as fast_error:
        import cattrs

        try:
            _detailed_converter().structure(payload, kind)
        except (cattrs.BaseValidationError, KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, cattrs.BaseValidationError):
                detail = "; ".join(cattrs.transform_error(exc, path=where, format_exception=_describe))
            else:
                detail = f"{where}: {exc}"
            raise DataIntegrityError(f"jijinan's data does not fit its records: {detail}") from exc
        raise DataIntegrityError(f"jijinan's data does not fit its records: {where}: {fast_error}") from fast_error
