"""One GB/T 2260 code table (the July 2015 one the notice was written against): read and queried."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from stages.errors import fail


class CodeTable:
    """One GB/T 2260 table: code -> name, with province and prefecture helpers."""

    def __init__(self, rows: dict[str, str]) -> None:
        self.names = rows

    @classmethod
    def read_tsv(cls, path: Path) -> CodeTable:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            rows = {row["Code"]: row["Name"] for row in reader}
        if not rows or not all(re.fullmatch(r"\d{6}", c) for c in rows):
            fail(f"{path} is not a table of six-digit codes")
        return cls(rows)

    @staticmethod
    def is_province(code: str) -> bool:
        return code.endswith("0000")

    @staticmethod
    def is_prefecture(code: str) -> bool:
        return code.endswith("00") and not code.endswith("0000")

    def province_of(self, code: str) -> str:
        return code[:2] + "0000"

    def prefecture_of(self, code: str) -> str | None:
        """The prefecture-level division a county-level code belongs to, if the table has one."""
        if self.is_province(code) or self.is_prefecture(code):
            return None
        candidate = code[:4] + "00"
        return candidate if candidate in self.names else None

    def county_level(self) -> list[str]:
        return [c for c in self.names if not c.endswith("00")]

    def prefectures_in(self, province: str) -> dict[str, str]:
        """Name -> code of the prefecture-level divisions of a province."""
        return {n: c for c, n in self.names.items() if c[:2] == province[:2] and self.is_prefecture(c)}

    def find(self, name: str, prefix: str) -> list[str]:
        """County-level codes with this name whose code starts with prefix."""
        return [c for c in self.county_level() if c.startswith(prefix) and self.names[c] == name]
