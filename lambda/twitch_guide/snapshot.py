"""A build-time snapshot of the compiled conversation, so a cold start skips reading the TOML content.

Parsing rules.toml and prompts.toml, validating them and compiling every vocabulary takes about 30 ms under
python3.13; unpickling the finished Conversation takes a few. `sam build` writes the snapshot into the package
(lambda/Makefile runs `python -m twitch_guide.snapshot DIR`); the source tree has none, so development and the
tests read the TOML as before. A snapshot records a fingerprint of every .py and .toml file of the package it
was built from and is ignored, never trusted, when they differ: an edited rule can't be shadowed by a stale
snapshot. It is our own build output, read from the read-only package, never from a request or a store.
"""

from __future__ import annotations

import logging
import os
import sys
import zlib
from collections.abc import Mapping

try:  # The C unpickler alone: importing the pickle module itself costs a cold start ~0.8 ms (python3.13).
    from _pickle import Unpickler, UnpicklingError
except ImportError:  # another Python implementation
    from pickle import Unpickler, UnpicklingError

from .conversation import Conversation
from .prompts import PROMPTS_PATH, load_prompts
from .triage.lexicon import PhrasesLeftOut
from .triage.rules import RULES_PATH, load_rules
from .triage.validation import FilePath

logger = logging.getLogger(__name__)

PACKAGE = os.path.dirname(os.path.abspath(__file__))
SNAPSHOT_NAME = "conversation.pickle"
# The persistent id of the rules' vocabulary phrase lists, which the snapshot leaves out (its engine holds
# them compiled): they load as a PhrasesLeftOut.
PHRASES_LEFT_OUT = "phrases"


# Generated from the rules (tools/build_inflections.py) and read only to compile them: the snapshot carries
# the table compiled, so the package leaves the module out (lambda/Makefile) and the fingerprint does not
# count it.
BUILD_ONLY = (os.path.join("triage", "inflections.py"),)


def fingerprint(package: FilePath = PACKAGE) -> int:
    """A CRC of every source and content file of the package, with their relative paths, in a fixed order."""
    crc = 0
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".toml")):
                path = os.path.join(folder, name)
                if os.path.relpath(path, package) in BUILD_ONLY:
                    continue
                crc = zlib.crc32(os.path.relpath(path, package).encode(), crc)
                with open(path, "rb") as file:
                    crc = zlib.crc32(file.read(), crc)
    return crc


def compile_conversation(
    package: FilePath = PACKAGE, inflections: Mapping[str, str] | None = None
) -> Conversation:
    """The conversation built from a package's TOML content: what a snapshot holds, and the fallback.
    `inflections`: the word forms, when the package has no inflection table of its own."""
    return Conversation(
        load_rules(os.path.join(package, os.path.relpath(RULES_PATH, PACKAGE)), inflections),
        load_prompts(os.path.join(package, os.path.relpath(PROMPTS_PATH, PACKAGE))),
    )


def write_snapshot(package: FilePath = PACKAGE) -> str:
    """Compile the conversation from a package's content and save it in that package."""
    import pickle  # a build step: the full module

    conversation = compile_conversation(package)
    phrases = conversation.rules.lexicon.vocab

    class SnapshotPickler(pickle.Pickler):
        def persistent_id(self, obj: object) -> str | None:
            return PHRASES_LEFT_OUT if obj is phrases else None

    path = os.path.join(package, SNAPSHOT_NAME)
    with open(path, "wb") as file:
        pickler = SnapshotPickler(file, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dump(fingerprint(package))
        pickler.dump(conversation)
    return path


class _SnapshotUnpickler(Unpickler):
    def persistent_load(self, pid: object) -> PhrasesLeftOut:
        if pid != PHRASES_LEFT_OUT:
            raise UnpicklingError(f"unknown persistent id {pid!r}")
        return PhrasesLeftOut()


def read_snapshot(package: FilePath = PACKAGE) -> Conversation | None:
    """The snapshot's conversation, or None when there is none or it doesn't match the package's sources."""
    try:
        with open(os.path.join(package, SNAPSHOT_NAME), "rb") as file:
            unpickler = _SnapshotUnpickler(file)  # our own build output, never a request
            if unpickler.load() != fingerprint(package):
                logger.warning("conversation snapshot is stale; compiling the content instead")
                return None
            conversation = unpickler.load()  # read only once its sources match
    except FileNotFoundError:
        return None
    except (OSError, UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        logger.warning("conversation snapshot is unreadable; compiling the content instead", exc_info=True)
        return None
    return conversation if isinstance(conversation, Conversation) else None


def load_conversation(package: FilePath = PACKAGE) -> Conversation:
    """The shipped conversation: from the build's snapshot when it matches, otherwise compiled now."""
    return read_snapshot(package) or compile_conversation(package, kept_inflections(package))


def kept_inflections(package: FilePath = PACKAGE) -> Mapping[str, str] | None:
    """For the fallback in a package without its inflection table (BUILD_ONLY): the table the stale snapshot
    holds, so the rules compile with every word form; None when the package has the module."""
    if os.path.exists(os.path.join(package, BUILD_ONLY[0])):
        return None
    try:
        with open(os.path.join(package, SNAPSHOT_NAME), "rb") as file:
            unpickler = _SnapshotUnpickler(file)  # our own build output, never a request
            unpickler.load()  # the fingerprint, which no longer matches
            conversation = unpickler.load()
        table: Mapping[str, str] = conversation.rules.lexicon.grammar.vocabulary.inflections
        return dict(table)
    except Exception:  # a snapshot of other code, whatever it raises: compile without the table
        # Fewer word forms are heard: an error to alarm on, though the skill still answers.
        logger.error("inflection table missing: the rules are compiled without it", exc_info=True)
        return {}


if __name__ == "__main__":  # lambda/Makefile: python -m twitch_guide.snapshot (in the artifact directory)
    written = write_snapshot()
    if read_snapshot() is None:
        sys.exit(f"{written} was written but does not read back")
    print(f"wrote {written}", file=sys.stderr)
