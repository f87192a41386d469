"""Checks of an interaction model against Amazon's build rules, and matching example phrases to it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from skill_sim.invocation import parse_invocation
from skill_sim.model import ModelError, parse_model
from skill_sim.nlu import Resolver

from .common import (
    _INTENT_NAME,
    _INVOCATION_WORD,
    _SAMPLE_WORD,
    _SLOT_NAME,
    _SLOT_REFERENCE,
    _SLOT_TYPE_NAME,
    _SLOT_VALUE,
    _VALUE_ID,
    ARTICLES_AND_PREPOSITIONS,
    BUILTIN_INTENTS_DOC,
    CERTIFICATION_FEEDBACK,
    CONNECTING_WORDS,
    CONSOLE_INTENT_NAME_ERROR,
    INVOCATION_DOC,
    INVOCATION_FORBIDDEN_WORDS,
    INVOCATION_LENGTH,
    INVOCATION_MAX_CHARS,
    INVOCATION_MIN_CHARS,
    LAUNCH_WORDS,
    LEGACY_REFERENCE,
    MAX_CUSTOM_SLOT_VALUES,
    PROJECT_RULE,
    REQUIRED_BUILTIN_INTENTS,
    SAMPLE_MAX_CHARS,
    SCHEMA_DOC,
    SEARCH_QUERY,
    SEARCHQUERY_BUILD_ERROR,
    SLOT_TYPES_DOC,
    SLOT_VALUE_MAX_CHARS,
    WAKE_PREFIX,
    _normalise,
    _objects,
    _Report,
    _strings,
    slot_references,
)

# --- Interaction model ---------------------------------------------------------------------------------


def check_interaction_model(model: Mapping[str, Any], source: str) -> list[str]:
    """Every problem with one locale's interaction model (interactionModels/custom/<locale>.json)."""
    report = _Report(source)
    interaction = model.get("interactionModel")
    if not isinstance(interaction, dict) or not isinstance(interaction.get("languageModel"), dict):
        # SCHEMA_DOC: the model object holds languageModel (required).
        report.add("interactionModel.languageModel", "is missing", SCHEMA_DOC)
        return report.problems
    language: dict[str, Any] = interaction["languageModel"]
    invocation = language.get("invocationName")
    _check_invocation_name(invocation, report)
    intents = _objects(language.get("intents"))
    types = _objects(language.get("types"))
    custom_types = _check_types(types, intents, report)
    _check_intents(intents, report)
    _check_slots(intents, custom_types, report)
    _check_samples(intents, invocation if isinstance(invocation, str) else "", report)
    _check_dialog(interaction, intents, report)
    return report.problems


def _check_invocation_name(invocation: object, report: _Report) -> None:
    where = "invocationName"
    if not isinstance(invocation, str) or not invocation.strip():
        report.add(where, "is required", SCHEMA_DOC)
        return
    if not INVOCATION_MIN_CHARS <= len(invocation) <= INVOCATION_MAX_CHARS:
        report.add(
            where,
            f"'{invocation}' must be {INVOCATION_MIN_CHARS} to {INVOCATION_MAX_CHARS} characters",
            INVOCATION_LENGTH,
        )
    if any(char.isdigit() for char in invocation):
        # INVOCATION_DOC requirement 6: "numbers must be spelled out (for example, 'twenty one')".
        report.add(where, f"'{invocation}' contains digits; spell numbers out", INVOCATION_DOC)
    words = invocation.split(" ")
    for word in words:
        if not _INVOCATION_WORD.match(word):
            # INVOCATION_DOC requirement 6: lower-case letters, single spaces between words, possessive
            # apostrophes, and periods only in initialisms written "n. p. r.".
            report.add(
                where,
                f"'{invocation}': word '{word}' is not lower-case letters with a possessive apostrophe or an "
                "initialism letter with a period",
                INVOCATION_DOC,
            )
    plain = [word.strip(".").removesuffix("'s") for word in words]
    if len([word for word in words if word]) < 2:
        # INVOCATION_DOC requirement 2: one-word names only for a brand with documented proof of ownership,
        # which cannot be shown offline, so this project never uses one.
        report.add(where, f"'{invocation}' must have two or more words", INVOCATION_DOC)
    if len(words) == 2 and any(word in ARTICLES_AND_PREPOSITIONS for word in plain):
        report.add(
            where, f"'{invocation}': a two-word name may not use an article or a preposition", INVOCATION_DOC
        )
    for word in plain:
        if word in LAUNCH_WORDS or word in CONNECTING_WORDS:
            # INVOCATION_DOC requirement 5.
            report.add(
                where,
                f"'{invocation}' contains the launch phrase or connecting word '{word}'",
                INVOCATION_DOC,
            )
        if word in INVOCATION_FORBIDDEN_WORDS:
            report.add(
                where, f"'{invocation}' contains the wake word or reserved word '{word}'", INVOCATION_DOC
            )


def _check_intents(intents: list[dict[str, Any]], report: _Report) -> None:
    if not intents:
        report.add("intents", "at least one intent is required", SCHEMA_DOC)
        return
    seen: set[str] = set()
    custom_count = 0
    for intent in intents:
        name = intent.get("name")
        if not isinstance(name, str) or not _INTENT_NAME.match(name):
            report.add(
                f"intent {name!r}",
                "name must be letters and underscores (AMAZON. for built-ins)",
                CONSOLE_INTENT_NAME_ERROR,
            )
            continue
        if name in seen:
            report.add(f"intent {name}", "is declared twice", SCHEMA_DOC)
        seen.add(name)
        if not name.startswith("AMAZON."):
            custom_count += 1
            if not _strings(intent.get("samples")):
                # PROJECT_RULE (the developer console refuses it too): with no sample, speech can never
                # reach the intent.
                report.add(
                    f"intent {name}", "a custom intent needs at least one sample utterance", PROJECT_RULE
                )
    if custom_count == 0:
        # PROJECT_RULE: a custom skill made only of built-in intents can do nothing of its own.
        report.add("intents", "a custom model needs at least one custom intent", PROJECT_RULE)
    for required in REQUIRED_BUILTIN_INTENTS:
        if required not in seen:
            rule_source = PROJECT_RULE if required == "AMAZON.FallbackIntent" else BUILTIN_INTENTS_DOC
            report.add("intents", f"the built-in intent {required} is required", rule_source)


def _slot_type_map(intents: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    return {
        str(intent.get("name")): {
            str(slot.get("name")): str(slot.get("type")) for slot in _objects(intent.get("slots"))
        }
        for intent in intents
    }


def _check_slots(
    intents: list[dict[str, Any]], custom_types: Mapping[str, set[str]], report: _Report
) -> None:
    types_by_slot_name: dict[str, set[str]] = defaultdict(set)
    for intent in intents:
        intent_name = str(intent.get("name"))
        used = {name for sample in _strings(intent.get("samples")) for name in slot_references(sample)}
        seen: set[str] = set()
        search_query_slots = 0
        for slot in _objects(intent.get("slots")):
            name, slot_type = slot.get("name"), slot.get("type")
            where = f"intent {intent_name}: slot {name!r}"
            if not isinstance(name, str) or not _SLOT_NAME.match(name):
                report.add(
                    where,
                    "name must be letters and underscores, starting with a letter",
                    CONSOLE_INTENT_NAME_ERROR,
                )
                continue
            if name in seen:
                report.add(where, "is declared twice on the intent", SCHEMA_DOC)
            seen.add(name)
            if not isinstance(slot_type, str) or not slot_type:
                report.add(where, "has no slot type", SCHEMA_DOC)
                continue
            types_by_slot_name[name].add(slot_type)
            if slot_type == SEARCH_QUERY:
                search_query_slots += 1
            if not slot_type.startswith("AMAZON.") and slot_type not in custom_types:
                # SCHEMA_DOC: a slot's type is a built-in AMAZON. type or one of the model's custom types.
                report.add(where, f"type '{slot_type}' is neither built in nor defined in types", SCHEMA_DOC)
            if name not in used and not _strings(slot.get("samples")):
                # PROJECT_RULE (fail, not warn): a slot in no intent sample and with no slot samples can
                # never be filled, so a handler waiting for it is dead code: the model and rules drifted.
                report.add(
                    where, "is declared but used in no sample utterance and has no slot samples", PROJECT_RULE
                )
        if search_query_slots > 1:
            # Conservative: public model validators enforce one AMAZON.SearchQuery slot per intent;
            # Amazon's page on phrase slots could not be read in full here.
            report.add(
                f"intent {intent_name}", "has more than one AMAZON.SearchQuery slot", SEARCHQUERY_BUILD_ERROR
            )
    for name, slot_types in sorted(types_by_slot_name.items()):
        if len(slot_types) > 1:
            # Reported by developers (Alexa binds a slot name to one type across the model); not on Amazon's
            # pages read here. One type per name is also simply clearer for the handlers.
            report.add(
                f"slot {name}",
                f"has different types in different intents: {sorted(slot_types)}",
                PROJECT_RULE,
            )


def _check_samples(intents: list[dict[str, Any]], invocation: str, report: _Report) -> None:
    owner_of: dict[str, str] = {}
    slot_types = _slot_type_map(intents)
    for intent in intents:
        intent_name = str(intent.get("name"))
        declared = slot_types.get(intent_name, {})
        seen: set[str] = set()
        for sample in _strings(intent.get("samples")):
            where = f"intent {intent_name}: sample '{sample}'"
            _check_sample_text(sample, where, declared, invocation, report)
            refs = slot_references(sample)
            search_refs = [ref for ref in refs if declared.get(ref) == SEARCH_QUERY]
            if search_refs and not _SLOT_REFERENCE.sub("", sample).strip():
                report.add(
                    where,
                    "an AMAZON.SearchQuery slot needs a carrier phrase; a sample cannot be only slots",
                    SEARCHQUERY_BUILD_ERROR,
                )
            if search_refs and len(refs) > len(search_refs):
                # Conservative: keep AMAZON.SearchQuery alone in its sample so it cannot swallow another slot.
                report.add(
                    where,
                    "an AMAZON.SearchQuery slot may not share a sample with other slots",
                    SEARCHQUERY_BUILD_ERROR,
                )
            key = _normalise(sample)
            if key in seen:
                # PROJECT_RULE: a repeated sample adds nothing and usually means the generator looped twice.
                report.add(where, "appears twice in the intent", PROJECT_RULE)
            seen.add(key)
            other = owner_of.setdefault(key, intent_name)
            if other != intent_name:
                # PROJECT_RULE, as Amazon's utterance conflict detection reports it: the same words cannot
                # route to two intents, and which one wins is undefined.
                report.add(where, f"is also a sample of intent {other}", PROJECT_RULE)
        for slot in _objects(intent.get("slots")):
            for sample in _strings(slot.get("samples")):
                where = f"intent {intent_name}: slot {slot.get('name')}: slot sample '{sample}'"
                _check_sample_text(sample, where, declared, invocation, report)
                if slot.get("name") not in slot_references(sample):
                    # SCHEMA_DOC: slot samples are what the user says to fill that slot during elicitation.
                    report.add(where, "a slot sample must contain its own slot", SCHEMA_DOC)


def _check_sample_text(
    sample: str, where: str, declared: Mapping[str, str], invocation: str, report: _Report
) -> None:
    if not sample.strip():
        report.add(where, "is empty", SCHEMA_DOC)
        return
    if len(sample) > SAMPLE_MAX_CHARS:
        report.add(where, f"is longer than {SAMPLE_MAX_CHARS} characters (conservative limit)", PROJECT_RULE)
    if sample != sample.strip() or "  " in sample:
        report.add(where, "has leading, trailing or double spaces", PROJECT_RULE)
    refs = slot_references(sample)
    for match in _SLOT_REFERENCE.finditer(sample):
        before = sample[match.start() - 1] if match.start() > 0 else " "
        after = sample[match.end()] if match.end() < len(sample) else " "
        if not (before.isspace() and after.isspace()):
            # LEGACY_REFERENCE: "Do not add 's after the closing bracket"; a slot stands as a word of its own.
            report.add(
                where, f"slot {{{match.group(1)}}} must stand alone, separated by spaces", LEGACY_REFERENCE
            )
    for ref in refs:
        if ref not in declared:
            report.add(where, f"uses slot {{{ref}}}, which the intent does not declare", SCHEMA_DOC)
    if len(refs) != len(set(refs)):
        # Conservative: each slot once per sample; a value can only be reported once per slot.
        report.add(where, "uses the same slot twice", PROJECT_RULE)
    text = _SLOT_REFERENCE.sub(" ", sample)
    if "{" in text or "}" in text:
        report.add(where, "has an unmatched brace; slots are written {name}", LEGACY_REFERENCE)
        text = text.replace("{", " ").replace("}", " ")
    if any(char.isdigit() for char in text):
        # LEGACY_REFERENCE: "Numbers should be expressed as words and not digits ('five', not '5')".
        report.add(where, "contains digits; spell numbers out", LEGACY_REFERENCE)
    for word in text.split():
        if not any(char.isdigit() for char in word) and not _SAMPLE_WORD.match(word):
            # LEGACY_REFERENCE: no punctuation except initialism periods, possessive or contraction
            # apostrophes, and word-internal hyphens.
            report.add(
                where,
                f"'{word}' has punctuation or a special character Alexa does not accept",
                LEGACY_REFERENCE,
            )
    words = _normalise(text).split()
    if "alexa" in words:
        # CERTIFICATION_FEEDBACK: "sample utterances should not include the wake word or any launch phrasing".
        report.add(where, "contains the wake word 'alexa'", CERTIFICATION_FEEDBACK)
    if invocation and f" {_normalise(invocation)} " in f" {' '.join(words)} ":
        # Same feedback: the invocation name belongs to the launch phrase, never to a sample.
        report.add(where, "contains the invocation name", CERTIFICATION_FEEDBACK)


def _check_types(
    types: list[dict[str, Any]], intents: list[dict[str, Any]], report: _Report
) -> dict[str, set[str]]:
    """Checks the custom slot types; returns each type's spoken forms (values and synonyms, normalised)."""
    spoken_forms: dict[str, set[str]] = {}
    total_values = 0
    used_types = {str(slot.get("type")) for intent in intents for slot in _objects(intent.get("slots"))}
    for slot_type in types:
        name = slot_type.get("name")
        where = f"type {name!r}"
        if not isinstance(name, str) or not _SLOT_TYPE_NAME.match(name):
            report.add(
                where,
                "name must be letters and underscores (AMAZON. only to extend a built-in type)",
                LEGACY_REFERENCE,
            )
            continue
        if name in spoken_forms:
            report.add(where, "is defined twice", SCHEMA_DOC)
        forms: set[str] = set()
        spoken_forms[name] = forms
        if name not in used_types:
            # PROJECT_RULE: the generator derives types from the triage rules; an unused type means drift.
            report.add(where, "is defined but no slot uses it", PROJECT_RULE)
        if "valueSupplier" in slot_type:
            continue  # catalog-backed types carry no inline values to check
        values = _objects(slot_type.get("values"))
        if not values:
            report.add(where, "has no values", SCHEMA_DOC)
        ids: set[str] = set()
        with_id = sum(1 for value in values if "id" in value)
        if 0 < with_id < len(values):
            # PROJECT_RULE: a type keyed on triage rule ids gives every value one; a gap means a rule lost
            # its id on the way into the model. Types that are not rules (body parts) carry none at all.
            report.add(where, f"{with_id} of {len(values)} values have an id; give all or none", PROJECT_RULE)
        for value in values:
            entry = value["name"] if isinstance(value.get("name"), dict) else {}
            text = entry.get("value")
            value_where = f"{where}: value {text!r}"
            value_id = value.get("id")
            if value_id is None:
                pass  # SCHEMA_DOC: the id is optional; entity resolution then has only the value itself
            elif not isinstance(value_id, str) or not _VALUE_ID.match(value_id):
                # PROJECT_RULE: entity-resolution ids are the triage rule ids the skill keys on.
                report.add(
                    value_where, f"id {value_id!r} must be a rule id (letters, digits, _ . -)", PROJECT_RULE
                )
            elif value_id in ids:
                report.add(value_where, f"id '{value_id}' is used twice in the type", PROJECT_RULE)
            else:
                ids.add(value_id)
            synonyms = entry.get("synonyms", [])
            for spoken in [text, *(synonyms if isinstance(synonyms, list) else [synonyms])]:
                total_values += 1
                _check_slot_value(spoken, value_where, forms, report)
    if total_values > MAX_CUSTOM_SLOT_VALUES:
        report.add(
            "types",
            f"{total_values} custom slot values and synonyms; the limit is {MAX_CUSTOM_SLOT_VALUES}",
            LEGACY_REFERENCE,
        )
    return spoken_forms


def _check_slot_value(spoken: object, where: str, forms: set[str], report: _Report) -> None:
    if not isinstance(spoken, str) or not spoken.strip():
        report.add(where, "has an empty value or synonym", SLOT_TYPES_DOC)
        return
    if len(spoken) > SLOT_VALUE_MAX_CHARS:
        report.add(
            where,
            f"'{spoken}' is longer than {SLOT_VALUE_MAX_CHARS} characters (conservative limit)",
            PROJECT_RULE,
        )
    if not _SLOT_VALUE.match(spoken):
        report.add(
            where,
            f"'{spoken}' has a symbol that speech cannot match (only letters, digits, ' . -)",
            PROJECT_RULE,
        )
    key = _normalise(spoken)
    if key in forms:
        # PROJECT_RULE: one spoken form, one entity-resolution id; a repeat makes resolution ambiguous.
        report.add(where, f"'{spoken}' appears twice in the type (as a value or synonym)", PROJECT_RULE)
    forms.add(key)


def _check_dialog(interaction: Mapping[str, Any], intents: list[dict[str, Any]], report: _Report) -> None:
    prompts = _objects(interaction.get("prompts"))
    prompt_ids: set[str] = set()
    for prompt in prompts:
        prompt_id = prompt.get("id")
        where = f"prompt {prompt_id!r}"
        if not isinstance(prompt_id, str) or not prompt_id:
            report.add(where, "needs an id", SCHEMA_DOC)
            continue
        if prompt_id in prompt_ids:
            report.add(where, "is defined twice", SCHEMA_DOC)
        prompt_ids.add(prompt_id)
        variations = _objects(prompt.get("variations"))
        if not variations:
            report.add(where, "needs at least one variation", SCHEMA_DOC)
        for variation in variations:
            if (
                variation.get("type") not in ("PlainText", "SSML")
                or not str(variation.get("value", "")).strip()
            ):
                report.add(where, "each variation needs type PlainText or SSML and a value", SCHEMA_DOC)
    dialog = interaction.get("dialog")
    if dialog is None:
        return
    if not isinstance(dialog, dict):
        report.add("dialog", "must be an object", SCHEMA_DOC)
        return
    strategy = dialog.get("delegationStrategy")
    if strategy is not None and strategy not in ("ALWAYS", "SKILL_RESPONSE"):
        report.add("dialog", f"delegationStrategy {strategy!r} must be ALWAYS or SKILL_RESPONSE", SCHEMA_DOC)
    slot_types = _slot_type_map(intents)
    for intent in _objects(dialog.get("intents")):
        name = str(intent.get("name"))
        where = f"dialog intent {name}"
        if name not in slot_types:
            report.add(where, "is not an intent of the language model", SCHEMA_DOC)
            continue
        _check_prompt_refs(intent.get("prompts"), where, prompt_ids, report)
        if intent.get("confirmationRequired") and not _prompt_ref(intent.get("prompts"), "confirmation"):
            report.add(where, "confirmationRequired needs a confirmation prompt", SCHEMA_DOC)
        for slot in _objects(intent.get("slots")):
            slot_name = slot.get("name")
            slot_where = f"{where}: slot {slot_name!r}"
            declared = slot_types[name]
            if slot_name not in declared:
                report.add(slot_where, "is not a slot of the intent", SCHEMA_DOC)
            elif slot.get("type") not in (None, declared[str(slot_name)]):
                report.add(
                    slot_where, f"type {slot.get('type')!r} differs from the intent's slot type", SCHEMA_DOC
                )
            _check_prompt_refs(slot.get("prompts"), slot_where, prompt_ids, report)
            if slot.get("elicitationRequired") and not _prompt_ref(slot.get("prompts"), "elicitation"):
                report.add(slot_where, "elicitationRequired needs an elicitation prompt", SCHEMA_DOC)
            if slot.get("confirmationRequired") and not _prompt_ref(slot.get("prompts"), "confirmation"):
                report.add(slot_where, "confirmationRequired needs a confirmation prompt", SCHEMA_DOC)
            for validation in _objects(slot.get("validations")):
                prompt_id = validation.get("prompt")
                if prompt_id not in prompt_ids:
                    report.add(
                        slot_where, f"validation prompt {prompt_id!r} is not defined in prompts", SCHEMA_DOC
                    )


def _prompt_ref(prompts: object, kind: str) -> str | None:
    value = prompts.get(kind) if isinstance(prompts, dict) else None
    return value if isinstance(value, str) and value else None


def _check_prompt_refs(prompts: object, where: str, prompt_ids: set[str], report: _Report) -> None:
    if not isinstance(prompts, dict):
        return
    for kind, prompt_id in sorted(prompts.items()):
        if prompt_id not in prompt_ids:
            report.add(where, f"{kind} prompt {prompt_id!r} is not defined in prompts", SCHEMA_DOC)


# --- Example phrases ---------------------------------------------------------------------------------


def match_example_phrase(phrase: str, model: Mapping[str, Any]) -> str | None:
    """The intent an example phrase reaches ("LaunchRequest" for a bare launch), or None if no sample matches.

    The phrase is "Alexa, <launch phrase with the invocation name> <request>" (EXAMPLE_PHRASES_BLOG); the
    request must match a sample utterance, a slot standing for one or more words, and a custom slot's words
    must be one of that type's values or synonyms (CUSTOM_SLOT_PHRASES_BLOG). The launch phrase and the
    sample match are the simulator's own, in their strict forms.
    """
    return example_phrase_matcher(model)(phrase)


def example_phrase_matcher(model: Mapping[str, Any]) -> Callable[[str], str | None]:
    """`match_example_phrase` for one model's phrases: the model is read and its samples compiled once."""
    try:
        parsed = parse_model(model, Path("interaction model"))
    except ModelError:
        return lambda _phrase: None
    resolver = Resolver(parsed)

    def match(phrase: str) -> str | None:
        if not _normalise(phrase).startswith(WAKE_PREFIX):
            return None
        request = phrase.strip()[len(WAKE_PREFIX) :]
        invocation = parse_invocation(request, parsed.invocation_name, strict=True)
        if invocation.kind == "launch":
            return "LaunchRequest"
        if invocation.kind == "utterance":
            return None
        found = resolver.sample_match(invocation.readings)
        return None if found is None else found.name

    return match
