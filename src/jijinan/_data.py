"""Loading and validating the packaged data: the only module that knows its files.

The JSON files in ``jijinan/data`` are read through ``importlib.resources`` (so a
wheel, a zip or an unpacked tree all work), checked against the SHA-256 sums the
build script wrote beside them, and structured into the records of
``jijinan.records`` by one strict cattrs converter: unknown keys, missing keys and
values of the wrong type are errors that name the field. Every loader runs once per
process, on first use, and is safe to call from many threads at the same moment.
"""

from __future__ import annotations

import datetime
import functools
import sys
import threading
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from jijinan.errors import DataIntegrityError
from jijinan.records import Approval, Kind, Level, Notice, PilotUnit, Relation

if TYPE_CHECKING:
    import cattrs

    from jijinan._tables import Span, Tables

# The modules that read and check files (importlib.resources, hashlib, json) and cattrs are
# imported on first load, not by ``import jijinan``: importing the package stays cheap.

__all__ = ["load_char_map", "load_notice", "load_tables", "load_units", "read_json"]

_PACKAGE = "jijinan"
_DATA_DIR = "data"
_SUMS = "SHA256SUMS"

T = TypeVar("T")


def once(load: Callable[[], T]) -> Callable[[], T]:
    """Run ``load`` the first time the wrapper is called and return its result ever after.

    Thread-safe: threads that arrive while the first call runs wait for it, and all
    see the same, complete result. A call that raises is not cached.
    """
    lock = threading.Lock()
    box: list[T] = []

    @functools.wraps(load)
    def wrapper() -> T:
        if box:
            return box[0]
        with lock:
            if not box:
                box.append(load())
        return box[0]

    return wrapper


def _read_bytes(name: str) -> bytes:
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files
    try:
        data: bytes = files(_PACKAGE).joinpath(_DATA_DIR).joinpath(name).read_bytes()
    except OSError as exc:
        raise DataIntegrityError(f"jijinan's data file {name} cannot be read ({exc}); reinstall jijinan") from exc
    return data


@once
def _checksums() -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in _read_bytes(_SUMS).decode("ascii").splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    return sums


def _sha256(data: bytes) -> Any:
    # CPython's built-in SHA-256 spares the 4 ms that loading OpenSSL through hashlib costs at
    # start-up; hashlib is the fallback where the built-in module is absent or renamed.
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, unused-ignore]  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
        except ImportError:
            from hashlib import sha256
    return sha256(data)


def read_json(name: str) -> Any:
    """The parsed content of one data file, after checking its SHA-256 sum.

    Raises:
        DataIntegrityError: the file is missing, unlisted, damaged or edited.
    """
    import json

    data = _read_bytes(name)
    expected = _checksums().get(name)
    if expected is None:
        raise DataIntegrityError(f"jijinan's data file {name} is not listed in {_SUMS}; reinstall jijinan")
    if _sha256(data).hexdigest() != expected:
        raise DataIntegrityError(
            f"jijinan's data file {name} does not match the checksum written when it was built: "
            "it is damaged or has been edited; reinstall jijinan"
        )
    return json.loads(data.decode("utf-8"))


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


# Two converters with the same rules. The fast one structures the data; when it fails,
# the detailed one structures it again to say exactly which field is wrong and where.
_fast_converter = once(lambda: _make_converter(detailed=False))
_detailed_converter = once(lambda: _make_converter(detailed=True))


def _structure(payload: Any, kind: Any, where: str) -> Any:
    try:
        return _fast_converter().structure(payload, kind)
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


def _approval(row: Any) -> Approval:
    title, number, date = row
    return Approval(
        title=_strict(str)(title, str),
        number=_strict_optional_str(number, str),
        date=None if date is None else datetime.date.fromisoformat(_strict(str)(date, str)),
    )


def _span(row: Any, periods: int) -> Span:
    from jijinan._tables import OriginPart, Span

    code, name, first, last, versions = row
    spans_versions = tuple(
        (
            _strict(int)(period, int),
            tuple(
                OriginPart(_strict(str)(c, str), {"all": True, "part": False}[share], tuple(approvals))
                for c, share, approvals in parts
            ),
        )
        for period, parts in versions
    )
    span = Span(
        _strict(str)(code, str),
        _strict(str)(name, str),
        _strict(int)(first, int),
        _strict(int)(last, int),
        spans_versions,
    )
    if not (0 <= span.first <= span.last < periods and spans_versions and spans_versions[0][0] == span.first):
        raise ValueError(f"periods out of order in {row!r}")
    return span


@once
def load_tables() -> Tables:
    """The division tables and pinyin spellings used by coverage and matching.

    Compact arrays rather than records (there are some 3,700 divisions), so each row is
    checked here, by shape and type, instead of by the cattrs converter.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or malformed.
    """
    from jijinan._tables import Tables

    raw = read_json("divisions.json")
    pinyin = _top(read_json("pinyin.json"), "pinyin", "pinyin.json")
    try:
        if not isinstance(raw, dict) or set(raw) != {"periods", "approvals", "divisions"}:
            raise ValueError("expected the keys periods, approvals, divisions")
        periods = tuple(_strict(str)(p, str) for p in raw["periods"])
        tables = Tables(
            periods=periods,
            approvals=tuple(_approval(row) for row in raw["approvals"]),
            spans=tuple(_span(row, len(periods)) for row in raw["divisions"]),
            pinyin={_strict(str)(k, str): tuple(_strict(str)(f, str) for f in v) for k, v in pinyin.items()},
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise DataIntegrityError(f"divisions.json or pinyin.json is malformed: {exc}") from exc
    return tables
