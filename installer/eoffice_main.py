"""The frozen program's entry point (installer/eoffice.spec): the same as `python -m eoffice`."""

from eoffice.cli import main

raise SystemExit(main())
