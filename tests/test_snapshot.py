"""The build's conversation snapshot: the same conversation as the TOML gives, and never trusted when stale."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from recall import load_corpus
from twitch_guide import snapshot
from twitch_guide.prompts import load_prompts
from twitch_guide.triage.lexicon import PhrasesLeftOut
from twitch_guide.triage.rules import load_rules

SOURCE_PACKAGE = Path(snapshot.__file__).parent


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package as sam build ships it, without bytecode."""
    copy = tmp_path / "twitch_guide"
    shutil.copytree(SOURCE_PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pickle"))
    return copy


def _probe(package: Path, code: str) -> list[str]:
    """What `code` prints, run in a fresh process with only the package copy on its path."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=package.parent,
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONDONTWRITEBYTECODE": "1", "PATH": "", "PYTHONPATH": str(package.parent)},
    ).stdout.split()


def test_a_snapshot_holds_the_conversation_the_content_compiles_to(package: Path) -> None:
    snapshot.write_snapshot(package)
    loaded = snapshot.read_snapshot(package)
    assert loaded is not None
    rules = load_rules()
    assert loaded.rules == rules._replace(lexicon=rules.lexicon._replace(vocab=PhrasesLeftOut()))
    assert loaded.prompts == load_prompts()
    fresh = snapshot.compile_conversation()
    for example in load_corpus():
        assert loaded.engine.understand(example.text) == fresh.engine.understand(example.text), example.text


def test_a_snapshot_leaves_the_phrase_lists_out_and_says_so_if_they_are_read(package: Path) -> None:
    """Its engine holds the vocabulary compiled; the rules' raw phrase lists stay behind (~30 KB zipped)."""
    snapshot.write_snapshot(package)
    loaded = snapshot.read_snapshot(package)
    assert loaded is not None
    with pytest.raises(LookupError, match="load the rules"):
        loaded.rules.lexicon.vocab["sudden"]
    assert "sudden_one_sided_weakness" in loaded.engine.understand("my arm suddenly went weak").flags


def test_a_snapshot_is_ignored_once_any_rule_changes(package: Path) -> None:
    snapshot.write_snapshot(package)
    rules = package / "triage" / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert snapshot.read_snapshot(package) is None


def test_a_snapshot_is_ignored_once_any_code_changes(package: Path) -> None:
    snapshot.write_snapshot(package)
    module = package / "triage" / "understanding.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert snapshot.read_snapshot(package) is None


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_snapshot_is_ignored_not_fatal(package: Path, content: bytes) -> None:
    (package / snapshot.SNAPSHOT_NAME).write_bytes(content)
    assert snapshot.read_snapshot(package) is None


def test_without_a_snapshot_the_content_is_compiled(package: Path) -> None:
    assert snapshot.read_snapshot(package) is None
    assert not (SOURCE_PACKAGE / snapshot.SNAPSHOT_NAME).exists(), "the source tree must not hold a snapshot"
    assert snapshot.load_conversation().rules == load_rules()


def test_the_build_command_writes_a_snapshot_the_package_then_uses(package: Path) -> None:
    """lambda/Makefile runs `python -m twitch_guide.snapshot` in the artifact; a fresh process then reads it."""
    subprocess.run(
        [sys.executable, "-m", "twitch_guide.snapshot"],
        cwd=package.parent,
        check=True,
        capture_output=True,
        env={"PYTHONDONTWRITEBYTECODE": "1", "PATH": ""},
    )
    probe = "from twitch_guide import snapshot, skill; import sys; c = snapshot.read_snapshot(); "
    probe += "print(c is not None, 'tomllib' in sys.modules)"
    out = _probe(package, probe)
    assert out == ["True", "False"], "the snapshot was not used, or the TOML parser was still imported"


def test_the_package_without_its_inflection_table_still_uses_its_snapshot(package: Path) -> None:
    """lambda/Makefile leaves triage/inflections.py out once the snapshot holds the table compiled."""
    snapshot.write_snapshot(package)
    (package / "triage" / "inflections.py").unlink()
    loaded = snapshot.read_snapshot(package)
    assert loaded is not None
    assert "face_drooping" in loaded.engine.understand("her face has drooped on one side").flags


def test_a_stale_snapshot_without_the_inflection_table_still_compiles_the_rules(package: Path) -> None:
    """The fallback when the snapshot is stale: the rules compile with the table the stale snapshot holds."""
    snapshot.write_snapshot(package)
    (package / "triage" / "inflections.py").unlink()
    rules = package / "triage" / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    probe = "from twitch_guide import snapshot; c = snapshot.load_conversation(); "
    probe += (
        "print(snapshot.read_snapshot() is None, 'chest_pain' in c.engine.understand('my chest hurts').flags,"
    )
    probe += " 'face_drooping' in c.engine.understand('her face has drooped on one side').flags)"
    out = _probe(package, probe)
    assert out == ["True", "True", "True"]


def test_a_pickled_engine_reads_every_corpus_sentence_as_the_compiled_one() -> None:
    """The snapshot packs the phrase index and splits it on first use: a reading must not change."""
    import json
    import pickle

    from twitch_guide.triage.engine import Engine
    from twitch_guide.triage.rules import default_rules

    compiled = Engine(default_rules())
    restored = pickle.loads(pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
    corpus = Path(__file__).parent / "corpus"
    texts = [json.loads(line)["text"] for path in sorted(corpus.glob("*.jsonl")) for line in path.open()][::7]
    assert len(texts) > 1000
    for text in texts:
        assert restored.understand(text) == compiled.understand(text), text
