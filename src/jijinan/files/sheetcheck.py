"""Checks on a spreadsheet before it is read: how far it unpacks, and formulas without a value.

An xlsx, xlsm, xlsb or ods file is a zip; its members' unpacked sizes are in its directory, so
a small file that would unpack to gigabytes (a zip bomb) is refused before anything is
unpacked. python-calamine reads a formula's saved value, and a formula saved without one (by
openpyxl and some generators, which do not calculate) as an empty cell: such a cell is an
error naming it, never an empty value.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from jijinan.files.base import MAX_FIELD, InputError

__all__ = ["MAX_SPREADSHEET", "check_formulas", "check_size", "formula_without_value"]

MAX_SPREADSHEET = 1024 * 1024 * 1024
"""The most bytes a spreadsheet may take, as read and as unpacked (the sum of its zip members'
sizes): 1 GiB, some three times what a full sheet of 1,048,576 rows of ten short columns unpacks to."""
_ZIP = b"PK\x03\x04"


def check_size(name: str, data: bytes) -> zipfile.ZipFile | None:
    """The zip inside ``data`` (None for another kind of file, or a damaged zip: calamine says why).

    Raises:
        InputError: ``data`` (read up to one byte past the limit) or its unpacked members are
            larger than ``MAX_SPREADSHEET``.
    """
    limit = (
        f"the limit of {MAX_SPREADSHEET:,} bytes jijinan reads from a spreadsheet; save the sheet as CSV, "
        "which is read as a stream"
    )
    if len(data) > MAX_SPREADSHEET:
        raise InputError(f"{name} is larger than {limit}")
    if not data.startswith(_ZIP):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_SPREADSHEET:
        raise InputError(f"{name} unpacks to {unpacked:,} bytes, over {limit}")
    return archive


def check_formulas(name: str, sheet: str, archive: zipfile.ZipFile, index: int) -> None:
    """Raise if sheet ``index`` of an xlsx workbook holds a formula with no saved value.

    Raises:
        InputError: naming the first such cell and its formula.
    """
    unread = formula_without_value(archive, index)
    if unread is not None:
        cell, formula = unread
        raise InputError(
            f"{name} sheet {sheet!r} cell {cell} holds a formula (={formula}) with no saved value (the program "
            "that wrote the file did not calculate it), so it cannot be read: open and save the file in Excel "
            "or LibreOffice, which calculate formulas, then match it again"
        )


_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b((?:[^>/]|/(?!>))*)>(.*?)</(?:\w+:)?c>", re.S)
_ANY_F = re.compile(rb"<(?:\w+:)?f[\s>/]")
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_F = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_V = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)


def _sheet_member(archive: zipfile.ZipFile, index: int) -> str | None:
    """The zip member of an xlsx workbook's sheet ``index`` (workbook order), or None."""
    try:
        workbook = archive.read("xl/workbook.xml")
        links = archive.read("xl/_rels/workbook.xml.rels")
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    ids = re.findall(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"', workbook)
    if index >= len(ids):
        return None
    for attributes in re.findall(rb"<(?:\w+:)?Relationship\b([^>]*)>", links):
        if re.search(rb'\bId="' + re.escape(ids[index]) + rb'"', attributes):
            target = re.search(rb'\bTarget="([^"]+)"', attributes)
            if target is None:
                return None
            path = target.group(1).decode("utf-8", "replace")
            return path.lstrip("/") if path.startswith("/") else "xl/" + path
    return None


def formula_without_value(archive: zipfile.ZipFile, index: int) -> tuple[str, str] | None:
    """The first cell of an xlsx sheet that holds a formula and no saved value: (its reference, the formula).

    calamine reads such a cell as empty; Excel saves every formula's value, but openpyxl and
    some generators do not. The sheet is unpacked a block at a time: most hold no formula at all.
    """
    member = _sheet_member(archive, index)
    if member is None:
        return None
    try:
        handle = archive.open(member)
    except (KeyError, OSError, zipfile.BadZipFile, NotImplementedError):
        return None
    with handle:
        tail = b""
        while True:
            block = handle.read(1 << 22)
            if not block:
                return None
            text = tail + block
            plain, prefixed = text.rfind(b"</c>"), text.rfind(b":c>")
            cut = max(plain + 4 if plain >= 0 else 0, prefixed + 3 if prefixed >= 0 else 0)
            whole, tail = text[:cut], text[cut:]
            if len(tail) > MAX_FIELD * 4:  # no cell is that long: not a sheet jijinan can check
                return None
            if _ANY_F.search(whole) is None:  # the common case: no formula in the block
                continue
            for found in _FORMULA_CELL.finditer(whole):
                inner = found.group(2)
                formula = _F.search(inner)
                if formula is None:
                    continue
                value = _V.search(inner)
                kind = _TYPE.search(found.group(1))
                text_result = kind is not None and kind.group(1) in (b"str", b"inlineStr")
                has_value = (value is not None and (bool(value.group(1)) or text_result)) or b"<is" in inner
                if not has_value:
                    ref = _REF.search(found.group(1))
                    formula_text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
                    return (ref.group(1).decode() if ref else "?"), formula_text or "shared formula"
