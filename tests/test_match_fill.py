"""The Match of a judged division, filled slot by slot, is the record attrs would construct."""

from __future__ import annotations

import attrs
import pytest

import jijinan
from jijinan import units
from jijinan.records import Match


@pytest.mark.parametrize(
    ("name", "as_of"), [("浚县", None), ("静安区", 2020), ("平安县", 2010), ("朝阳区", None), ("410621", 2024)]
)
def test_filled_match_equals_constructed(name: str, as_of: int | None) -> None:
    found = units.match(name, as_of=as_of)
    rebuilt = Match(**{f.name: getattr(found, f.name) for f in attrs.fields(Match)})
    assert found == rebuilt
    assert hash(found) == hash(rebuilt)
    assert repr(found) == repr(rebuilt)
    assert attrs.asdict(found) == attrs.asdict(rebuilt)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.reason = "changed"  # type: ignore[misc]


def test_every_county_of_july_2015_first_pass_equals_again() -> None:
    names = [r.province + (r.prefecture or "") + r.name for r in jijinan.coverage()]
    first = units.match_many(names)
    again = [units.match(n) for n in names]
    assert list(first) == again
    assert all(type(m) is Match for m in first)
