"""Every import the build makes of the jijinan package's internals, in one place.

The build applies the package's own rules (the normal form of keys, the words that name no
division, the status verdicts, the checks of the division tables) so that what it writes is
exactly what the package reads. Those modules live inside ``src/jijinan``; when they move,
this is the one file to change. The source tree is put first on ``sys.path`` so that the
build uses the checkout it belongs to, not an installed copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "src"))

from jijinan.loading.divisions import check_all
from jijinan.loading.land import check_land
from jijinan.matching.reading import GENERIC_WORDS, Normalizer
from jijinan.matching.status import NOT_PILOT_DETAIL, judge

__all__ = ["GENERIC_WORDS", "NOT_PILOT_DETAIL", "Normalizer", "check_all", "check_land", "judge"]
