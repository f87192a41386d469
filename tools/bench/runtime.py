"""Lambda's runtime on this machine: python3.13 (pyenv), and a venv of it with the boto3 the runtime ships.

The benchmarks that measure what is deployed start the `sam build` artifact under this interpreter, so the
bytecode lambda/Makefile compiles for python3.13 is the bytecode that runs. Creating the venv reaches the
package index once (pip), as `sam build` does; nothing reaches AWS.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = (3, 13)


def python313() -> str | None:
    """The real python3.13 binary (pyenv's shim fails unless 3.13 is selected, so look for it first)."""
    for version in sorted((Path.home() / ".pyenv" / "versions").glob("3.13*"), reverse=True):
        if (version / "bin" / "python3").exists():
            return str(version / "bin" / "python3")
    found = shutil.which("python3.13")
    if found and subprocess.run([found, "-c", "pass"], capture_output=True).returncode == 0:
        return found
    return None


def boto3_pin() -> str:
    """The boto3 version the project pins (requirements-dev.txt), standing in for the runtime's own."""
    text = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    match = re.search(r"^boto3==([\w.]+)$", text, re.MULTILINE)
    return f"boto3=={match.group(1)}" if match else "boto3"


def runtime_python(workdir: Path) -> str | None:
    """A python3.13 venv in `workdir` with boto3 alone; None without python3.13 or the package index."""
    base = python313()
    if base is None:
        return None
    venv = workdir / "runtime-py313"
    python = venv / "bin" / "python"
    if not python.exists():
        try:
            subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run(
                [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", boto3_pin()],
                check=True,
                capture_output=True,
                timeout=600,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return None
    return str(python)


def run_json_child(argv: list[str], env: dict[str, str], timeout_s: float, label: str) -> Any:
    """Run a benchmark child and return the JSON of its last line of output; a child that fails raises
    RuntimeError with its label and the last line it wrote to stderr."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout_s, check=False)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{label}: exit {done.returncode}: {tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])
