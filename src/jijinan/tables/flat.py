"""The rows of jijinan's flat tables: records as plain dicts keyed by their columns' names.

Codes stay strings, lists are joined by ``schema.SEPARATOR``, enums become their values:
what DataFrames, ``to_records()`` and every file format are made from.
"""

from __future__ import annotations

from collections.abc import Iterable

from jijinan.records import CoverageRow, Match, PanelRow, PilotUnit
from jijinan.tables.schema import SEPARATOR, Value

__all__ = ["coverage_records", "match_records", "match_texts", "panel_records", "unit_records"]


def _join(items: Iterable[str]) -> str | None:
    joined = SEPARATOR.join(items)
    return joined or None


def unit_records(units: Iterable[PilotUnit]) -> list[dict[str, Value]]:
    """One plain dict per unit, keyed by the names of ``UNIT_COLUMNS``."""
    return [
        {
            "seq": u.seq,
            "code": u.code,
            "name": u.name,
            "name_hant": u.name_hant,
            "name_pinyin": u.name_pinyin,
            "published_name": u.published_name,
            "published_name_hant": u.published_name_hant,
            "received_name": u.received_name,
            "full_name": u.full_name,
            "province": u.province,
            "province_code": u.province_code,
            "province_pinyin": u.province_pinyin,
            "group": u.group,
            "prefecture": u.prefecture,
            "prefecture_code": u.prefecture_code,
            "level": u.level.value,
            "kind": u.kind.value,
            "successor_codes": _join(s.code for s in u.successors),
            "successor_names": _join(s.name for s in u.successors),
            "successor_relations": _join(s.relation.value for s in u.successors),
            "notes": _join(u.notes),
        }
        for u in units
    ]


def coverage_records(rows: Iterable[CoverageRow]) -> list[dict[str, Value]]:
    """One plain dict per coverage row, keyed by the names of ``COVERAGE_COLUMNS``."""
    return [
        {
            "code": r.code,
            "name": r.name,
            "prefecture": r.prefecture,
            "prefecture_code": r.prefecture_code,
            "province": r.province,
            "province_code": r.province_code,
            "covered": r.covered,
            "unit_seq": r.unit.seq if r.unit else None,
            "unit_code": r.unit.code if r.unit else None,
            "unit_name": r.unit.name if r.unit else None,
            "via": r.via.value if r.via else None,
        }
        for r in rows
    ]


def match_records(matches: Iterable[Match]) -> list[dict[str, Value]]:
    """One plain dict per match, keyed by the names of ``MATCH_COLUMNS``."""
    return [
        {
            "status": m.status.value,
            "code": m.code,
            "name": m.name,
            "period": m.period,
            "unit_seq": m.unit.seq if m.unit else None,
            "unit_code": m.unit.code if m.unit else None,
            "unit_name": m.unit.full_name if m.unit else None,
            "via": m.via.value if m.via else None,
            "candidates": _join(f"{c.full_name} ({c.code}, {c.period})" for c in m.candidates),
            "reason": m.reason,
        }
        for m in matches
    ]


def match_texts(matches: Iterable[Match]) -> list[list[str]]:
    """The values of ``match_records`` as text cells, in the same order (empty for a missing value).

    What a text file writes, made without a dict per match (a stream renders one per distinct key).
    """
    return [
        [
            m.status.value,
            m.code or "",
            m.name or "",
            m.period or "",
            *((str(m.unit.seq), m.unit.code or "", m.unit.full_name) if m.unit else ("", "", "")),
            m.via.value if m.via else "",
            SEPARATOR.join(f"{c.full_name} ({c.code}, {c.period})" for c in m.candidates),
            m.reason,
        ]
        for m in matches
    ]


def panel_records(rows: Iterable[PanelRow]) -> list[dict[str, Value]]:
    """One plain dict per panel row, keyed by the names of ``panel_columns``."""
    return [
        {
            "period": r.period,
            "year": r.year,
            "post": r.post,
            "event_time": r.event_time,
            "code": r.code,
            "name": r.name,
            "name_pinyin": r.name_pinyin,
            "province": r.province,
            "province_code": r.province_code,
            "prefecture": r.prefecture,
            "prefecture_code": r.prefecture_code,
            "status": r.status.value,
            "in_pilot": r.in_pilot,
            "treated": r.treated,
            "pilot_share": r.pilot_share,
            "stable_id": r.stable_id,
            "stable_notice_codes": SEPARATOR.join(r.stable_notice_codes),
            "unit_seqs": _join(str(u.seq) for u in r.units),
            "unit_codes": _join(u.code or "" for u in r.units),
            "unit_names": _join(u.full_name for u in r.units),
        }
        for r in rows
    ]
