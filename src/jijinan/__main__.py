"""``python -m jijinan``: the command line (see ``jijinan.cli``)."""

import sys

from jijinan.cli import main

sys.exit(main())
