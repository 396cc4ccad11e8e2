"""``jijinan.export.export``: the data as files for people outside Python (see ``jijinan.files.export``).

The public path of the exporter, kept where 0.3 documented it; the work is in ``jijinan.files``.
"""

from jijinan.files.export import FORMATS, datapackage, export

__all__ = ["FORMATS", "datapackage", "export"]
