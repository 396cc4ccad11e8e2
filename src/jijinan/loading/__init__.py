"""The packaged data, read, checked and held in memory: the layer every answer is read from.

``files`` reads a data file through the package's loader and checks it against B2SUMS;
``strict`` and ``structure`` turn parsed JSON into the records of ``jijinan.records``;
``divisions`` holds the division index (its shape and its checks); ``loaders`` loads each
file once per process (``once``: thread- and fork-safe). Nothing above this layer knows how
the data is stored.
"""

from jijinan.loading.files import read_json
from jijinan.loading.loaders import (
    load_char_map,
    load_division_index,
    load_notice,
    load_unit_keys,
    load_units,
)
from jijinan.loading.once import once

__all__ = [
    "load_char_map",
    "load_division_index",
    "load_notice",
    "load_unit_keys",
    "load_units",
    "once",
    "read_json",
]
