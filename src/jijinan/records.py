"""The typed records of jijinan: the notice, its sections and its pilot units.

Every record is a frozen, slotted, keyword-only attrs class: assigning to a field
raises ``attrs.exceptions.FrozenInstanceError``, and every collection is a
tuple. The records carry data only; loading them lives in ``jijinan.loading``
and querying them in ``jijinan.collection`` and ``jijinan.matching``.

Long because: it declares every public record and enum in one place, with the documentation
of each field; it holds no logic, and users import all of them from here.
"""

from __future__ import annotations

import datetime
import enum
import re
from typing import Any

import attrs

__all__ = [
    "Approval",
    "CitedDocument",
    "CoverageRow",
    "Division",
    "Kind",
    "Level",
    "Match",
    "MatchStatus",
    "Notice",
    "PanelRow",
    "PilotUnit",
    "Relation",
    "Requirement",
    "Successor",
    "Task",
    "Text",
    "Via",
]

_CODE = re.compile(r"[1-9]\d{5}")


def _check_code(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Codes are text: six digits, never an int that could lose meaning.
    if value is not None and not (isinstance(value, str) and _CODE.fullmatch(value)):
        raise ValueError(f"{attribute.name} must be six digits as a str, got {value!r}")


def _brief(record: object, *names: str) -> str:
    """A short repr of a record: its class and the fields that say which one it is.

    The full records run to thousands of characters (notes, successors, approvals); a repr that
    a REPL or a log prints whole should name the record, not dump it. ``attrs.asdict`` gives
    every field. Enums show their values; a tuple of records shows how many it holds.
    """
    parts = []
    for name in names:
        value = getattr(record, name)
        if isinstance(value, enum.Enum):
            shown = repr(value.value)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            shown = f"<{len(value)} {type(value[0]).__name__}>"
        else:
            shown = repr(value)
        parts.append(f"{name}={shown}")
    return f"{type(record).__name__}({', '.join(parts)})"


class Level(str, enum.Enum):
    """The administrative level of a pilot unit, as the notice counts them.

    The notice names 1 provincial unit (Beijing as a whole), 11 prefecture-level
    cities and 288 county-level units.
    """

    PROVINCIAL = "provincial"
    PREFECTURAL = "prefectural"
    COUNTY = "county"

    def __str__(self) -> str:
        return self.value


class Kind(str, enum.Enum):
    """What sort of division (or other body) a pilot unit is."""

    MUNICIPALITY = "municipality"
    """直辖市: a province-level city (北京市)."""
    PREFECTURE_CITY = "prefecture_city"
    """地级市: a prefecture-level city (南京市)."""
    DISTRICT = "district"
    """市辖区: a district of a city (河西区)."""
    COUNTY = "county"
    """县 (浚县)."""
    AUTONOMOUS_COUNTY = "autonomous_county"
    """自治县 (本溪满族自治县)."""
    BANNER = "banner"
    """旗: the county-level division of Inner Mongolia (翁牛特旗)."""
    COUNTY_CITY = "county_city"
    """县级市: a county-level city (介休市)."""
    FORESTRY_DISTRICT = "forestry_district"
    """林区: 神农架林区, a county-level forestry district."""
    RECLAMATION_BUREAU = "reclamation_bureau"
    """A bureau of the Heilongjiang land-reclamation system (北安管理局): not an administrative division."""
    XPCC_CITY = "xpcc_city"
    """A city run together with a division of the Xinjiang Production and Construction Corps (八师石河子市)."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Text:
    """One text in simplified (``hans``, the official form) and traditional (``hant``) characters.

    ``str(text)`` is the simplified form.
    """

    hans: str
    hant: str

    def __str__(self) -> str:
        return self.hans


@attrs.frozen(kw_only=True)
class CitedDocument:
    """A document the notice cites, with its number and title as the notice gives them."""

    number: str | None
    """Its document number (``国发〔2014〕47号``), or ``None`` where the notice gives none."""
    title: Text
    """Its title, without the book-title marks 《》."""


@attrs.frozen(kw_only=True)
class Task:
    """One of the four items of section 二 (突出工作重点), the pilot's key tasks."""

    number: int
    """1 to 4, as numbered (一) to (四) in the notice."""
    heading: Text
    """The item's first sentence, without its full stop: 加快完善"救急难"主要制度."""
    text: Text
    """The item's whole text, heading included."""


@attrs.frozen(kw_only=True)
class Requirement:
    """One of the four items of section 三 (落实工作要求), the working requirements."""

    number: int
    """1 to 4, as numbered (一) to (四) in the notice."""
    heading: Text
    """The item's first sentence, without its full stop: 加强组织领导."""
    text: Text
    """The item's whole text, heading included."""


@attrs.frozen(kw_only=True)
class Notice:
    """民办函〔2015〕244号: the notice that named the 300 pilot units."""

    number: str
    """The document number, ``民办函〔2015〕244号``."""
    title: Text
    issuers: tuple[Text, ...]
    """The issuing offices, in the notice's order: 民政部办公厅, 财政部办公厅."""
    date: datetime.date
    """The date the notice was issued, 2015-07-03."""
    addressees: Text
    """The salutation line, without its closing colon."""
    preamble: Text
    """The opening paragraph, which states how the 300 units were chosen."""
    objective_heading: Text
    """The heading of section 一, 明确目标任务."""
    objective: Text
    """The text of section 一."""
    tasks_heading: Text
    """The heading of section 二, 突出工作重点."""
    tasks: tuple[Task, ...]
    requirements_heading: Text
    """The heading of section 三, 落实工作要求."""
    requirements: tuple[Requirement, ...]
    closing: tuple[Text, ...]
    """The two unnumbered paragraphs that close section 三 (落实工作要求) after its item (四): on the
    pilot's evaluation, and on what to report. They belong to section 三 in the notice's
    structure; they are kept apart from ``requirements`` because they are not numbered items."""
    attachment_title: Text
    """The title of the attachment that lists the units, 全国"救急难"综合试点单位名单."""
    cited_documents: tuple[CitedDocument, ...]
    """The documents the notice cites, in the order they first appear."""
    received: str
    """The notice as it was received, one paragraph a line: the web copy's own traditional
    characters and half-width punctuation (關于, 后, 范圍 where standard traditional text has
    關於, 後, 範圍), with only its damage repaired (page furniture, pinyin annotations and
    mis-decoded bytes). The ``hant`` texts are standard traditional, made from the simplified."""

    def __repr__(self) -> str:
        return _brief(self, "number", "date")


class Relation(str, enum.Enum):
    """How a division of the 2024 table relates to a pilot unit's area at the notice date."""

    UNCHANGED = "unchanged"
    """The unit itself: same code, same name, same area."""
    SAME_AREA = "same_area"
    """The same area under a new name or code (万全县 -> 万全区, 盘县 -> 盘州市)."""
    WHOLE = "whole"
    """Holds all of the unit's area and other area besides (闸北区 -> 静安区)."""
    PART = "part"
    """Holds only part of the unit's area (大同市城区 -> 平城区 and 云冈区)."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Approval:
    """The approval behind a change of divisions, as the code history records it."""

    title: str
    number: str | None
    """Its document number (国函〔2015〕183号), or ``None`` where the history gives none."""
    date: datetime.date | None
    """The date of approval, or ``None`` where the history gives none."""


@attrs.frozen(kw_only=True)
class Successor:
    """A division of the 2024 table that holds some or all of a pilot unit's area."""

    code: str = attrs.field(validator=_check_code)
    name: str
    relation: Relation
    approvals: tuple[Approval, ...]
    """The approvals behind the changes since July 2015 that moved land into or out of this
    division, at the unit's level (land moved between two districts inside a prefecture-level
    unit or Beijing changes neither); oldest first, undated last. Empty for ``UNCHANGED``."""

    def __repr__(self) -> str:
        return _brief(self, "code", "name", "relation")


@attrs.frozen(kw_only=True)
class PilotUnit:
    """One of the 300 units named in the notice's attachment."""

    seq: int = attrs.field(validator=attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(300)))
    """Its position in the attachment, 1 to 300."""
    name: str
    """Its official short name at the notice date, simplified: 桥东区, 浚县, 番禺区, 北京市."""
    name_hant: str
    """The same name in standard traditional characters: 瀋河區, 雲和縣."""
    name_pinyin: str
    """The name romanised: the specific part in Hanyu Pinyin (GB/T 16159), the generic part in
    English: ``Xun County``, ``Panyu District``."""
    published_name: str
    """The name exactly as the notice prints it, simplified: 邢台市桥东区, 番禹区, 平安县, 全市."""
    published_name_hant: str
    """The printed name in standard traditional characters: 瀋陽市瀋河區."""
    received_name: str
    """The entry exactly as the received copy prints it, damage repaired: its converter's
    characters (沈陽市沈河區, 云和縣), as in ``Notice.received``."""
    full_name: str
    """Province, prefecture and name joined: 河北省邢台市桥东区, 北京市, 黑龙江省农垦总局北安管理局."""
    code: str | None = attrs.field(validator=_check_code)
    """Its GB/T 2260 code in force in July 2015, six digits; ``None`` only for the reclamation bureau."""
    province: str
    """The province-level division containing it (新疆维吾尔自治区 for 八师石河子市)."""
    province_code: str = attrs.field(validator=_check_code)
    province_pinyin: str
    """The province's name romanised: ``Hebei``, ``Shaanxi``, ``Neimenggu``; for charts without CJK fonts."""
    group: str
    """The heading it is listed under in the attachment: a province, or 新疆生产建设兵团."""
    prefecture: str | None
    """Its prefecture-level parent, or ``None`` (provincial and prefectural units, districts of
    municipalities, county-level units administered directly by their province)."""
    prefecture_code: str | None = attrs.field(validator=_check_code)
    level: Level
    kind: Kind
    notes: tuple[str, ...]
    """Where the notice's text needed judgement, what was decided and why; empty otherwise."""
    successors: tuple[Successor, ...]
    """What the unit became in the 2024 table (one ``UNCHANGED`` successor if nothing changed);
    empty only for the reclamation bureau, which has no code to follow."""

    def __repr__(self) -> str:
        return _brief(self, "seq", "code", "name", "level")


class MatchStatus(str, enum.Enum):
    """What [`PilotUnits.match`][jijinan.PilotUnits.match] found. The rules are in the docs' "Matching" page."""

    PILOT = "pilot"
    """The division is a pilot unit, or has exactly a pilot unit's area under another name or code."""
    COVERED = "covered"
    """The whole division lay inside the pilot's area at the notice date without being a unit
    itself (a district of 南京市, of Beijing, or a piece of a pilot unit)."""
    PARTIAL = "partial"
    """Part of the division's area was in the pilot at the notice date and part was not."""
    NOT_PILOT = "not_pilot"
    """None of the division's area was in the pilot at the notice date."""
    AMBIGUOUS = "ambiguous"
    """The name fits several divisions and the hints do not settle it: see ``candidates``."""
    UNKNOWN = "unknown"
    """The name fits no division of the tables searched."""

    def __str__(self) -> str:
        return self.value


class Via(str, enum.Enum):
    """How a division at the notice date is covered by the pilot."""

    SELF = "self"
    """It is a pilot unit itself."""
    PREFECTURE = "prefecture"
    """It lies in a prefecture-level city that is a pilot unit (南京市)."""
    PROVINCE = "province"
    """It lies in the province-level pilot unit, Beijing."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Division:
    """A division of the code tables, as a match candidate."""

    code: str = attrs.field(validator=_check_code)
    name: str
    full_name: str
    """Province, prefecture and name joined, as at ``period``."""
    period: str
    """The table it was found in: ``"2015-07"`` (the notice date) or a year-end, ``"2020"``."""


@attrs.frozen(kw_only=True)
class Match:
    """The answer of [`PilotUnits.match`][jijinan.PilotUnits.match] for one name."""

    query: str
    status: MatchStatus
    unit: PilotUnit | None
    """The pilot unit involved: the unit itself, the unit that covers the division, or, when
    it holds land of several, the main one (``units[0]``); ``None`` otherwise."""
    via: Via | None
    """How the division's area is in the pilot: ``self`` (it is, or is part of, a county-level
    unit, or is a unit itself), ``prefecture`` (inside a prefecture-level unit) or ``province``
    (inside Beijing); ``None`` when no unit is involved."""
    code: str | None
    """The code of the division the name resolved to (``None`` when unresolved, and for the
    reclamation bureau, which has no code)."""
    name: str | None
    """The full name of that division."""
    period: str | None
    """The table the name was read in: ``"2015-07"`` or a year-end such as ``"2020"``."""
    candidates: tuple[Division, ...]
    """Every division the name fits, for ``ambiguous``; empty otherwise."""
    reason: str
    """One line saying why, citable row by row."""
    units: tuple[PilotUnit, ...] = ()
    """Every pilot unit whose land the division holds, all or part, the main one first: the
    unit that is the division itself under its own code (中宁县 of 2020, which also took in
    land of 青铜峡市), then the others in the attachment's order. Empty when no unit is involved."""

    def __repr__(self) -> str:
        return _brief(self, "query", "status", "code", "name", "period", "unit", "candidates")


@attrs.frozen(kw_only=True)
class CoverageRow:
    """One county-level division in force at the notice date, and whether the pilot covered it."""

    code: str = attrs.field(validator=_check_code)
    name: str
    prefecture: str | None
    prefecture_code: str | None = attrs.field(validator=_check_code)
    province: str
    province_code: str = attrs.field(validator=_check_code)
    covered: bool
    unit: PilotUnit | None
    """The pilot unit whose area contains it, or ``None``."""
    via: Via | None
    """How it is covered, or ``None`` when it is not."""

    def __repr__(self) -> str:
        return _brief(self, "code", "name", "covered", "unit", "via")


@attrs.frozen(kw_only=True)
class PanelRow:
    """One county-level division in one table of the panel (``jijinan.panel()``)."""

    period: str
    """The table: a year's end (``"2016"``) or the notice date (``"2015-07"``, only with ``notice=True``)."""
    year: int
    """The year of the table (2015 for both ``"2015-07"`` and ``"2015"``)."""
    post: bool
    """Whether the table is after the notice (3 July 2015): the end of 2015 and later."""
    event_time: int
    """``year - 2015``."""
    code: str
    name: str
    name_pinyin: str
    """The name romanised, generic part in English (Xun County, Jing'an District)."""
    province: str
    province_code: str
    prefecture: str | None
    """Its prefecture-level parent in that table, if any."""
    prefecture_code: str | None
    status: MatchStatus
    """``pilot``, ``covered``, ``partial`` or ``not_pilot``: its land in that table against the
    pilot's area at the notice date (the rules of the docs' Matching page)."""
    in_pilot: bool
    """All of its land lay in the pilot's area at the notice date: status ``pilot`` or ``covered``."""
    treated: bool
    """``in_pilot and post``: the D of a two-way fixed-effects regression."""
    pilot_share: float | None
    """Of the notice-date divisions whose land it holds (all or part), the share in the pilot's
    area, by count: 0 for not_pilot, 1 for pilot and covered, between for partial. Not an area
    or a population share. None only where the code history records no origin for its land."""
    stable_id: str
    """Its time-consistent unit over the panel's tables: divisions that shared land in them are
    one unit, named by its smallest code in the panel's last table."""
    stable_notice_codes: tuple[str, ...]
    """The notice-date (July 2015) codes whose land the unit holds, all or part."""
    units: tuple[PilotUnit, ...]
    """The pilot units whose land it holds, all or part, the main one first (as ``Match.units``:
    the unit it is under its own code, then the attachment's order); empty for not_pilot."""

    def __repr__(self) -> str:
        return _brief(self, "period", "code", "name", "status", "units")
