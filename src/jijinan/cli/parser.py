"""The ``jijinan`` argument parser: the top level, and each command's module adding its own."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from jijinan.cli import export, match, notice, research, summary, tables, units
from jijinan.cli.common import Handler

__all__ = ["EPILOG", "build_parser"]

EPILOG = """\
exit status: 0 done; 1 not found; 2 bad usage or input; 3 jijinan's data files damaged
(reinstall); 4 the output cannot be written (full disk, closed output); 130 interrupted.
Run 'jijinan COMMAND --help' for a command's options. Without a command: summary."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, as every other error of the command line.

    argparse's own are the whole usage (ten lines for ``match``) and ``jijinan match: error:``;
    docs/cli.md promises one line beginning ``jijinan:``. The line says where the usage is.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"jijinan: {message} (see '{self.prog} --help')\n")


# The commands in the order --help lists them.
_COMMANDS = (summary, units, match, tables, research, notice, export)


def build_parser() -> argparse.ArgumentParser:
    from jijinan.constants import __version__

    parser = _Parser(
        prog="jijinan",
        description="The 2015 '救急难' pilot notice (民办函〔2015〕244号) and its 300 pilot units.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jijinan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Handler, text: str, epilog: str | None = None, **extra: Any) -> argparse.ArgumentParser:
        command = sub.add_parser(
            name,
            help=text,
            description=text,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **extra,
        )
        command.set_defaults(handler=handler)
        return command

    for module in _COMMANDS:
        module.register(add)
    return parser
