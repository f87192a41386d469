"""The hazard log (docs/safety/hazard-log.md) names tests as evidence: each must exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "docs" / "safety" / "hazard-log.md"
_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_hazard_names_tests_that_exist() -> None:
    text = LOG.read_text(encoding="utf-8")
    references = _REFERENCE.findall(text)
    assert len(references) >= 12
    missing = [f"{file}::{name}" for file, name in references if name not in _tests_in(ROOT / file)]
    assert not missing, f"the hazard log names tests that do not exist: {missing}"


def test_every_hazard_row_has_controls_and_evidence() -> None:
    rows = [line for line in LOG.read_text(encoding="utf-8").splitlines() if re.match(r"\| H\d+ \|", line)]
    assert len(rows) >= 10
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 6 and all(cells), row
        assert _REFERENCE.search(cells[4]), f"no test as evidence: {cells[0]}"
