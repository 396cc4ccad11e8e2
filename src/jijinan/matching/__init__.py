"""Matching: which division a name denotes, and what the pilot was to it.

``reading`` puts what a user typed into the form the index is keyed by; ``columns`` splits
columns of input into distinct values; ``status`` states the rules that decide a division's
status (the build applies them); ``answers`` makes the ``Match`` records and their reasons;
``matcher`` finds one name; ``many`` many names at once; ``default`` holds the process's
matcher over the packaged data.
"""
