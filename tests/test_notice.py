"""The notice record: its number, date, sections and the documents it cites."""

from __future__ import annotations

import datetime

import attrs
import pytest

import jijinan
from jijinan import notice


def test_identity() -> None:
    assert notice.number == "民办函〔2015〕244号"
    assert notice.date == datetime.date(2015, 7, 3)
    assert notice.title.hans == "民政部办公厅 财政部办公厅关于确定全国“救急难”综合试点单位的通知"
    assert [str(i) for i in notice.issuers] == ["民政部办公厅", "财政部办公厅"]
    assert [i.hant for i in notice.issuers] == ["民政部辦公廳", "財政部辦公廳"]
    assert notice.addressees.hans.startswith("各省、自治区、直辖市民政厅（局）、财政厅（局）")
    assert notice.attachment_title.hans == "全国“救急难”综合试点单位名单"


def test_sections() -> None:
    assert notice.objective_heading.hans == "明确目标任务"
    assert notice.objective.hans.startswith("各地要以贯彻落实《社会救助暂行办法》")
    assert notice.tasks_heading.hans == "突出工作重点"
    assert [t.number for t in notice.tasks] == [1, 2, 3, 4]
    assert [t.heading.hans for t in notice.tasks] == [
        "加快完善“救急难”主要制度",
        "着力健全“救急难”工作机制",
        "积极引导社会力量参与",
        "探索搭建“救急难”信息平台",
    ]
    assert notice.requirements_heading.hans == "落实工作要求"
    assert [r.heading.hans for r in notice.requirements] == [
        "加强组织领导",
        "精心组织实施",
        "加强舆论引导",
        "抓好评估督查",
    ]
    assert [r.heading.hant for r in notice.requirements] == [
        "加強組織領導",
        "精心組織實施",
        "加強輿論引導",
        "抓好評估督查",
    ]
    for item in (*notice.tasks, *notice.requirements):
        assert item.text.hans.startswith("（" + "一二三四"[item.number - 1] + "）" + item.heading.hans + "。")
    assert len(notice.closing) == 2
    assert notice.closing[1].hans.endswith("报送民政部社会救助司、财政部社会保障司。")


def test_repaired_spots_read_as_the_notice() -> None:
    assert "共计300个单位为全国“救急难”综合试点单位。现将有关事项通知如下：" in notice.preamble.hans
    assert "本省（区、市）“救急难”试点工作" in notice.requirements[0].text.hans
    assert "本省（自治区、直辖市）的综合试点工作" in notice.requirements[1].text.hans
    assert "本省（自治區、直轄市）" in notice.requirements[1].text.hant


def test_cited_documents() -> None:
    assert [(d.number, d.title.hans) for d in notice.cited_documents] == [
        ("民发〔2015〕57号", "民政部 财政部关于在全国开展“救急难”综合试点工作的通知"),
        (None, "社会救助暂行办法"),
        ("国发〔2014〕47号", "国务院关于全面建立临时救助制度的通知"),
        (
            "国办发〔2015〕30号",
            "国务院办公厅转发民政部等部门关于进一步完善医疗救助制度全面开展重特大疾病医疗救助工作意见的通知",
        ),
        ("国发〔2014〕61号", "国务院关于促进慈善事业健康发展的指导意见"),
    ]


def test_notice_is_frozen_and_loaded_once() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        notice.number = "x"  # type: ignore[misc]
    assert jijinan.notice is notice
    assert isinstance(notice.tasks, tuple)


def test_unknown_module_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'notices'"):
        jijinan.notices  # type: ignore[attr-defined]  # noqa: B018


def test_punctuation_is_full_width() -> None:
    # The web copy's half-width , ; : ( ) [ ] are restored to the notice's full-width forms.
    texts = [notice.preamble, notice.objective, *(i.text for i in (*notice.tasks, *notice.requirements))]
    for text in texts:
        for form in (text.hans, text.hant):
            assert not set(",;:()[]") & set(form)
    assert "信息；结合社区网格化管理" in notice.tasks[1].text.hans
