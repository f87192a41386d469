"""`python -m model_rules [ROOT]`: every problem in the repository's models and skill.json."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .interaction_model import check_interaction_model
from .manifest import check_skill_manifest

# --- Command line ------------------------------------------------------------------------------------------


def load_models(directory: Path) -> dict[str, dict[str, Any]]:
    """Every <locale>.json interaction model in a directory, keyed by locale."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))
    }


def _all_problems(root: Path) -> Iterator[str]:
    models = load_models(root / "interaction_models")
    for locale, model in models.items():
        yield from check_interaction_model(model, f"interaction_models/{locale}.json")
    manifest_path = root / "skill-package" / "skill.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    yield from check_skill_manifest(manifest, models, package_dir=manifest_path.parent)


def main(argv: Sequence[str] | None = None) -> int:
    """Print every problem in the repository's models and skill.json; exit 1 if there is any."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    problems = list(_all_problems(root))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
