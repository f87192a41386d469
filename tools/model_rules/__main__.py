"""`python -m model_rules [ROOT]` (run from tools/)."""

from .cli import main

raise SystemExit(main())
