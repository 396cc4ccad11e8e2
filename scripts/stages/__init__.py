"""The stages of jijinan's data build, one module per job, run in order by scripts/build_data.py.

1. ``seed``: the seed repaired (page furniture, mis-decoded bytes, pinyin annotations,
   variants, punctuation) and the damaged entry decided, with ``seed_damage``'s model.
2. ``notice``: the notice's text parsed into its parts and the counts it states.
3. ``units``: the 300 units resolved to codes and kinds in the July 2015 table (``codes``),
   checked against the notice's counts.
4. ``history_records`` and ``history``: the code history read, then the land of every
   division followed from the end of 2000 to the end of 2024.
5. ``successors``: what each unit became, and when its printed name had changed.
6. ``place_tables``, ``name_parts`` and ``romanize``: romanised names and keys from the two
   reviewed tables (``scripts/place_readings.tsv``, ``scripts/place_english.tsv``).
7. ``traditional``: simplified and traditional text, and the character table for lookups.
8. ``tables`` (with ``place_names``): the division table and the lookup indexes.
9. ``write``: the JSON files and their B2SUMS.

``errors`` holds the build's one exception; ``package`` every import of the package's own
internals (the shared rules the data must agree with).
"""
