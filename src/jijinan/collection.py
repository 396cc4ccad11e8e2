"""The pilot units as a lazily loaded, immutable, indexed collection: ``jijinan.units``.

The collection is created empty and cheap at import; the first query loads the
units and builds every index once, under a lock. After that, [`PilotUnits.get`][jijinan.PilotUnits.get]
is one dictionary lookup, after normalising the key only when it is not in normal form.

Long because: ``PilotUnits`` is the public collection, and its docstrings are the reference
documentation of every method; the work is done elsewhere (``jijinan.matching``,
``jijinan.tables``), each method here is a few lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, overload

from jijinan._sealed import Sealed
from jijinan.errors import AmbiguousUnitError, UnitNotFoundError
from jijinan.loading import load_unit_keys, load_units, once
from jijinan.matching.default import default_matcher, default_normalizer
from jijinan.matching.reading import check_key, code_in
from jijinan.matching.unit_keys import CANDIDATES, UnitIndex, closest, units_read
from jijinan.records import Kind, Level, Match, PilotUnit

if TYPE_CHECKING:
    import pandas
    import polars

    from jijinan.matching.matcher import Matcher
    from jijinan.tables.coverage import Coverage

__all__ = ["PilotUnits", "coverage", "units"]

# No key that names a unit is anywhere near this long; longer input is not searched.
MAX_KEY_LENGTH = 100


class PilotUnits(Sealed, Sequence[PilotUnit]):
    """The 300 pilot units of the notice, in the attachment's order.

    An immutable sequence: ``len(units)``, ``units[0]``, ``for unit in units``. The data
    is loaded on first use, once per process, safely under threads and across forks.
    ``jijinan.units`` can be sent to worker processes (it arrives as their own
    ``jijinan.units``); its attributes cannot be set.
    """

    __slots__ = ("_coverage", "_index", "_load", "_matcher")
    _index: UnitIndex | None
    _load: Callable[[], UnitIndex]
    _matcher: Callable[[], Matcher]
    _coverage: Callable[[], Coverage]

    def __init__(
        self, load: Callable[[], UnitIndex] | None = None, matcher: Callable[[], Matcher] | None = None
    ) -> None:
        setattr_ = object.__setattr__  # the instance refuses assignment from outside
        setattr_(self, "_index", None)  # set once loaded, so lookups skip the loader
        setattr_(self, "_load", load if load is not None else _default_index)
        setattr_(self, "_matcher", matcher if matcher is not None else default_matcher)
        setattr_(self, "_coverage", once(self._build_coverage))

    def __reduce__(self) -> tuple[Callable[[], PilotUnits], tuple[()]]:
        # Sent to another process, the collection is that process's own jijinan.units.
        if self._load is not _default_index:
            raise TypeError("only jijinan.units itself can be sent to another process")
        return (_the_units, ())

    def _build_coverage(self) -> Coverage:
        from jijinan.tables.coverage import build_coverage

        return build_coverage(self._matcher())

    # -- the sequence protocol ------------------------------------------------

    def __len__(self) -> int:
        return len(self._load().units)

    @overload
    def __getitem__(self, index: int) -> PilotUnit: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[PilotUnit, ...]: ...

    def __getitem__(self, index: int | slice) -> PilotUnit | tuple[PilotUnit, ...]:
        """The unit at a position (0-based), or a tuple of them for a slice.

        Raises:
            IndexError: the position is out of range.
            TypeError: ``index`` is not an int or a slice (use [`get`][jijinan.PilotUnits.get] for names and codes).
        """
        if isinstance(index, str):
            raise TypeError("units[...] takes a position; use units.get(name_or_code) to look a unit up")
        return self._load().units[index]

    def __iter__(self) -> Iterator[PilotUnit]:
        return iter(self._load().units)

    def __repr__(self) -> str:
        return f"<PilotUnits: {len(self)} pilot units of 民办函〔2015〕244号>"

    # -- lookups ----------------------------------------------------------------

    def get(self, key: str) -> PilotUnit:
        """Find a pilot unit by its code or by a name.

        A code is six digits, or NBS's twelve (``410621000000``) as ``match`` takes them.

        A name may be the short name when only one unit bears it (``桥东区``), the name as
        the notice prints it (``番禹区``) or as corrected (``番禺区``), or the full name with
        province and/or prefecture (``邢台市桥东区``, ``河北省邢台市桥东区``), in simplified or
        traditional characters, full-width or not, with surrounding white space; and every
        other spelling [`match`][jijinan.PilotUnits.match] reads (``河南浚县``, ``北京``,
        ``xunxian``, NBS's ``410621000000``), in any table 2000-2024. Only the 300 units are
        searched: for any other division use ``match``. A miss suggests the closest units,
        those of the province the key's divisions lie in first.

        Examples:
            >>> units.get("浚縣").code
            '410621'

        Raises:
            TypeError: ``key`` is not a ``str``.
            ValueError: ``key`` is empty.
            UnitNotFoundError: no unit answers to ``key``; ``.candidates`` names the closest.
            AmbiguousUnitError: several units bear the name; ``.candidates`` lists them all.
        """
        index = self._index
        if index is None:
            index = self._load()
            object.__setattr__(self, "_index", index)
        # A key already in normal form (a code, a simplified name) is found without normalising:
        # normalisation is idempotent, so such a key would normalise to itself.
        found = index.by_key.get(key) if type(key) is str else None
        if found is None:
            check_key(key)
            if len(key) > MAX_KEY_LENGTH:
                raise UnitNotFoundError(key, ())
            normal = index.normalize(key)
            found = index.by_key.get(normal)
            if found is None and normal.isdigit():  # NBS's 9- and 12-digit codes, as match takes them
                code = code_in(normal)
                found = index.by_key.get(code) if code is not None else None
            if found is None:
                # Every other spelling match reads (河南浚县, xunxian, 北京, 410621000000), among the units.
                read, spans = units_read(self._matcher(), key)
                if not read:
                    raise UnitNotFoundError(key, lambda: self._suggest(index, normal, spans))
                found = tuple(read)
        if len(found) > 1:
            raise AmbiguousUnitError(key, found)
        return found[0]

    def _suggest(self, index: UnitIndex, normal: str, spans: Sequence[int] = ()) -> tuple[str, ...]:
        """The closest units' full names; those of the provinces the key's divisions lie in first (滑县: 浚县)."""
        codes = self._matcher().index.codes
        provinces = {codes[i][:2] for i in spans if i >= 0}
        names: list[str] = []
        for near in (True, False):
            keys = [
                k for k, found in index.by_key.items() if any((u.province_code[:2] in provinces) is near for u in found)
            ]
            for key in closest(normal, keys):
                for unit in index.by_key[key]:
                    if (unit.province_code[:2] in provinces) is near and unit.full_name not in names:
                        names.append(unit.full_name)
        return tuple(names[:CANDIDATES])

    def filter(
        self,
        *,
        province: str | None = None,
        level: Level | str | None = None,
        kind: Kind | str | None = None,
        group: str | None = None,
    ) -> tuple[PilotUnit, ...]:
        """The units that meet every condition given, in the attachment's order.

        ``province`` is a province-level division by name (any spelling ``get`` accepts)
        or six-digit code; ``level`` and ``kind`` are members of [`Level`][jijinan.records.Level] and
        [`Kind`][jijinan.records.Kind] or their values (``"county"``); ``group`` is an attachment
        heading (``新疆生产建设兵团``).

        Raises:
            TypeError: a condition is of the wrong type.
            ValueError: a condition names no province, group, level or kind; the message
                lists the valid or closest values.
        """
        index = self._load()
        chosen = index.units
        if province is not None:
            name = self._province(index, province)
            chosen = tuple(u for u in chosen if u.province == name)
        if group is not None:
            check_key(group, "group")
            groups = {index.normalize(g): g for g in index.by_group}
            found = groups.get(index.normalize(group))
            if found is None:
                close = closest(index.normalize(group), list(groups))
                raise ValueError(f"no group {group!r}; closest: {', '.join(groups[c] for c in close) or 'none'}")
            chosen = tuple(u for u in chosen if u.group == found)
        if level is not None:
            lv = _enum(Level, level, "level")
            chosen = tuple(u for u in chosen if u.level is lv)
        if kind is not None:
            kd = _enum(Kind, kind, "kind")
            chosen = tuple(u for u in chosen if u.kind is kd)
        return chosen

    def _province(self, index: UnitIndex, province: str) -> str:
        check_key(province, "province")
        normal = index.normalize(province)
        found = index.province_names.get(normal)
        if found is None:
            close = closest(normal, [k for k in index.province_names if not k.isdigit()])
            # a province is found under its full and its short name: list each once
            hint = ", ".join(dict.fromkeys(index.province_names[c] for c in close)) or "none"
            raise ValueError(f"no province-level division {province!r}; closest: {hint}")
        return found

    def by_province(self) -> Mapping[str, tuple[PilotUnit, ...]]:
        """Province name -> its units, provinces in the attachment's order.

        八师石河子市 counts under 新疆维吾尔自治区, the province that contains it.
        """
        return self._load().by_province

    def counts(self, by: str = "province") -> Mapping[str, int]:
        """How many units there are per province (the default), ``group``, ``level`` or ``kind``.

        Keys come in the attachment's order of first appearance.

        Examples:
            >>> units.counts("level")
            {'provincial': 1, 'county': 288, 'prefectural': 11}

        Raises:
            ValueError: ``by`` is not one of province, group, level, kind.
        """
        fields = {"province": "province", "group": "group", "level": "level", "kind": "kind"}
        if by not in fields:
            raise ValueError(f"counts(by=...) takes province, group, level or kind, not {by!r}")
        counted: dict[str, int] = {}
        for unit in self._load().units:
            value = getattr(unit, fields[by])
            key = str(value)
            counted[key] = counted.get(key, 0) + 1
        return counted

    def by_group(self) -> Mapping[str, tuple[PilotUnit, ...]]:
        """Attachment heading -> its units, in the attachment's order (32 headings)."""
        return self._load().by_group

    # -- flat forms ------------------------------------------------------------------

    def to_records(self) -> list[dict[str, str | int | float | bool | None]]:
        """One plain dict per unit, with the columns of the data dictionary (codes as strings)."""
        from jijinan.tables.flat import unit_records

        return unit_records(self)

    def to_pandas(self) -> pandas.DataFrame:
        """The 300 units as a pandas DataFrame: string codes, categorical ``level`` and ``kind``.

        Examples:
            >>> units.to_pandas().groupby("level", observed=True).size().to_dict()
            {'provincial': 1, 'prefectural': 11, 'county': 288}

        Raises:
            ImportError: pandas is not installed (``pip install "jijinan[pandas]"``).
        """
        from jijinan.tables.frames import to_pandas
        from jijinan.tables.schema import UNIT_COLUMNS

        return to_pandas(self.to_records(), UNIT_COLUMNS)

    def to_polars(self) -> polars.DataFrame:
        """The 300 units as a polars DataFrame: string codes, ``Enum`` for ``level`` and ``kind``.

        Raises:
            ImportError: polars is not installed (``pip install "jijinan[polars]"``).
        """
        from jijinan.tables.frames import to_polars
        from jijinan.tables.schema import UNIT_COLUMNS

        return to_polars(self.to_records(), UNIT_COLUMNS)

    # -- coverage and matching (the division tables load on first use) -------------

    def covering(self, code: str) -> PilotUnit | None:
        """The pilot unit whose area contains the division with this July-2015 code, or ``None``.

        That is the unit itself, the prefecture-level city that is a unit, or Beijing.

        Examples:
            >>> units.covering("320102").name      # 南京市玄武区
            '南京市'
            >>> units.covering("130702") is None   # 张家口市桥东区: not in the pilot
            True

        Raises:
            TypeError: ``code`` is not a ``str``.
            ValueError: ``code`` is empty or not six digits.
            DivisionNotFoundError: no division had this code in July 2015.
        """
        return self._matcher().covering(code)

    def coverage(self) -> Coverage:
        """One [`CoverageRow`][jijinan.records.CoverageRow] per county-level division in force in July 2015 (2,853).

        Each row says whether the pilot covered the division and through which unit: the
        division itself, its prefecture-level city, or Beijing. Built once, on first call.

        Raises:
            DataIntegrityError: the packaged data is missing or damaged.
        """
        return self._coverage()

    def match(
        self,
        name: str,
        *,
        province: str | None = None,
        prefecture: str | None = None,
        as_of: int | str | None = None,
        level: Level | str | None = None,
    ) -> Match:
        """Whether the division a name denotes was in the pilot, with the rule that decided it.

        ``name`` may be simplified or traditional, with or without its province and prefecture,
        full or short (河南省鹤壁市浚县, 河南浚县, 鹤壁浚县), without its generic word (海淀),
        a short name of an autonomous prefecture or league (恩施州, 锡盟), a code (six digits,
        or NBS's twelve), the notice's own spellings (番禹区, 平安县, 八师石河子市, 北安管理局)
        or pinyin (xunxian, Xun County, Gu'an County). ``as_of`` (a year, 2000-2024) reads it in
        the table at the end of that year, ``as_of="2015-07"`` in the July 2015 table; without it,
        the name is read in the July 2015 table, or if it did not exist then, in the nearest
        table that has it, later ones first. The ``province`` and
        ``prefecture`` hints narrow names that several divisions bear, and ``level``
        (``"provincial"``, ``"prefectural"``, ``"county"``: a [`Level`][jijinan.records.Level]) keeps
        only divisions of that level: ``match("西安", level="prefectural")`` is 西安市, not 西安区.
        Generic words (全市, 市辖区, 合计) name nothing by themselves. A romanised name that
        divisions of different tables 2000-2024 read alike (华县 and 滑县: ``hua xian``) is
        ``ambiguous`` in every table, since it may mean either.

        The answer's ``status`` is ``pilot``, ``covered``, ``partial``, ``not_pilot``,
        ``ambiguous`` (with every candidate) or ``unknown``; see
        [`MatchStatus`][jijinan.records.MatchStatus]. It never guesses between divisions.

        Examples:
            >>> units.match("河南浚县").status.value, units.match("平安县", as_of=2010).code
            ('pilot', '632121')

        Raises:
            TypeError: ``name`` or a hint is not a ``str``, ``as_of`` is not an integer or a str, or
                ``level`` is not a ``Level`` or a str.
            ValueError: ``name`` is empty, a hint names no division, ``as_of`` is neither a year
                from 2000 to 2024 nor a table's label (``"2015-07"``), or ``level`` is no level.
        """
        return self._matcher().match(name, province=province, prefecture=prefecture, as_of=as_of, level=level)

    def match_many(
        self,
        names: Iterable[object],
        *,
        province: str | Iterable[object] | None = None,
        prefecture: str | Iterable[object] | None = None,
        as_of: int | str | Iterable[object] | None = None,
        level: Level | str | Iterable[object] | None = None,
    ) -> tuple[Match, ...]:
        """[`match`][jijinan.PilotUnits.match] for every name of an iterable (a list, a pandas or polars
        column), in order.

        Each hint may be one value for every name or a column of one value per name (a list,
        a pandas or polars Series), so that namesakes in a real file are told apart row by
        row; a missing value in a hint column means no hint for that row. A pandas Series
        hint is paired with a pandas Series of names by index label, as pandas pairs Series
        (so a hint column sorted apart from its names still meets each row's own name);
        other columns pair by position. Each distinct
        combination of name and hints is matched once, so a long column of repeated names
        costs little more than its distinct values.

        A missing name (``None``, any NaN, ``pd.NA``, ``pd.NaT``) or an empty one gives
        ``unknown`` rather than an error, as a column of data may hold them; an integer (a
        code column read as numbers) is read as a code.

        Examples:
            >>> [m.status.value for m in units.match_many(["朝阳区", "朝阳区"], province=["北京", "吉林"])]
            ['covered', 'not_pilot']

        Raises:
            TypeError: ``names`` is a single ``str``, not iterable or a DataFrame, or holds
                something other than str, integer codes or missing values; a hint is of the
                wrong type (a DataFrame included).
            ValueError: a hint names no division, ``as_of`` is outside the years of the tables,
                ``level`` is no level, a hint column's length differs from the number of names,
                or a pandas hint's index does not hold the labels of the names' index. Hints
                are checked before any name is read.
        """
        return self._matcher().match_many(names, province=province, prefecture=prefecture, as_of=as_of, level=level)


def _enum(kind: type[Level] | type[Kind], value: object, what: str) -> Level | Kind:
    if isinstance(value, kind):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a {kind.__name__} or str, got {type(value).__name__}")
    try:
        return kind(value.strip().lower())
    except ValueError:
        valid = ", ".join(m.value for m in kind)
        raise ValueError(f"no {what} {value!r}; valid: {valid}") from None


def _the_units() -> PilotUnits:
    return units


@once
def _default_index() -> UnitIndex:
    return UnitIndex.build(load_units(), load_unit_keys(), default_normalizer())


units: PilotUnits = PilotUnits()
"""The 300 pilot units, in the attachment's order: ``jijinan.units``."""


def coverage() -> Coverage:
    """One row per county-level division in force in July 2015 (2,853): whether the pilot covered it.

    The same as ``units.coverage()``; see [`PilotUnits.coverage`][jijinan.PilotUnits.coverage].
    """
    return units.coverage()
