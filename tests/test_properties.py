"""Property-based tests: every public query and constructor, on any input, answers as documented."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import jijinan
from jijinan import (
    AmbiguousUnitError,
    DivisionNotFoundError,
    Match,
    MatchStatus,
    PilotUnit,
    Text,
    UnitNotFoundError,
    units,
)

UNITS = list(units)

# Text of every sort: CJK (simplified and traditional), full-width forms, control and
# format characters, pinyin with tone marks, digits, surrogate-free anything.
cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
full_width = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
controls = st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"])
names = st.sampled_from([u.name for u in UNITS] + [u.full_name for u in UNITS] + [u.code or "" for u in UNITS])
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.one_of(cjk, full_width, controls, st.characters()), max_size=30),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=3), names, st.text(max_size=3)),
    st.builds(lambda c, n: c * n, st.characters(), st.integers(min_value=1_000, max_value=200_000)),
)
not_text = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True), st.binary(), st.lists(st.text(max_size=3), max_size=2)
)
anything = st.one_of(texts, not_text)


@given(anything)
def test_get(key: Any) -> None:
    try:
        found = units.get(key)
    except (TypeError, ValueError, UnitNotFoundError, AmbiguousUnitError) as exc:
        if isinstance(exc, TypeError):
            assert not isinstance(key, str)
        if isinstance(exc, ValueError) and not isinstance(exc, LookupError):
            assert isinstance(key, str)
            assert not key.strip()
    else:
        assert isinstance(found, PilotUnit)


@given(anything)
def test_covering(code: Any) -> None:
    try:
        found = units.covering(code)
    except (TypeError, ValueError, DivisionNotFoundError):
        pass
    else:
        assert found is None or isinstance(found, PilotUnit)


@given(anything, st.one_of(st.none(), anything), st.one_of(st.none(), anything), st.one_of(st.none(), anything))
def test_match(name: Any, province: Any, prefecture: Any, as_of: Any) -> None:
    try:
        found = units.match(name, province=province, prefecture=prefecture, as_of=as_of)
    except (TypeError, ValueError):
        pass
    else:
        assert isinstance(found, Match)
        assert isinstance(found.status, MatchStatus)
        assert found.reason
        assert (found.status is MatchStatus.AMBIGUOUS) == bool(found.candidates)


@given(st.lists(anything, max_size=20), st.one_of(st.none(), st.integers(2010, 2030)))
def test_match_many(values: list[Any], as_of: int | None) -> None:
    try:
        found = units.match_many(values, as_of=as_of)
    except (TypeError, ValueError):
        pass
    else:
        assert len(found) == len(values)
        assert all(isinstance(m, Match) for m in found)


@given(anything, anything, anything, anything)
def test_filter(province: Any, level: Any, kind: Any, group: Any) -> None:
    for kwargs in ({"province": province}, {"level": level}, {"kind": kind}, {"group": group}):
        try:
            found = units.filter(**kwargs)
        except (TypeError, ValueError):
            pass
        else:
            assert isinstance(found, tuple)
            assert all(isinstance(u, PilotUnit) for u in found)


@given(st.one_of(st.integers(-400, 400), st.slices(400), anything))
def test_getitem(index: Any) -> None:
    try:
        found = units[index]
    except (IndexError, TypeError):
        pass
    else:
        assert isinstance(found, (PilotUnit, tuple))


@given(st.sampled_from(UNITS), st.data())
def test_match_finds_every_unit_in_every_spelling(unit: PilotUnit, data: st.DataObject) -> None:
    spellings = [unit.name, unit.published_name, unit.full_name, unit.name_hant, unit.published_name_hant]
    if unit.code is not None:
        spellings.append(unit.code)
        spellings.append(unit.name_pinyin)
    spelling = data.draw(st.sampled_from(spellings))
    form = data.draw(st.sampled_from(["as is", "padded", "full-width"]))
    if form == "padded":
        spelling = f" \t{spelling}\u3000\n"
    elif form == "full-width":
        spelling = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in spelling)
    found = units.match(spelling, province=unit.province, prefecture=unit.prefecture)
    assert found.status is MatchStatus.PILOT, (spelling, found.reason)
    assert found.unit is unit


@given(st.sampled_from(UNITS), anything)
def test_record_constructors_validate(unit: PilotUnit, value: Any) -> None:
    for field in ("seq", "code", "province_code", "prefecture_code"):
        try:
            changed = attrs.evolve(unit, **{field: value})
        except (TypeError, ValueError):
            continue
        assert getattr(changed, field) == value
        if field == "seq":
            assert 1 <= value <= 300
        elif value is not None:
            assert isinstance(value, str)
            assert len(value) == 6


@given(st.text(), st.text())
def test_text_constructor(hans: str, hant: str) -> None:
    text = Text(hans=hans, hant=hant)
    assert str(text) == hans
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        text.hans = "x"  # type: ignore[misc]


@given(st.sampled_from(UNITS))
def test_get_round_trips(unit: PilotUnit) -> None:
    assert units.get(unit.full_name) is unit
    if unit.code is not None:
        assert units.get(unit.code) is unit
        assert jijinan.units.covering(unit.code) is unit
