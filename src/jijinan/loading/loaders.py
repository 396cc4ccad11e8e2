"""Loading and validating the packaged data: the only module that knows its files.

The JSON files in ``jijinan/data`` are read through the package's importlib loader (so a
wheel, a zip or an unpacked tree all work), checked against the BLAKE2b sums the
build script wrote beside them, and structured into the records of
``jijinan.records`` strictly: unknown keys, missing keys and values of the wrong type are
errors that name the field (``jijinan._strict`` structures; when it refuses, a cattrs
converter with detailed validation says where and why). Every loader runs once per
process, on first use, and is safe to call from many threads at the same moment; in a
process forked while another thread was loading, the child starts afresh.
"""

from __future__ import annotations

import datetime
import functools
import os
import sys
import threading
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from jijinan.errors import DataIntegrityError
from jijinan.records import Kind, Level, Notice, PilotUnit, Relation

if TYPE_CHECKING:
    import cattrs

    from jijinan._index import DivisionIndex

# The modules that read and check files (importlib.resources, hashlib, json) and cattrs are
# imported on first load, not by ``import jijinan``: importing the package stays cheap.

__all__ = ["load_char_map", "load_division_index", "load_notice", "load_unit_keys", "load_units", "read_json"]

_PACKAGE = "jijinan"
_DATA_DIR = "data"
_SUMS = "B2SUMS"

T = TypeVar("T")


# The lock of every ``once``, each in a one-element list so that a forked child can replace it.
_LOCKS: list[list[threading.Lock]] = []


def once(load: Callable[[], T]) -> Callable[[], T]:
    """Run ``load`` the first time the wrapper is called and return its result ever after.

    Thread-safe: threads that arrive while the first call runs wait for it, and all
    see the same, complete result. A call that raises is not cached. A process forked
    while another thread was loading gets fresh locks, so its first call loads anew
    instead of waiting forever for a thread the child does not have.
    """
    holder = [threading.Lock()]
    _LOCKS.append(holder)
    box: list[T] = []

    @functools.wraps(load)
    def wrapper() -> T:
        if box:
            return box[0]
        with holder[0]:
            if not box:
                box.append(load())
        return box[0]

    return wrapper


def _fresh_locks_after_fork() -> None:
    for holder in _LOCKS:
        holder[0] = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX; Windows does not fork
    os.register_at_fork(after_in_child=_fresh_locks_after_fork)


def _read_bytes(name: str) -> bytes:
    try:
        return _read_resource(name)
    except OSError as exc:
        raise DataIntegrityError(f"jijinan's data file {name} cannot be read ({exc}); reinstall jijinan") from exc


def _read_resource(name: str) -> bytes:
    # The package's own importlib loader reads files beside its modules, from a directory or
    # from a zip (zipimport), at no import cost; importlib.resources, for loaders without
    # get_data, costs a new process some 8 ms of imports (pathlib, zipfile, tempfile).
    spec = sys.modules[_PACKAGE].__spec__
    loader = getattr(spec, "loader", None)
    if spec is not None and spec.origin and hasattr(loader, "get_data"):
        path = os.path.join(os.path.dirname(spec.origin), _DATA_DIR, name)
        data: bytes = loader.get_data(path)  # type: ignore[union-attr]
        return data
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files
    found: bytes = files(_PACKAGE).joinpath(_DATA_DIR).joinpath(name).read_bytes()
    return found


@once
def _checksums() -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in _read_bytes(_SUMS).decode("ascii").splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    return sums


def _digest(data: bytes) -> str:
    # BLAKE2b (RFC 7693, the sums of coreutils' b2sum): CPython's built-in module hashes the
    # data three times faster than its built-in SHA-256, and spares the 4 ms that loading
    # OpenSSL through hashlib costs at start-up. hashlib is the fallback where it is absent.
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b
    return blake2b(data).hexdigest()


def read_json(name: str) -> Any:
    """The parsed content of one data file, after checking its BLAKE2b sum.

    Raises:
        DataIntegrityError: the file is missing, unlisted, damaged or edited.
    """
    import json

    data = _read_bytes(name)
    expected = _checksums().get(name)
    if expected is None:
        raise DataIntegrityError(f"jijinan's data file {name} is not listed in {_SUMS}; reinstall jijinan")
    if _digest(data) != expected:
        raise DataIntegrityError(
            f"jijinan's data file {name} does not match the checksum written when it was built: "
            "it is damaged or has been edited; reinstall jijinan"
        )
    return json.loads(data)  # UTF-8 bytes, decoded by the parser


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


def _structure(payload: Any, kind: Any, where: str) -> Any:
    from jijinan._strict import structure

    try:
        return structure(payload, kind)
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


def _top(payload: Any, key: str, name: str) -> Any:
    if not isinstance(payload, dict) or set(payload) != {key}:
        raise DataIntegrityError(f"{name} must hold exactly the key {key!r}")
    return payload[key]


@once
def load_notice() -> Notice:
    """The notice record.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or does not fit the record.
    """
    notice: Notice = _structure(_top(read_json("notice.json"), "notice", "notice.json"), Notice, "$.notice")
    return notice


@once
def load_units() -> tuple[PilotUnit, ...]:
    """The 300 pilot units, in the attachment's order.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or does not fit the records.
    """
    units: tuple[PilotUnit, ...] = _structure(
        _top(read_json("units.json"), "units", "units.json"), tuple[PilotUnit, ...], "$.units"
    )
    if [u.seq for u in units] != list(range(1, len(units) + 1)):
        raise DataIntegrityError("units.json: the units are not numbered 1..n in order")
    return units


@once
def load_char_map() -> dict[str, str]:
    """Traditional -> simplified, one character to one, for the characters of every stored name.

    Raises:
        DataIntegrityError: the packaged data is missing or damaged.
    """
    table = _top(read_json("chars.json"), "t2s", "chars.json")
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in table.items()
    ):
        raise DataIntegrityError("chars.json: t2s must map single characters to single characters")
    return table


@once
def load_unit_keys() -> dict[str, list[int]]:
    """Normalised key -> positions (1-300) of the pilot units found under it, made at build time.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or malformed.
    """
    keys = _top(read_json("unit_keys.json"), "keys", "unit_keys.json")
    if not isinstance(keys, dict) or not all(
        isinstance(v, list) and v and all(type(i) is int and 1 <= i <= 300 for i in v) for v in keys.values()
    ):
        raise DataIntegrityError("unit_keys.json: every key must map to unit positions 1-300")
    return keys


@once
def load_division_index() -> DivisionIndex:
    """The divisions of the tables 2000-2024 with their verdicts and keys, for coverage and matching.

    Compact arrays rather than records (some 7,000 divisions), so their shape is checked
    here instead of by the cattrs converter.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or malformed.
    """
    from jijinan._index import DivisionIndex, check, check_keys

    divisions = read_json("divisions.json")
    index = read_json("index.json")
    spans = len(divisions.get("codes", ())) if isinstance(divisions, dict) else 0

    def more(table: str) -> dict[str, Any]:
        # Romanised keys, and names joined to their parents, load only when first needed.
        name = f"{table}.json"
        keys = _top(read_json(name), "keys", name)
        try:
            check_keys(keys, spans, name)
        except (TypeError, ValueError) as exc:
            raise DataIntegrityError(str(exc)) from exc
        return keys  # type: ignore[no-any-return]

    try:
        check(divisions, index)
        return DivisionIndex(divisions, index, more)
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        raise DataIntegrityError(f"divisions.json or index.json is malformed: {exc}") from exc
