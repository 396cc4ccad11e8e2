"""The flat tables: their columns, their rows as plain dicts, and the tables users receive.

``schema`` declares every column; ``flat`` turns records into plain dicts keyed by those
columns; ``rows`` is the immutable base of the record tables; ``coverage`` and ``panel`` are
those tables; ``frames`` makes pandas and polars DataFrames of them; ``match_frame`` matches
a DataFrame's column.
"""
