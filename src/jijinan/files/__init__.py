"""Table files: reading the tables people have and writing every format, without losing anything.

``base`` holds what every format shares (``Table``, ``Chunk``, the errors); ``reading`` opens
a file; ``text`` and ``encodings`` read delimited text; ``xlsx`` reads spreadsheets and writes
xlsx; ``csvfile``, ``jsonfile``, ``stata`` and ``parquet`` write their formats; ``sinks`` is the
protocol of match output; ``formats`` picks a format's writer; ``output`` writes a file
atomically; ``export`` writes the data package; ``stream`` matches a table file as a stream.
"""
