"""``python -m jijinan``: the command line (see :mod:`jijinan.cli`)."""

import sys

from jijinan.cli import main

sys.exit(main())
