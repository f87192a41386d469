"""Load and check an Alexa interaction model file: the simulator's view of intents, slots and slot types.

Errors are raised as `ModelError` with a message that names the file and the problem, never a traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SLOT_REF = re.compile(r"\{([^{}]*)\}")
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")


class ModelError(Exception):
    """An interaction model cannot be found or read; the message is meant for the user as is."""


@dataclass(frozen=True)
class SlotValue:
    """One value of a custom slot type: its entity-resolution id, canonical name and synonyms."""

    id: str | None
    name: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlotType:
    """A custom slot type (or an extended built-in type) with its values."""

    name: str
    values: tuple[SlotValue, ...]


@dataclass(frozen=True)
class SlotDef:
    """A slot of an intent; `samples` are the slot-filling utterances Alexa uses while eliciting it."""

    name: str
    type: str
    samples: tuple[str, ...] = ()


@dataclass(frozen=True)
class IntentDef:
    """An intent as declared in the language model."""

    name: str
    slots: tuple[SlotDef, ...] = ()
    samples: tuple[str, ...] = ()

    def slot(self, name: str) -> SlotDef | None:
        """The slot called `name`, or None."""
        return next((s for s in self.slots if s.name == name), None)


@dataclass(frozen=True)
class DialogSlot:
    """Dialog-model facts about one slot: whether Alexa must elicit it and with which prompt."""

    name: str
    elicitation_required: bool
    elicitation_prompt: str | None


@dataclass(frozen=True)
class InteractionModel:
    """The parts of an interaction model the simulator uses."""

    path: Path
    invocation_name: str
    intents: tuple[IntentDef, ...]
    types: dict[str, SlotType]
    dialog_slots: dict[str, tuple[DialogSlot, ...]] = field(default_factory=dict)
    prompts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def intent(self, name: str) -> IntentDef | None:
        """The intent called `name`, or None when the model does not declare it."""
        return next((i for i in self.intents if i.name == name), None)

    def has_dialog(self, intent_name: str) -> bool:
        """True when the dialog model covers the intent (Alexa then sends a dialogState)."""
        return intent_name in self.dialog_slots


def available_locales(models_dir: Path) -> list[str]:
    """Locales that have a model file `<locale>.json` in `models_dir`, sorted."""
    if not models_dir.is_dir():
        return []
    return sorted(p.stem for p in models_dir.glob("*.json") if _LOCALE.match(p.stem))


def model_path(models_dir: Path, locale: str) -> Path:
    """The model file for `locale`, or a ModelError that lists the locales there are."""
    path = models_dir / f"{locale}.json"
    if _LOCALE.match(locale) and path.is_file():
        return path
    have = ", ".join(available_locales(models_dir)) or f"none in {models_dir}"
    raise ModelError(f"No interaction model for locale '{locale}' (have: {have})")


def load_model(path: Path) -> InteractionModel:
    """Read and check one interaction model file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: not valid JSON: {exc}") from None
    return parse_model(raw, path)


def parse_model(raw: Any, path: Path) -> InteractionModel:
    """Check an interaction model already read from JSON; `path` names it in messages."""
    return _Reader(path).model(raw)


class _Reader:
    """Walks the JSON with a path for messages such as `intents[3].samples must be a list of strings`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> ModelError:
        return ModelError(f"{self.path}: {where} {problem}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        return value

    def key(self, parent: dict[str, Any], key: str, where: str) -> Any:
        if key not in parent:
            raise self.fail(f"{where}.{key}" if where else key, "is missing")
        return parent[key]

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be a non-empty string")
        return value

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, "must be a list of strings")
        return tuple(value)

    def items(self, value: Any, where: str) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return [self.obj(v, f"{where}[{i}]") for i, v in enumerate(value)]

    def model(self, raw: Any) -> InteractionModel:
        root = self.obj(raw, "the file")
        im = self.obj(self.key(root, "interactionModel", ""), "interactionModel")
        lm_where = "interactionModel.languageModel"
        lm = self.obj(self.key(im, "languageModel", "interactionModel"), lm_where)
        invocation = self.text(self.key(lm, "invocationName", lm_where), f"{lm_where}.invocationName")
        types = {t.name: t for t in self.slot_types(lm.get("types", []), f"{lm_where}.types")}
        intents = tuple(
            self.intent(item, f"{lm_where}.intents[{i}]", types)
            for i, item in enumerate(self.items(self.key(lm, "intents", lm_where), f"{lm_where}.intents"))
        )
        names = [i.name for i in intents]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise self.fail(f"{lm_where}.intents", f"declare {', '.join(duplicates)} more than once")
        prompts = self.prompts(im.get("prompts", []))
        dialog = self.dialog(im.get("dialog"), prompts)
        return InteractionModel(self.path, invocation.strip().lower(), intents, types, dialog, prompts)

    def slot_types(self, raw: Any, where: str) -> list[SlotType]:
        result = []
        for i, item in enumerate(self.items(raw, where)):
            here = f"{where}[{i}]"
            name = self.text(self.key(item, "name", here), f"{here}.name")
            values = []
            for j, value in enumerate(self.items(item.get("values", []), f"{here}.values")):
                vhere = f"{here}.values[{j}]"
                body = self.obj(self.key(value, "name", vhere), f"{vhere}.name")
                canonical = self.text(self.key(body, "value", f"{vhere}.name"), f"{vhere}.name.value")
                synonyms = self.texts(body.get("synonyms", []), f"{vhere}.name.synonyms")
                value_id = value.get("id")
                if value_id is not None and not isinstance(value_id, str):
                    raise self.fail(f"{vhere}.id", "must be a string")
                values.append(SlotValue(value_id, canonical, synonyms))
            result.append(SlotType(name, tuple(values)))
        return result

    def intent(self, item: dict[str, Any], where: str, types: dict[str, SlotType]) -> IntentDef:
        name = self.text(self.key(item, "name", where), f"{where}.name")
        slots = []
        for j, slot in enumerate(self.items(item.get("slots", []), f"{where}.slots")):
            shere = f"{where}.slots[{j}]"
            slot_name = self.text(self.key(slot, "name", shere), f"{shere}.name")
            slot_type = self.text(self.key(slot, "type", shere), f"{shere}.type")
            if slot_type not in types and not slot_type.startswith("AMAZON."):
                raise self.fail(f"{shere}.type", f"names slot type '{slot_type}', which the model lacks")
            slot_samples = self.texts(slot.get("samples", []), f"{shere}.samples")
            slots.append(SlotDef(slot_name, slot_type, slot_samples))
        samples = self.texts(item.get("samples", []), f"{where}.samples")
        declared = {s.name for s in slots}
        for sample in samples + tuple(s for slot in slots for s in slot.samples):
            for ref in _SLOT_REF.findall(sample):
                if ref not in declared:
                    problem = f"sample '{sample}' uses slot {{{ref}}}, which it does not declare"
                    raise self.fail(f"{where} ({name})", problem)
        return IntentDef(name, tuple(slots), samples)

    def prompts(self, raw: Any) -> dict[str, tuple[str, ...]]:
        result = {}
        for i, item in enumerate(self.items(raw, "interactionModel.prompts")):
            here = f"interactionModel.prompts[{i}]"
            prompt_id = self.text(self.key(item, "id", here), f"{here}.id")
            variations = self.items(item.get("variations", []), f"{here}.variations")
            result[prompt_id] = tuple(str(v.get("value", "")) for v in variations if v.get("value"))
        return result

    def dialog(self, raw: Any, prompts: dict[str, tuple[str, ...]]) -> dict[str, tuple[DialogSlot, ...]]:
        if raw is None:
            return {}
        where = "interactionModel.dialog"
        body = self.obj(raw, where)
        result = {}
        for i, item in enumerate(self.items(body.get("intents", []), f"{where}.intents")):
            here = f"{where}.intents[{i}]"
            name = self.text(self.key(item, "name", here), f"{here}.name")
            slots = []
            for j, slot in enumerate(self.items(item.get("slots", []), f"{here}.slots")):
                shere = f"{here}.slots[{j}]"
                prompt_id = self.obj(slot.get("prompts", {}), f"{shere}.prompts").get("elicitation")
                if prompt_id is not None and prompt_id not in prompts:
                    problem = f"names prompt '{prompt_id}', which is not defined"
                    raise self.fail(f"{shere}.prompts.elicitation", problem)
                slots.append(
                    DialogSlot(
                        self.text(self.key(slot, "name", shere), f"{shere}.name"),
                        bool(slot.get("elicitationRequired", False)),
                        prompt_id,
                    )
                )
            result[name] = tuple(slots)
        return result
