"""match_many's fast paths for distinct names give the answers the plain path gave.

The snapshot (``tests/data/distinct_answers.json``, written by the matcher before the fast
paths: see ``tests/distinct_cases.py``) holds a digest of every field of the answer to 7,236
real inputs: every county of July 2015 by full name, bare names at years, names several
divisions share (朝阳区, 鼓楼区) with and without hints, renamed and abolished divisions,
romanised names, codes and names of nothing. A changed word, code, unit or candidate in any
answer changes its digest.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

import attrs
import pytest

import jijinan

sys.path.insert(0, str(Path(__file__).resolve().parent))

from distinct_cases import SNAPSHOT, Case, answer, cases, digest
from jijinan.matching.answers import Answers, main_first
from jijinan.matching.default import default_matcher
from jijinan.matching.matcher import Matcher
from jijinan.matching.status import NOT_PILOT_DETAIL
from jijinan.records import Match, MatchStatus, Via


@pytest.fixture(scope="module")
def snapshot() -> list[tuple[Case, str]]:
    found = cases()
    digests = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["digests"]
    assert len(digests) == len(found), "the cases changed: write the snapshot again (tests/distinct_cases.py)"
    return list(zip(found, digests, strict=True))


def fresh() -> Matcher:
    """A matcher of its own: no division judged, no answer kept."""
    matcher = default_matcher()
    return Matcher(matcher.units, matcher.index, matcher.normalize)


def rebuilt(match: Match) -> Match:
    """The record attrs constructs from the same fields."""
    return Match(**{field.name: getattr(match, field.name) for field in attrs.fields(Match)})


def differences(pairs: list[tuple[Case, str]], found: list[Match]) -> list[tuple[Case, Match]]:
    return [(case, match) for (case, want), match in zip(pairs, found, strict=True) if digest(match) != want]


def test_the_snapshot_holds_every_kind_of_answer(snapshot: list[tuple[Case, str]]) -> None:
    statuses = Counter(answer(case).status for case, _ in snapshot)
    assert set(statuses) == set(MatchStatus)
    assert statuses[MatchStatus.AMBIGUOUS] >= 100
    names = {case[0] for case, _ in snapshot}
    assert {"朝阳区", "鼓楼区", "河南省鹤壁市浚县", "Xun Xian"} <= names


def test_one_name_at_a_time_answers_as_before(snapshot: list[tuple[Case, str]]) -> None:
    matcher = fresh()
    found = [
        matcher.match(name, province=province, prefecture=prefecture, as_of=as_of, level=level)
        for (name, province, prefecture, as_of, level), _ in snapshot
    ]
    assert differences(snapshot, found) == []


def test_match_many_with_hints_row_by_row_answers_as_before(snapshot: list[tuple[Case, str]]) -> None:
    columns = list(zip(*(case for case, _ in snapshot), strict=True))
    for _ in range(2):  # a first pass, then the answers kept
        found = fresh().match_many(
            columns[0], province=columns[1], prefecture=columns[2], as_of=columns[3], level=columns[4]
        )
        assert differences(snapshot, list(found)) == []
    for match in found:
        assert match == rebuilt(match)
        assert hash(match) == hash(rebuilt(match))


def test_first_pass_over_the_counties_of_july_2015_answers_as_before(snapshot: list[tuple[Case, str]]) -> None:
    names = [r.province + (r.prefecture or "") + r.name for r in jijinan.coverage()]
    assert [case[0] for case, _ in snapshot[: len(names)]] == names
    matcher = fresh()
    first = matcher.match_many(names)
    assert differences(snapshot[: len(names)], list(first)) == []
    assert matcher.match_many(names) == first
    assert [hash(m) for m in first] == [hash(rebuilt(m)) for m in first]


def test_bare_names_at_every_year_answer_as_one_name_at_a_time() -> None:
    """The reading of a name shared by its years gives each year the answer ``match`` gives."""
    names = sorted({r.name for r in jijinan.coverage()})
    pairs = [(name, year) for name in names for year in range(2005, 2025, 3)]
    random.Random(16).shuffle(pairs)
    found = fresh().match_many([n for n, _ in pairs], as_of=[y for _, y in pairs])
    one_by_one = fresh()
    wrong = [(n, y, m) for (n, y), m in zip(pairs, found, strict=True) if m != one_by_one.match(n, as_of=y)]
    assert wrong == []
    statuses = Counter(m.status for m in found)
    assert {MatchStatus.AMBIGUOUS, MatchStatus.UNKNOWN, MatchStatus.PILOT} <= set(statuses)


def plain_judgement(answers: Answers, query: str, span: int, period: int) -> Match:
    """The Match of a division at a table as the matcher made it before (0.4.0), field by field."""
    index = answers.index
    version = index.version(span, period)
    code = index.codes[span]
    status = MatchStatus(version.status)
    units = main_first(tuple(answers.units[seq - 1] for seq in version.units), code)
    unit = units[0] if units else None
    via = None if unit is None else Via.SELF if status is MatchStatus.PILOT else answers.via(unit, code)
    full = index.full_name(span, period)
    label = index.periods[period]
    return Match(
        query=query,
        status=status,
        unit=unit,
        via=via,
        code=code,
        name=full,
        period=label,
        candidates=(),
        reason=f"{full} ({code}, {label} table){version.detail or NOT_PILOT_DETAIL}",
        units=units,
    )


def test_every_division_at_every_table_is_judged_as_before() -> None:
    matcher = default_matcher()
    index = matcher.index
    answers = Answers(matcher.units, index)
    for span in range(len(index.codes)):
        for period in range(index.first[span], index.last[span] + 1):
            query = index.names[span]
            found, want = answers.judged(query, span, period), plain_judgement(answers, query, span, period)
            assert found == want, (span, period)
            assert hash(found) == hash(want)
            again = answers.judged(query + "!", span, period)
            assert (again.query, again.reason) == (query + "!", want.reason)
