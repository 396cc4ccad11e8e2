"""Reading the package's data files: through the package's own loader, checked against B2SUMS.

The JSON files in ``jijinan/data`` are read through the package's importlib loader (so a
wheel, a zip or an unpacked tree all work) and checked against the BLAKE2b sums the build
script wrote beside them before they are parsed. Nothing else in jijinan opens them.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from jijinan.errors import DataIntegrityError
from jijinan.loading.once import once

__all__ = ["read_json"]

_PACKAGE = "jijinan"
_DATA_DIR = "data"
_SUMS = "B2SUMS"


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
    from importlib.resources import files

    found: bytes = files(_PACKAGE).joinpath(_DATA_DIR).joinpath(name).read_bytes()
    return found


@once
def _checksums() -> dict[str, str]:
    sums: dict[str, str] = {}
    try:
        text = _read_bytes(_SUMS).decode("ascii")
    except UnicodeDecodeError as exc:
        raise DataIntegrityError(
            f"jijinan's data file {_SUMS} is not text (byte {exc.start:,} is 0x{exc.object[exc.start]:02x}); "
            "reinstall jijinan"
        ) from None
    for line in text.splitlines():
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
