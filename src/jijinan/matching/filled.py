"""The ``Match`` of a judged division, filled slot by slot from fields made once.

A judged division's Match is the same record every time but for its query. ``judged_match``
fills a new record's slots with their own setters, without the keyword-argument call of attrs'
``__init__`` (a third of the time of a name already judged); the record is equal to, and
hashes as, the one attrs would construct, and stays frozen (``tests/test_match_fill.py``).
"""

from __future__ import annotations

import attrs

from jijinan.records import Match, MatchStatus, PilotUnit, Via

__all__ = ["judged_match"]

# A judged division's Match is the same record every time but for its query: filled slot by slot
# from fields made (and checked) once, without the keyword-argument call of attrs' __init__
# (a third of the time of a name already judged). ``Match`` has no validators or converters to
# skip; if its fields ever change, the plain constructor is used.
_FIELDS = ("query", "status", "unit", "via", "code", "name", "period", "candidates", "reason", "units")
_Fields = tuple[MatchStatus, "PilotUnit | None", "Via | None", str, str, str, str, "tuple[PilotUnit, ...]"]


def judged_match(query: str, fields: _Fields) -> Match:
    status, unit, via, code, name, period, reason, units = fields
    match: Match = _new(Match)
    _set_query(match, query)
    _set_status(match, status)
    _set_unit(match, unit)
    _set_via(match, via)
    _set_code(match, code)
    _set_name(match, name)
    _set_period(match, period)
    _set_candidates(match, ())
    _set_reason(match, reason)
    _set_units(match, units)
    return match


def _constructed(query: str, fields: _Fields) -> Match:
    status, unit, via, code, name, label, reason, units = fields
    return Match(
        query=query,
        status=status,
        unit=unit,
        via=via,
        code=code,
        name=name,
        period=label,
        candidates=(),
        reason=reason,
        units=units,
    )


_new = object.__new__
if tuple(field.name for field in attrs.fields(Match)) == _FIELDS and not any(
    field.validator or field.converter for field in attrs.fields(Match)
):
    (
        _set_query,
        _set_status,
        _set_unit,
        _set_via,
        _set_code,
        _set_name,
        _set_period,
        _set_candidates,
        _set_reason,
        _set_units,
    ) = (Match.__dict__[field].__set__ for field in _FIELDS)
else:  # pragma: no cover - the record changed: build it the plain way
    judged_match = _constructed
