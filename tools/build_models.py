"""Generate interaction_models/<locale>.json from tools/model_source.toml and the triage rules.

The Symptom, Cause and HealingContext slot types are the rules' own synonyms, with entity-resolution ids equal
to rule ids, so the models and the rules cannot drift. `--check` compares instead of writing (used by tests).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lambda"))

from twitch_guide.triage.rules import Rules, load_rules  # noqa: E402

SOURCE = ROOT / "tools" / "model_source.toml"
MODELS_DIR = ROOT / "interaction_models"


def _slot_type(name: str, entries: list[tuple[str, tuple[str, ...]]]) -> dict[str, Any]:
    values = []
    for entry_id, synonyms in entries:
        spoken = list(dict.fromkeys(s.lower() for s in synonyms))
        value: dict[str, Any] = {"value": spoken[0]}
        if spoken[1:]:
            value["synonyms"] = spoken[1:]
        values.append({"id": entry_id, "name": value})
    return {"name": name, "values": values}


def slot_types(rules: Rules, source: dict[str, Any]) -> list[dict[str, Any]]:
    """Custom slot types: three from the rules, the rest (body parts) from the model source."""
    types = [
        _slot_type("Symptom", [(f.id, f.synonyms) for f in rules.red_flags.values()]),
        _slot_type("Cause", [(c.id, (c.name, *c.synonyms)) for c in rules.causes.values()]),
        _slot_type(
            "HealingContext", [(a.id, a.synonyms) for a in rules.healing.values() if a.id != "general"]
        ),
    ]
    for name, table in source.get("slot_types", {}).items():
        types.append({"name": name, "values": [{"name": {"value": v}} for v in table["values"]]})
    return types


def build_model(locale: str, source: dict[str, Any], rules: Rules) -> dict[str, Any]:
    intents = []
    for name, table in source["intents"].items():
        samples = list(table.get("samples", [])) + list(table.get("extra_samples", {}).get(locale, []))
        intent: dict[str, Any] = {"name": name, "samples": samples}
        slots = table.get("slots", {})
        if slots:
            intent["slots"] = [{"name": slot, "type": slot_type} for slot, slot_type in slots.items()]
        intents.append(intent)
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": source["invocation_name"],
                "intents": intents,
                "types": slot_types(rules, source),
            }
        }
    }


def build_all(rules: Rules | None = None, source_path: Path = SOURCE) -> dict[str, str]:
    """Locale -> the model file's text, exactly as it is committed."""
    source = tomllib.loads(source_path.read_text(encoding="utf-8"))
    rules = rules or load_rules()
    return {
        locale: json.dumps(build_model(locale, source, rules), indent=2, ensure_ascii=False) + "\n"
        for locale in rules.served_locales
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a committed model is out of date")
    args = parser.parse_args(argv)
    stale = []
    for locale, text in build_all().items():
        path = MODELS_DIR / f"{locale}.json"
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run `make models`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
