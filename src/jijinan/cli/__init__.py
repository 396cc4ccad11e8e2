"""The ``jijinan`` command line (also ``python -m jijinan``), built on the standard library.

Commands: ``summary`` (the default), ``units``, ``show``, ``match``, ``coverage``, ``notice``
and ``export``. Spreadsheets, Stata and Parquet go through optional extras. Errors go to
standard error as one line, without a traceback; the exit status says what went wrong:

====  ==================================================================================
0     done
1     not found: no pilot unit answers to the name, or several do
2     bad usage or input: an option, a missing file or column, a row of the wrong width,
      an unclosed quote, an encoding, a missing extra, files ``export`` would replace
3     jijinan's own data files are damaged or missing: reinstall jijinan
4     the output cannot be written: a full disk, no permission, a closed standard output,
      a terminal whose encoding cannot show the text
130   interrupted (Ctrl-C); 143 and 129: stopped by SIGTERM or SIGHUP (128 + the signal)
====  ==================================================================================

``parser`` builds the argument parser from the command modules (``summary``, ``units``,
``match``, ``tables``, ``notice``, ``export``), each holding its commands' options and bodies;
``common`` the exit statuses and the output helpers. A new command is a new module with a
``register`` function, listed in ``parser``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from jijinan.cli.common import (
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    NotFoundError,
    TerminalEncodingError,
    UsageError,
    display_width,
    message,
)
from jijinan.errors import AmbiguousUnitError, DataIntegrityError, JijinanError, UnitNotFoundError

__all__ = [
    "EXIT_DATA",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "display_width",
    "main",
]


def _silence_stdout() -> None:
    """After standard output failed, point it at /dev/null so Python's exit does not try again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _quiet_cleanup() -> None:
    """After an output failure was reported, let the writers' leftovers go without a traceback.

    openpyxl's row generator and its zip file, left half written when the stream failed, are
    finalised later and fail again on the closed stream; Python prints each as "Exception
    ignored in ...". The one failure that matters has been said in one line: drop the echoes.
    """
    import gc

    sys.unraisablehook = lambda _unraisable: None
    gc.collect()


def _started() -> None:
    """From here a Ctrl-C is a KeyboardInterrupt again (see the start of ``jijinan/__init__.py``)."""
    import signal

    handler = signal.getsignal(signal.SIGINT)
    if getattr(handler, "__name__", "") == "_interrupted_while_starting":
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status (see the module's documentation)."""
    from jijinan.cli.signals import Stopped, stop_on_signals

    _started()  # a Ctrl-C from here on is a KeyboardInterrupt, reported below
    restore = stop_on_signals()
    try:
        return _run(argv, out)
    except KeyboardInterrupt:
        message("interrupted")
        return EXIT_INTERRUPTED
    except Stopped as stopped:
        message(f"stopped by {stopped.name}: nothing half-written was left")
        return 128 + stopped.signum
    finally:
        restore()


def _run(argv: Sequence[str] | None, out: TextIO | None) -> int:
    from jijinan.cli.parser import build_parser
    from jijinan.cli.summary import cmd_summary
    from jijinan.files.base import InputError, MissingExtraError
    from jijinan.files.sinks import EncodeError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UnicodeEncodeError:  # --help on a terminal that cannot show Chinese
        message("standard output's encoding cannot show the help: set PYTHONIOENCODING=utf-8 (or a UTF-8 locale)")
        return EXIT_OUTPUT
    handler = getattr(args, "handler", cmd_summary)
    if out is None and sys.stdout is None and getattr(args, "output", "-") == "-":
        # Started with standard output closed (`>&-`): say so before anything is done or written.
        message("standard output is closed: nothing can be written (give -o FILE where the command has it)")
        return EXIT_OUTPUT
    try:
        return int(handler(args, out))
    except (UnitNotFoundError, AmbiguousUnitError, NotFoundError) as exc:
        message(str(exc))
        return EXIT_NOT_FOUND
    except DataIntegrityError as exc:
        message(f"{exc}")
        return EXIT_DATA
    except (UsageError, InputError, EncodeError, MissingExtraError, FileExistsError, ValueError, TypeError) as exc:
        message(str(exc))
        return EXIT_USAGE
    except JijinanError as exc:
        message(str(exc))
        return EXIT_NOT_FOUND
    except TerminalEncodingError as exc:
        message(str(exc))
        return EXIT_OUTPUT
    except OSError as exc:
        if out is None:  # the process's own command line, not a caller's in-process run
            _silence_stdout()
            _quiet_cleanup()
        if isinstance(exc, BrokenPipeError):
            message("standard output was closed before all of the output was written")
        else:
            message(str(exc) if exc.strerror is None else f"cannot write standard output: {exc.strerror}")
        return EXIT_OUTPUT
