"""The columns of jijinan's flat tables: their names, types and meanings.

One declaration serves every flat form of the data: DataFrames (pandas, polars), the
plain dicts of ``to_records()`` (made by ``jijinan.tables.flat``), the files of the command
line and ``export``, and the schema of its Frictionless ``datapackage.json``.

Long because: it is the data dictionary in code, one declaration per column; it holds no logic.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from jijinan.records import Kind, Level, MatchStatus, Via

__all__ = [
    "CLASH_PREFIX",
    "COVERAGE_COLUMNS",
    "MATCH_COLUMNS",
    "SEPARATOR",
    "UNIT_COLUMNS",
    "Column",
    "Value",
    "added_column_names",
]

ColumnType = Literal["string", "integer", "number", "boolean", "category"]
Value = str | int | float | bool | None
SEPARATOR = "; "
"""Joins the items of a list in one cell (successors, notes)."""


@attrs.frozen(kw_only=True)
class Column:
    """One column of a flat table."""

    name: str
    type: ColumnType
    nullable: bool
    description: str
    categories: tuple[str, ...] = ()
    """The allowed values of a ``category`` column, in order."""
    label: str = ""
    """A shorter description, for Stata's variable labels (80 characters at most), when the
    description is longer; the full text stays in the schemas and the data dictionary."""

    @property
    def short(self) -> str:
        """The column's label of at most 80 characters: ``label`` or, when it fits, the description."""
        return self.label or self.description


def _categories(kind: type[Level] | type[Kind] | type[Via] | type[MatchStatus]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


UNIT_COLUMNS: tuple[Column, ...] = (
    Column(name="seq", type="integer", nullable=False, description="Position in the attachment, 1-300."),
    Column(
        name="code",
        type="string",
        nullable=True,
        description="GB/T 2260 code in force in July 2015, six digits; empty only for the reclamation bureau.",
        label="GB/T 2260 code in July 2015, six digits; empty for the reclamation bureau",
    ),
    Column(name="name", type="string", nullable=False, description="Official short name at the notice date."),
    Column(name="name_hant", type="string", nullable=False, description="The name in traditional characters."),
    Column(
        name="name_pinyin",
        type="string",
        nullable=False,
        description="The name romanised, generic part in English: Xun County, Gu'an County.",
    ),
    Column(name="published_name", type="string", nullable=False, description="The name as the notice prints it."),
    Column(
        name="published_name_hant",
        type="string",
        nullable=False,
        description="The printed name in standard traditional characters.",
    ),
    Column(
        name="received_name",
        type="string",
        nullable=False,
        description="The entry as the received copy prints it (its converter's characters), damage repaired.",
        label="The entry as the received copy prints it, damage repaired",
    ),
    Column(name="full_name", type="string", nullable=False, description="Province, prefecture and name joined."),
    Column(name="province", type="string", nullable=False, description="The province-level division containing it."),
    Column(name="province_code", type="string", nullable=False, description="The province's code, six digits."),
    Column(name="province_pinyin", type="string", nullable=False, description="The province's name romanised."),
    Column(name="group", type="string", nullable=False, description="The attachment heading it is listed under."),
    Column(name="prefecture", type="string", nullable=True, description="Its prefecture-level parent, if any."),
    Column(name="prefecture_code", type="string", nullable=True, description="The prefecture's code, if any."),
    Column(
        name="level",
        type="category",
        nullable=False,
        description="provincial (1), prefectural (11) or county (288).",
        categories=_categories(Level),
    ),
    Column(
        name="kind",
        type="category",
        nullable=False,
        description="What sort of division it is.",
        categories=_categories(Kind),
    ),
    Column(
        name="successor_codes",
        type="string",
        nullable=True,
        description="Codes of the 2024 divisions that hold its area, joined by '; '.",
    ),
    Column(
        name="successor_names",
        type="string",
        nullable=True,
        description="Names of those divisions, in the same order.",
    ),
    Column(
        name="successor_relations",
        type="string",
        nullable=True,
        description="unchanged, same_area, whole or part, for each successor in the same order.",
    ),
    Column(
        name="notes",
        type="string",
        nullable=True,
        description="Judgements made about the notice's text for this unit, joined by '; '.",
    ),
)

COVERAGE_COLUMNS: tuple[Column, ...] = (
    Column(name="code", type="string", nullable=False, description="GB/T 2260 code in July 2015, six digits."),
    Column(name="name", type="string", nullable=False, description="Name in the July 2015 table."),
    Column(name="prefecture", type="string", nullable=True, description="Its prefecture-level parent, if any."),
    Column(name="prefecture_code", type="string", nullable=True, description="The prefecture's code, if any."),
    Column(name="province", type="string", nullable=False, description="Its province-level division."),
    Column(name="province_code", type="string", nullable=False, description="The province's code."),
    Column(name="covered", type="boolean", nullable=False, description="Whether a pilot unit contained it."),
    Column(name="unit_seq", type="integer", nullable=True, description="The covering unit's position, 1-300."),
    Column(name="unit_code", type="string", nullable=True, description="The covering unit's code."),
    Column(name="unit_name", type="string", nullable=True, description="The covering unit's name."),
    Column(
        name="via",
        type="category",
        nullable=True,
        description="self (it is the unit), prefecture (its prefecture-level city is) or province (Beijing).",
        categories=_categories(Via),
        label="self (the unit), prefecture (its city is a unit) or province (Beijing)",
    ),
)


MATCH_COLUMNS: tuple[Column, ...] = (
    Column(
        name="status",
        type="category",
        nullable=False,
        description="pilot, covered, partial, not_pilot, ambiguous or unknown (see the matching rules).",
        categories=_categories(MatchStatus),
        label="pilot, covered, partial, not_pilot, ambiguous or unknown",
    ),
    Column(
        name="code",
        type="string",
        nullable=True,
        description="Code of the division the name resolved to, six digits; empty when unresolved.",
    ),
    Column(name="name", type="string", nullable=True, description="That division's full name."),
    Column(
        name="period",
        type="string",
        nullable=True,
        description="The table the name was read in: 2015-07 (the notice date) or a year-end such as 2020.",
        label="The table the name was read in: 2015-07 or a year-end (2020)",
    ),
    Column(name="unit_seq", type="integer", nullable=True, description="The pilot unit involved: its position."),
    Column(
        name="unit_code",
        type="string",
        nullable=True,
        description="The pilot unit's own code (July 2015); empty for the reclamation bureau and when no unit.",
        label="The pilot unit's own code (July 2015); empty if none or the bureau",
    ),
    Column(name="unit_name", type="string", nullable=True, description="The pilot unit's full name."),
    Column(
        name="via",
        type="category",
        nullable=True,
        description="self (the unit, or part of a county-level unit), prefecture (inside a prefecture-level "
        "unit) or province (inside Beijing).",
        categories=_categories(Via),
        label="self (the unit or part of one), prefecture (inside one) or province (Beijing)",
    ),
    Column(
        name="candidates",
        type="string",
        nullable=True,
        description="For ambiguous: every division the name fits, as 'full name (code, table)', joined by '; '.",
        label="For ambiguous: every division the name fits, joined by '; '",
    ),
    Column(name="reason", type="string", nullable=False, description="One line saying why."),
)


CLASH_PREFIX = "jijinan_"
"""What an added column's name gets in front when the input already has a column of that name."""


def added_column_names(existing: Iterable[str], columns: Iterable[Column], prefix: str | None = None) -> list[str]:
    """Names for columns added beside ``existing`` ones, never replacing one.

    With ``prefix`` every name is prefixed; without, only the names the input already uses
    get ``CLASH_PREFIX``.

    Raises:
        ValueError: a name, even prefixed, is already taken.
    """
    taken = set(existing)
    names = []
    for column in columns:
        name = prefix + column.name if prefix is not None else column.name
        if prefix is None and name in taken:
            name = CLASH_PREFIX + name
        if name in taken:
            raise ValueError(f"the input already has a column {name!r}; give another prefix for the added columns")
        names.append(name)
    return names
