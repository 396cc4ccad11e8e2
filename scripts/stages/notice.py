"""Parse the repaired notice: its parts (title, sections, items, closing, cited documents), the
attachment's lines and the counts of units it states, each part in simplified and traditional text."""

from __future__ import annotations

import datetime
import re
from typing import Any

from stages.errors import fail
from stages.traditional import Converter

# Section headings of the notice (traditional, after repair).
SECTION_OBJECTIVE = "一、"
SECTION_TASKS = "二、"
SECTION_REQUIREMENTS = "三、"
ITEM_NUMBERS = ("（一）", "（二）", "（三）", "（四）")


def text_pair(conv: Converter, received: str) -> dict[str, str]:
    """Simplified text from the seed's traditional, and standard traditional made anew from it."""
    hans = conv.hans(received)
    return {"hans": hans, "hant": conv.hant(hans)}


NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}


def split_items(paragraphs: list[str], what: str) -> list[tuple[int, str, str]]:
    """Numbered items (一)…(四): (number, heading, full text)."""
    if len(paragraphs) != len(ITEM_NUMBERS):
        fail(f"{what}: expected {len(ITEM_NUMBERS)} items, found {len(paragraphs)}")
    items = []
    for number, (label, paragraph) in enumerate(zip(ITEM_NUMBERS, paragraphs, strict=True), start=1):
        if not paragraph.startswith(label):
            fail(f"{what}: item {number} does not start with {label}: {paragraph[:20]!r}")
        body = paragraph[len(label) :]
        heading = body.split("。", 1)[0]
        items.append((number, heading, paragraph))
    return items


def parse_cited(conv: Converter, text: str) -> list[dict[str, Any]]:
    cited: list[dict[str, Any]] = []
    seen: set[str] = set()
    for m in re.finditer(r"《([^》]+)》(?:（([^（）]*〔\d{4}〕\d+號)）)?", text):
        title, number = m.group(1), m.group(2)
        if title in seen:
            continue
        seen.add(title)
        # The notice writes "民政部 財政部關于…" with a space between the two issuers.
        cited.append({"number": conv.hans(number) if number else None, "title": text_pair(conv, title)})
    return cited


def parse_notice(conv: Converter, lines: list[str], metadata: str) -> tuple[dict[str, Any], list[str], dict[str, int]]:
    """Return the notice record, the attachment's lines and the counts the notice states."""
    title, number = lines[0], lines[1]
    if not number.startswith("民辦函"):
        fail(f"second line is not the document number: {number!r}")
    m = re.search(r"頒布時間:(\d{4}-\d{2}-\d{2}).*發文單位:(.+)$", metadata)
    if not m:
        fail(f"metadata line not understood: {metadata!r}")
        raise AssertionError
    date = datetime.date.fromisoformat(m.group(1))
    issuers = m.group(2).split()
    addressees = lines[2]
    if not addressees.endswith("："):
        fail(f"addressee line does not end with a colon: {addressees!r}")
    preamble = lines[3]
    i_obj = lines.index(next(line for line in lines if line.startswith(SECTION_OBJECTIVE)))
    i_tasks = lines.index(next(line for line in lines if line.startswith(SECTION_TASKS)))
    i_reqs = lines.index(next(line for line in lines if line.startswith(SECTION_REQUIREMENTS)))
    i_attach_line = next(i for i, line in enumerate(lines) if line.startswith("附件：") and len(line) > 3)
    objective = lines[i_obj + 1 : i_tasks]
    if len(objective) != 1:
        fail(f"section 一 should be one paragraph, found {len(objective)}")
    tasks = split_items(lines[i_tasks + 1 : i_reqs], "section 二")
    req_block = lines[i_reqs + 1 : i_attach_line]
    requirements = split_items(req_block[:4], "section 三")
    closing = req_block[4:]
    attachment_title = lines[i_attach_line][len("附件：") :]
    signature = lines[i_attach_line + 1 : i_attach_line + 3]
    if signature[0].split() != issuers:
        fail(f"signature {signature[0]!r} disagrees with the issuers {issuers}")
    if signature[1] != f"{date.year}年{date.month}月{date.day}日":
        fail(f"signature date {signature[1]!r} disagrees with {date}")
    if lines[i_attach_line + 3] != "附件：" or lines[i_attach_line + 4] != attachment_title:
        fail("the attachment does not start with 附件： and its title")
    attachment = lines[i_attach_line + 5 :]

    body = "\n".join(lines[: i_attach_line + 1])
    counts_m = re.search(r"等(\d+)個地級市、.*?等(\d+)個縣（市、區）.*?共計(\d+)個單位", preamble)
    if not counts_m:
        fail("the preamble does not state the counts of units")
        raise AssertionError
    stated = {
        "provincial": 1,  # 北京市, named alone before the prefecture-level cities
        "prefectural": int(counts_m.group(1)),
        "county": int(counts_m.group(2)),
        "total": int(counts_m.group(3)),
    }

    def heading_of(line: str) -> str:
        return line[2:]  # after 一、

    notice = {
        "number": conv.hans(number),
        "title": text_pair(conv, title),
        "issuers": [text_pair(conv, issuer) for issuer in issuers],
        "date": date.isoformat(),
        "addressees": text_pair(conv, addressees.rstrip("：")),
        "preamble": text_pair(conv, preamble),
        "objective_heading": text_pair(conv, heading_of(lines[i_obj])),
        "objective": text_pair(conv, objective[0]),
        "tasks_heading": text_pair(conv, heading_of(lines[i_tasks])),
        "tasks": [{"number": n, "heading": text_pair(conv, h), "text": text_pair(conv, t)} for n, h, t in tasks],
        "requirements_heading": text_pair(conv, heading_of(lines[i_reqs])),
        "requirements": [
            {"number": n, "heading": text_pair(conv, h), "text": text_pair(conv, t)} for n, h, t in requirements
        ],
        "closing": [text_pair(conv, p) for p in closing],
        "attachment_title": text_pair(conv, attachment_title),
        "cited_documents": parse_cited(conv, body),
    }
    return notice, attachment, stated
