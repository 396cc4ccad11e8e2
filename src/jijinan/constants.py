"""The package's version and the fixed facts every layer may need: the notice's date and its tables.

The bottom layer: it imports nothing from jijinan, so any module can read these.
"""

from __future__ import annotations

import datetime
from typing import Final

__all__ = ["CODE_TABLE", "HISTORY_TABLES", "LATEST_TABLE", "NOTICE_DATE", "__version__"]

__version__ = "0.4.1"

NOTICE_DATE: Final = datetime.date(2015, 7, 3)
"""The date of the notice, 民办函〔2015〕244号."""
CODE_TABLE: Final = "2015-07"
"""The GB/T 2260 table the units' codes come from: the Ministry of Civil Affairs' table of July 2015."""
HISTORY_TABLES: Final = (
    *(str(year) for year in range(2000, 2015)),
    "2015-07",
    *(str(year) for year in range(2015, 2025)),
)
"""The tables matching reads names in, in time order: the end of each year 2000-2014, the notice
date (``"2015-07"``, the July 2015 table), the end of each year 2015-2024."""
LATEST_TABLE: Final = "2024"
"""The newest table, the end of 2024: what ``PilotUnit.successors`` refer to."""
