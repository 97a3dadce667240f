"""``python -m cli ...`` runs the `factoryfl` command line."""

import sys

from cli.main import main

sys.exit(main())
