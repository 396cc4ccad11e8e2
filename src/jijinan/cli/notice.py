"""``jijinan notice``: the text of the notice, simplified or traditional."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from jijinan.records import Text

from jijinan.cli.common import (
    emit,
)


def notice_text(hant: bool) -> str:
    from jijinan.loading import load_notice

    notice = load_notice()

    def pick(text: Text) -> str:
        return text.hant if hant else text.hans

    parts = [pick(notice.title), notice.number, "", pick(notice.addressees) + "：", "", pick(notice.preamble), ""]
    parts += [f"一、{pick(notice.objective_heading)}", "", pick(notice.objective), ""]
    parts += [f"二、{pick(notice.tasks_heading)}", ""]
    for task in notice.tasks:
        parts += [pick(task.text), ""]
    parts += [f"三、{pick(notice.requirements_heading)}", ""]
    for requirement in notice.requirements:
        parts += [pick(requirement.text), ""]
    for paragraph in notice.closing:
        parts += [pick(paragraph), ""]
    parts += [f"附件：{pick(notice.attachment_title)}", ""]
    parts += [
        " ".join(pick(i) for i in notice.issuers),
        f"{notice.date.year}年{notice.date.month}月{notice.date.day}日",
    ]
    return "\n".join(parts) + "\n"


def cmd_notice(args: argparse.Namespace, out: TextIO | None) -> int:
    emit(out, "table", notice_text(args.hant))
    return 0


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
    notice = add("notice", cmd_notice, "the text of the notice")
    notice.add_argument("--hant", action="store_true", help="in traditional characters")
