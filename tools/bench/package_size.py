"""Deployment package size: the skill and the hello world built by the same lambda/Makefile, then zipped.

`sam build` runs lambda/Makefile's build-TwitchGuideFunction target (template.yaml: BuildMethod makefile);
the benchmark runs that target directly into a temporary folder instead of calling sam, which would also
rewrite .aws-sam/ under anyone else working in this checkout. The hello world goes through a copy of the same
Makefile with its own requirements.txt, so both get the very same pip cross-install (CPython 3.13, aarch64,
wheels only), then bytecode for python3.13 and, for the skill, the conversation snapshot. pip reaches the
package index for this step, as `sam build` does.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAMBDA_DIR = ROOT / "lambda"
HELLO_DIR = Path(__file__).resolve().parent / "hello_world"
TARGET = "build-TwitchGuideFunction"
BUILD_TIMEOUT_S = 240


@dataclass
class Package:
    """A built function folder and its zip."""

    folder: Path
    zipped_bytes: int
    unzipped_bytes: int
    files: int
    own_zipped_bytes: int  # the part that is the function's own code, not its dependencies


class BuildError(RuntimeError):
    """The Makefile target failed (most often: pip could not reach the package index)."""


def _make(source: Path, artifacts: Path) -> None:
    artifacts.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    command = ["make", "--no-print-directory", "-C", str(source), TARGET]
    command += [f"ARTIFACTS_DIR={artifacts}", f"PYTHON={sys.executable}"]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BuildError(f"{TARGET} took longer than {BUILD_TIMEOUT_S} s") from error
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if "is ignored" not in line]
        raise BuildError(f"{TARGET} failed: " + " / ".join(lines[-3:]))


def build_skill(workdir: Path) -> Path:
    """lambda/ built exactly as sam build builds it."""
    artifacts = workdir / "skill"
    _make(LAMBDA_DIR, artifacts)
    return artifacts


def build_hello(workdir: Path) -> Path:
    """The hello world through a copy of lambda/Makefile: its requirements, its module, nothing else."""
    source = workdir / "hello-source"
    source.mkdir(parents=True, exist_ok=True)
    shutil.copy2(LAMBDA_DIR / "Makefile", source / "Makefile")
    shutil.copy2(HELLO_DIR / "requirements.txt", source / "requirements.txt")
    # The Makefile copies app.py and twitch_guide/; give it the hello world as app.py and an empty package
    # folder, then put the names back so the artifact holds only what the hello world would ship.
    shutil.copy2(HELLO_DIR / "lambda_function.py", source / "app.py")
    (source / "twitch_guide").mkdir(exist_ok=True)
    artifacts = workdir / "hello"
    _make(source, artifacts)
    (artifacts / "app.py").rename(artifacts / "lambda_function.py")
    shutil.rmtree(artifacts / "twitch_guide")
    return artifacts


def with_module(artifacts: Path, package: str, into: Path, files: tuple[Path, ...] = ()) -> Path:
    """A copy of `artifacts` plus an installed package's sources (no bytecode), e.g. ask_sdk_dynamodb,
    and `files`."""

    shutil.copytree(artifacts, into)
    for file in files:
        shutil.copy2(file, into / file.name)
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise BuildError(f"{package} is not installed")
    found = Path(next(iter(spec.submodule_search_locations)))
    shutil.copytree(found, into / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return into


def zip_package(folder: Path, own: tuple[str, ...]) -> Package:
    """Zip as sam deploy does (deflate, every file); `own` names the top-level entries that are our code."""
    archive = folder.with_suffix(".zip")
    unzipped = files = 0
    own_bytes = 0
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            zipped.write(path, name)
            unzipped += path.stat().st_size
            files += 1
        zipped_infos = zipped.infolist()
    for info in zipped_infos:
        if info.filename.split("/")[0] in own:
            own_bytes += info.compress_size + 30 + len(info.filename)  # local header; close enough
    return Package(folder, archive.stat().st_size, unzipped, files, own_bytes)


def measure(workdir: Path) -> tuple[Package, Package]:
    """(skill, hello world) packages built in `workdir`."""
    skill = zip_package(build_skill(workdir), own=("app.py", "twitch_guide"))
    hello = zip_package(build_hello(workdir), own=("lambda_function.py",))
    return skill, hello


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        for label, package in zip(("skill", "hello world"), measure(Path(tmp)), strict=True):
            print(
                f"{label}: {package.zipped_bytes} bytes zipped ({package.own_zipped_bytes} own), "
                f"{package.unzipped_bytes} unzipped, {package.files} files"
            )
