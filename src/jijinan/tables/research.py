"""The columns of the research tables: the county panel, the crosswalk, the prefecture-level panel.

One declaration serves every flat form (DataFrames, ``to_records()``, the files the command
line writes and the table schemas beside them), as ``jijinan.tables.schema`` does for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from jijinan.tables.schema import Column

__all__ = ["CROSSWALK_COLUMNS", "PANEL_STATUSES", "PREFECTURE_KINDS", "panel_columns", "prefecture_columns"]

PANEL_STATUSES: tuple[str, ...] = ("pilot", "covered", "partial", "not_pilot", "unknown")


def panel_columns(periods: Iterable[str]) -> tuple[Column, ...]:
    """The columns of a panel of these tables (``period`` is a category of them, in time order)."""
    return (
        Column(
            name="period",
            type="category",
            nullable=False,
            description="The table: a year's end (2016) or the notice date (2015-07).",
            categories=tuple(periods),
        ),
        Column(name="year", type="integer", nullable=False, description="The table's year (2015 for 2015-07 too)."),
        Column(
            name="post",
            type="boolean",
            nullable=False,
            description="1 if the table is after the notice (3 July 2015): the end of 2015 and later.",
        ),
        Column(
            name="event_time",
            type="integer",
            nullable=False,
            description="year - 2015: the year relative to the notice's (0 for 2015, half of which came after it).",
            label="year - 2015 (0 for 2015, half of which came after the notice)",
        ),
        Column(name="code", type="string", nullable=False, description="Its code in that table, six digits."),
        Column(name="name", type="string", nullable=False, description="Its name in that table."),
        Column(
            name="name_pinyin",
            type="string",
            nullable=False,
            description="Its name romanised, generic part in English: Xun County, Jing'an District.",
        ),
        Column(name="province", type="string", nullable=False, description="Its province-level division then."),
        Column(name="province_code", type="string", nullable=False, description="The province's code."),
        Column(name="prefecture", type="string", nullable=True, description="Its prefecture-level parent then."),
        Column(name="prefecture_code", type="string", nullable=True, description="The prefecture's code."),
        Column(
            name="status",
            type="category",
            nullable=False,
            description="pilot, covered, partial or not_pilot: its land then, against the pilot's area in July 2015.",
            categories=PANEL_STATUSES,
            label="pilot, covered, partial or not_pilot: its land against the pilot's area",
        ),
        Column(
            name="in_pilot",
            type="boolean",
            nullable=False,
            description="1 if all of its land lay in the pilot's area at the notice date (status pilot or covered).",
            label="1 if all its land lay in the pilot's area at the notice (pilot or covered)",
        ),
        Column(
            name="treated",
            type="boolean",
            nullable=False,
            description="in_pilot and post: the D of a two-way fixed-effects regression.",
        ),
        Column(
            name="pilot_share",
            type="number",
            nullable=True,
            description="Of the notice-date divisions whose land it holds, all or part, the share in the pilot, "
            "by count (not area or population): 0 for not_pilot, 1 for pilot and covered, between for partial.",
            label="Share of its notice-date divisions in the pilot, by count (not area)",
        ),
        Column(
            name="stable_id",
            type="string",
            nullable=False,
            description="Its time-consistent unit over the panel's years: divisions that shared land are one unit, "
            "named by its smallest code in the last year.",
            label="Time-consistent unit: divisions that shared land; its smallest last-year code",
        ),
        Column(
            name="stable_notice_codes",
            type="string",
            nullable=False,
            description="The notice-date (July 2015) codes whose land the unit holds, joined by '; '.",
        ),
        Column(
            name="unit_seqs",
            type="string",
            nullable=True,
            description="Positions (1-300) of the pilot units whose land it holds, joined by '; '.",
        ),
        Column(
            name="unit_codes",
            type="string",
            nullable=True,
            description="Those units' codes (July 2015), joined by '; ' in the same order.",
        ),
        Column(name="unit_names", type="string", nullable=True, description="Those units' full names, joined by '; '."),
    )


CROSSWALK_COLUMNS: tuple[Column, ...] = (
    Column(
        name="source_code",
        type="string",
        nullable=True,
        description="Code in the source table; empty when the target's land lay outside the source's counties.",
        label="Code in the source table; empty if its land lay outside the source's counties",
    ),
    Column(name="source_name", type="string", nullable=True, description="Name in the source table."),
    Column(
        name="target_code",
        type="string",
        nullable=True,
        description="Code in the target table; empty when the source's land left the target's counties.",
        label="Code in the target table; empty if its land left the target's counties",
    ),
    Column(name="target_name", type="string", nullable=True, description="Name in the target table."),
    Column(
        name="whole_source",
        type="boolean",
        nullable=False,
        description="1 if all of the source division's land lies in the target division.",
    ),
    Column(
        name="whole_target",
        type="boolean",
        nullable=False,
        description="1 if all of the target division's land comes from the source division.",
    ),
)

PREFECTURE_KINDS: tuple[str, ...] = ("prefecture", "municipality", "province_administered")
"""A prefecture-level division; a municipality (北京市: one row); a county-level division under a province."""


def prefecture_columns(periods: tuple[str, ...]) -> tuple[Column, ...]:
    """The columns of a prefecture-level panel of these tables."""
    return (
        Column(
            name="period",
            type="category",
            nullable=False,
            description="The table: a year's end (2016) or the notice date (2015-07).",
            categories=periods,
        ),
        Column(name="year", type="integer", nullable=False, description="The table's year."),
        Column(
            name="post",
            type="boolean",
            nullable=False,
            description="1 if the table is after the notice (3 July 2015): the end of 2015 and later.",
        ),
        Column(name="event_time", type="integer", nullable=False, description="year - 2015."),
        Column(name="code", type="string", nullable=False, description="Its code in that table, six digits."),
        Column(name="name", type="string", nullable=False, description="Its name in that table."),
        Column(name="name_pinyin", type="string", nullable=False, description="Its name romanised."),
        Column(name="province", type="string", nullable=False, description="Its province-level division."),
        Column(name="province_code", type="string", nullable=False, description="The province's code."),
        Column(
            name="kind",
            type="category",
            nullable=False,
            description="prefecture; municipality (Beijing, Tianjin, Shanghai, Chongqing, one row each); "
            "province_administered (a county-level division under a province, 仙桃市, 石河子市: a row of its own).",
            categories=PREFECTURE_KINDS,
            label="prefecture, municipality or province_administered (仙桃市, 石河子市)",
        ),
        Column(
            name="county_divisions",
            type="integer",
            nullable=False,
            description="Its county-level divisions in that table (1 for a province-administered one; "
            "0 for a city without any, 东莞市).",
            label="Its county-level divisions that year (1 if province-administered)",
        ),
        Column(
            name="pilot_divisions",
            type="integer",
            nullable=False,
            description="Of them, those whose land all lay in the pilot's area (status pilot or covered).",
        ),
        Column(
            name="pilot_share",
            type="number",
            nullable=True,
            description="pilot_divisions / county_divisions, by count (not area or population); "
            "empty without county-level divisions.",
            label="pilot_divisions / county_divisions, by count; empty without any",
        ),
        Column(
            name="whole_pilot",
            type="boolean",
            nullable=False,
            description="1 if all of its land lay in the pilot's area (the 11 prefecture-level units and Beijing).",
            label="1 if all its land lay in the pilot's area (11 prefecture units and Beijing)",
        ),
        Column(
            name="stable_id",
            type="string",
            nullable=False,
            description="Its time-consistent unit over the panel's years (prefecture-level divisions that shared "
            "land are one unit), named by its smallest code in the last year.",
            label="Time-consistent unit of cities that shared land; its smallest last-year code",
        ),
    )
