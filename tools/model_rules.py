"""Offline checks of Amazon's build and publishing rules for interaction models and skill.json.

Each check names its rule and where it is written; nothing here talks to Amazon or needs the ASK SDK.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

# --- Sources. Every check cites one of these tags; SOURCES says where the rule is written. ----------------
INVOCATION_DOC: Final = "invocation-name-requirements"
INVOKE_DOC: Final = "how-users-invoke-custom-skills"
SCHEMA_DOC: Final = "interaction-model-schema"
LEGACY_REFERENCE: Final = "interaction-model-reference"
SLOT_TYPES_DOC: Final = "custom-slot-types"
MANIFEST_DOC: Final = "skill-manifest-schema"
CONSOLE_DOC: Final = "developer-console-distribution"
POLICY_DOC: Final = "policy-requirements"
HIPAA_DOC: Final = "hipaa-eligible-skills"
APL_DOC: Final = "apl-interface"
BUILTIN_INTENTS_DOC: Final = "standard-built-in-intents"
EXAMPLE_PHRASES_BLOG: Final = "example-phrases"
CUSTOM_SLOT_PHRASES_BLOG: Final = "example-phrases-custom-slots"
SEARCHQUERY_BUILD_ERROR: Final = "searchquery-carrier-phrase"
CONSOLE_INTENT_NAME_ERROR: Final = "intent-name-rule"
INVOCATION_LENGTH: Final = "invocation-name-length"
CERTIFICATION_FEEDBACK: Final = "certification-feedback"
SMAPI_MODEL: Final = "ask-smapi-model"
PROJECT_RULE: Final = "project-rule"

_AMAZON_DOCS: Final = "https://developer.amazon.com/en-US/docs/alexa"
SOURCES: Final[Mapping[str, str]] = {
    INVOCATION_DOC: f"{_AMAZON_DOCS}/custom-skills/choose-the-invocation-name-for-a-custom-skill.html",
    INVOKE_DOC: f"{_AMAZON_DOCS}/custom-skills/understanding-how-users-invoke-custom-skills.html",
    SCHEMA_DOC: f"{_AMAZON_DOCS}/smapi/interaction-model-schema.html",
    # The legacy "Custom Interaction Model Reference" wrote down the sample utterance and slot type name
    # rules; it now redirects to create-the-interaction-model-for-your-skill.html, and public copies keep
    # the text verbatim.
    LEGACY_REFERENCE: "https://developer.amazon.com/public/solutions/alexa/alexa-skills-kit/docs/"
    "alexa-skills-kit-interaction-model-reference",
    SLOT_TYPES_DOC: f"{_AMAZON_DOCS}/custom-skills/create-and-edit-custom-slot-types.html",
    MANIFEST_DOC: f"{_AMAZON_DOCS}/smapi/skill-manifest.html",
    CONSOLE_DOC: f"{_AMAZON_DOCS}/devconsole/launch-your-skill.html (limits as the console enforces them)",
    POLICY_DOC: f"{_AMAZON_DOCS}/custom-skills/policy-requirements-for-an-alexa-skill.html",
    HIPAA_DOC: f"{_AMAZON_DOCS}/custom-skills/requirements-for-hipaa-eligible-skills.html",
    APL_DOC: f"{_AMAZON_DOCS}/alexa-presentation-language/apl-support-for-your-skill.html",
    BUILTIN_INTENTS_DOC: f"{_AMAZON_DOCS}/custom-skills/standard-built-in-intents.html",
    EXAMPLE_PHRASES_BLOG: "https://developer.amazon.com/en-US/blogs/alexa/post/74d0ed59-ad4f-470a-abcf-d37c10a1dfd6/"
    "crafting-great-example-phrases-that-meet-certification-requirement",
    CUSTOM_SLOT_PHRASES_BLOG: "https://developer.amazon.com/blogs/alexa/post/Tx3J3K6VCRJ6T1X/"
    "alexa-skills-kit-certification-tips-examples-phrases-and-sample-utterances",
    # Not Amazon pages, but the most direct evidence found; the checks resting on them are conservative.
    SEARCHQUERY_BUILD_ERROR: "model build error MissingCarrierPhraseWithPhraseSlot, 'Sample intent "
    "utterances with phrase types cannot consist of only slots', as quoted in public skill repositories",
    CONSOLE_INTENT_NAME_ERROR: "developer console message 'it can only contain case-insensitive "
    "alphabetical characters and underscores, and it must begin and end with an alphabetic character', "
    "as quoted in public tests",
    INVOCATION_LENGTH: "build error 'Invocation name must be between 2 and 50 characters', as enforced "
    "by the Jovo framework's model converter",
    CERTIFICATION_FEEDBACK: "Amazon certification feedback quoted in public trackers "
    "(github.com/gitcheckoutnikhil/subtracker/issues/9, pastebin.com/7Dne0Ln7)",
    SMAPI_MODEL: "ask-smapi-model 1.36.0, ask_smapi_model.v1.skill.manifest (the SMAPI schema in Python)",
    PROJECT_RULE: "this project's own rule; the comment at the check says why",
}

# --- Word lists ---------------------------------------------------------------------------------------------
# INVOCATION_DOC, requirement 5: launch phrases and connecting words must not appear in the invocation name.
LAUNCH_WORDS: Final = frozenset(
    {"run", "start", "play", "resume", "use", "launch", "ask", "open", "tell", "load", "begin", "enable"}
)
CONNECTING_WORDS: Final = frozenset(
    {"to", "from", "in", "using", "with", "about", "for", "that", "by", "if", "and", "whether"}
)
# INVOCATION_DOC: "must not contain the wake words 'Alexa,' 'Amazon,' 'Echo,' or the words 'skill' or 'app'".
# "computer" appears in Amazon's own sample-skill instructions of the same rule; "ziggy" is the newest wake
# word. Both are added to be safe: a name containing any wake word cannot be spoken reliably.
INVOCATION_FORBIDDEN_WORDS: Final = frozenset(
    {"alexa", "amazon", "echo", "computer", "ziggy", "skill", "app"}
)
# INVOCATION_DOC, requirement 4: two-word names may not use an article or a preposition.
ARTICLES_AND_PREPOSITIONS: Final = frozenset(
    {"the", "a", "an", "for", "to", "of", "about", "up", "by", "at", "off", "with"}
)

# Built-in intents every model here must carry (BUILTIN_INTENTS_DOC: "include the intent in your intent
# schema"; no sample utterances are needed). The developer console marks Stop, Cancel and Help as required
# and adds NavigateHome to every custom model; certification tests that help, stop and cancel work.
# FallbackIntent is Amazon's recommendation and a PROJECT_RULE here: a health skill must not route unknown
# speech into a medical answer.
REQUIRED_BUILTIN_INTENTS: Final = (
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
)

SEARCH_QUERY: Final = "AMAZON.SearchQuery"

# Lengths. Where Amazon documents no number, the limit is conservative and says so.
INVOCATION_MIN_CHARS: Final = 2  # INVOCATION_LENGTH
INVOCATION_MAX_CHARS: Final = 50
SAMPLE_MAX_CHARS: Final = 200  # not documented for Alexa; Amazon Lex's limit, far above any natural phrase
SLOT_VALUE_MAX_CHARS: Final = 140  # not documented for Alexa; Amazon Lex's limit for a slot value
MAX_CUSTOM_SLOT_VALUES: Final = 50_000  # LEGACY_REFERENCE: "a total of 50,000 custom slot values" per skill
NAME_MAX_CHARS: Final = 50  # CONSOLE_DOC field limits (public name), not visible in the stored copy
SUMMARY_MAX_CHARS: Final = 160  # CONSOLE_DOC "one sentence description"
DESCRIPTION_MAX_CHARS: Final = 4000  # CONSOLE_DOC "detailed description"
MAX_EXAMPLE_PHRASES: Final = 3  # MANIFEST_DOC / SMAPI_MODEL: "Three example phrases"
MAX_KEYWORDS: Final = 30  # CONSOLE_DOC; number not visible in the stored copy

# SMAPI_MODEL InterfaceType enum, plus the discriminator names the same package knows.
KNOWN_INTERFACE_TYPES: Final = frozenset(
    {
        "AUDIO_PLAYER",
        "VIDEO_APP",
        "RENDER_TEMPLATE",
        "GAME_ENGINE",
        "GADGET_CONTROLLER",
        "CAN_FULFILL_INTENT_REQUEST",
        "ALEXA_PRESENTATION_APL",
        "ALEXA_PRESENTATION_HTML",
        "ALEXA_CAMERA_PHOTO_CAPTURE_CONTROLLER",
        "ALEXA_CAMERA_VIDEO_CAPTURE_CONTROLLER",
        "ALEXA_FILE_MANAGER_UPLOAD_CONTROLLER",
        "CUSTOM_INTERFACE",
        "ALEXA_AUGMENTATION_EFFECTS_CONTROLLER",
        "APP_LINKS",
        "APP_LINKS_V2",
        "ALEXA_EXTENSION",
        "ALEXA_SEARCH",
        "ALEXA_DATASTORE_PACKAGEMANAGER",
        "ALEXA_DATA_STORE",
        "CUSTOMER_UTTERANCE_TRANSCRIPT",
    }
)
# The flags the developer console's Privacy & Compliance page asks; certification needs every answer.
PRIVACY_FLAGS: Final = (
    "allowsPurchases",
    "usesPersonalInfo",
    "isChildDirected",
    "isExportCompliant",
    "containsAds",
)

# Example phrases: how users combine a launch phrase with the invocation name (INVOKE_DOC, English table).
# "ask <name> [to|about|for|if|whether] <request>", "tell <name> [to|that] <request>",
# "<open|start|...> <name> [and <request>]", "<request> <using|with|from|in|on|by> <name>", "<name>".
ASK_CONNECTORS: Final = ("to", "about", "for", "if", "whether")
TELL_CONNECTORS: Final = ("to", "that")
OPEN_VERBS: Final = ("open", "start", "launch", "begin", "load", "run", "resume", "play", "use", "talk to")
SUFFIX_CONNECTORS: Final = ("using", "with", "from", "in", "on", "by")
WAKE_PREFIX: Final = "alexa, "

# --- Patterns ---------------------------------------------------------------------------------------------
# CONSOLE_INTENT_NAME_ERROR: letters and underscores, first and last character a letter; built-ins carry the
# AMAZON. namespace (SCHEMA_DOC lists built-ins that way).
_INTENT_NAME = re.compile(r"^(?:AMAZON\.)?[A-Za-z]+(?:_[A-Za-z]+)*$")
# LEGACY_REFERENCE: "The name of a custom slot type can contain alphabetic characters only. The only special
# character allowed is the underscore. The dot character is allowed, but only when extending one of the
# built-in types" (AMAZON.X). Slot names follow the same character set (letters and underscores).
_SLOT_TYPE_NAME = re.compile(r"^(?:AMAZON\.)?[A-Za-z][A-Za-z_]*$")
_SLOT_NAME = re.compile(r"^[A-Za-z][A-Za-z_]*$")
_SLOT_REFERENCE = re.compile(r"\{([^{}]*)\}")
_LETTERS = r"[^\W\d_]+"
# LEGACY_REFERENCE sample utterance rules: words are letters; apostrophes only in possessives and
# contractions ("romeo's", "i'm"); hyphens only word-internal ("man-eating"); periods only after the letters
# of an initialism ("n. b. a."). Numbers are spelled out and no other punctuation is allowed.
_SAMPLE_WORD = re.compile(
    rf"^(?:{_LETTERS}(?:'{_LETTERS})*(?:-{_LETTERS}(?:'{_LETTERS})*)*(?:(?<=[sS])')?|[^\W\d_]\.)$"
)
# INVOCATION_DOC requirement 6: lower-case letters, possessive apostrophes, and periods in initialisms only.
_INVOCATION_WORD = re.compile(r"^(?:[a-z]+(?:'[a-z]+)*(?:(?<=s)')?|[a-z]\.)$")
# PROJECT_RULE for slot values: digits are fine (LEGACY_REFERENCE allows values "in different forms"), but
# symbols such as & / + # are spoken unpredictably and make entity resolution miss.
_SLOT_VALUE = re.compile(r"^[^\W_]+(?:[ '.\-][^\W_]*)*$")
# PROJECT_RULE: entity-resolution ids carry the triage rule ids; keep them identifier-like.
_VALUE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_LAMBDA_ARN = re.compile(
    r"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9_$-]+)?$"
)
_CATEGORY = re.compile(r"^[A-Z][A-Z_]*[A-Z]$")
_ICON_FILE = re.compile(r"^file://(assets/images/[A-Za-z0-9._/-]+\.(?:png|PNG))$")


@dataclass
class _Report:
    """Collects problems, each naming the file, the place and the rule."""

    source: str
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, rule: str, source_tag: str) -> None:
        self.problems.append(f"{self.source}: {where}: {rule} [{source_tag}]")


def _objects(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _normalise(text: str) -> str:
    """Case and spacing do not make two utterances different for Alexa."""
    return " ".join(text.lower().split())


def slot_references(sample: str) -> list[str]:
    """The slot names a sample utterance uses, in order (`{name}`)."""
    return _SLOT_REFERENCE.findall(sample)


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
    must be one of that type's values or synonyms (CUSTOM_SLOT_PHRASES_BLOG).
    """
    interaction = model.get("interactionModel")
    language = interaction.get("languageModel") if isinstance(interaction, dict) else None
    if not isinstance(language, dict):
        return None
    invocation = _normalise(str(language.get("invocationName", "")))
    text = _normalise(phrase).rstrip(".?!")
    if not invocation or not text.startswith(WAKE_PREFIX):
        return None
    requests = _requests_in(text.removeprefix(WAKE_PREFIX).strip(), invocation)
    if requests is None:
        return None
    if "" in requests:
        return "LaunchRequest"
    intents = _objects(language.get("intents"))
    spoken_forms = _type_forms(_objects(language.get("types")))
    for intent in intents:
        slot_types = {str(slot.get("name")): str(slot.get("type")) for slot in _objects(intent.get("slots"))}
        for sample in _strings(intent.get("samples")):
            # Words compare without case; slot names keep theirs, they key the slot types.
            tokens = [
                token if _SLOT_REFERENCE.fullmatch(token) else token.lower() for token in sample.split()
            ]
            for request in requests:
                if _tokens_match(tokens, request.split(), slot_types, spoken_forms):
                    return str(intent.get("name"))
    return None


def _requests_in(text: str, invocation: str) -> list[str] | None:
    """The request(s) a launch phrase leaves, trying each pattern of INVOKE_DOC; None if none fits."""
    if text == invocation:
        return [""]
    candidates: list[str] = []
    for verb in ("ask", "tell", *OPEN_VERBS):
        lead = f"{verb} {invocation}"
        if text == lead:
            return [""]
        if not text.startswith(lead + " "):
            continue
        rest = text.removeprefix(lead + " ")
        connectors = ASK_CONNECTORS if verb == "ask" else TELL_CONNECTORS if verb == "tell" else ("and",)
        if verb in ("ask", "tell"):
            candidates.append(rest)  # "ask <name> what causes ..." needs no connecting word
        for connector in connectors:
            if rest.startswith(connector + " "):
                candidates.append(rest.removeprefix(connector + " "))
    for connector in SUFFIX_CONNECTORS:
        tail = f" {connector} {invocation}"
        if text.endswith(tail):
            candidates.append(text.removesuffix(tail))
    return candidates or None


def _type_forms(types: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for slot_type in types:
        spoken: set[str] = set()
        for value in _objects(slot_type.get("values")):
            entry = value.get("name")
            if isinstance(entry, dict):
                spoken.update(
                    _normalise(text)
                    for text in [entry.get("value"), *_strings(entry.get("synonyms"))]
                    if isinstance(text, str)
                )
        forms[str(slot_type.get("name"))] = spoken
    return forms


def _tokens_match(
    sample: Sequence[str], words: Sequence[str], slot_types: Mapping[str, str], forms: Mapping[str, set[str]]
) -> bool:
    if not sample:
        return not words
    head, rest = sample[0], sample[1:]
    slot = _SLOT_REFERENCE.fullmatch(head)
    if slot is None:
        return bool(words) and words[0] == head and _tokens_match(rest, words[1:], slot_types, forms)
    slot_type = slot_types.get(slot.group(1), "")
    allowed = forms.get(slot_type)  # None for built-in types: any words will do
    for end in range(1, len(words) - len(rest) + 1):
        value = " ".join(words[:end])
        if (allowed is None or value in allowed) and _tokens_match(rest, words[end:], slot_types, forms):
            return True
    return False


# --- skill.json ------------------------------------------------------------------------------------------


def check_skill_manifest(
    manifest: Mapping[str, Any],
    models: Mapping[str, Mapping[str, Any]],
    *,
    package_dir: Path | None = None,
    for_certification: bool = False,
    source: str = "skill.json",
) -> list[str]:
    """Every problem with skill.json, given each locale's interaction model (keyed by locale, e.g. "en-US").

    `package_dir` (the skill-package directory) lets file:// icons be checked; `for_certification` also
    requires what only submission needs (icons and an endpoint), which a first `ask deploy` can do without.
    """
    report = _Report(source)
    body = manifest.get("manifest")
    if not isinstance(body, dict):
        report.add("manifest", "the top-level 'manifest' object is missing", MANIFEST_DOC)
        return report.problems
    if body.get("manifestVersion") != "1.0":
        # SMAPI_MODEL: ManifestVersion has the single value "1.0".
        report.add("manifest.manifestVersion", f'{body.get("manifestVersion")!r} must be "1.0"', SMAPI_MODEL)
    publishing = body.get("publishingInformation")
    publishing = publishing if isinstance(publishing, dict) else {}
    locales = publishing.get("locales")
    locales = locales if isinstance(locales, dict) else {}
    if not locales:
        report.add("publishingInformation.locales", "at least one locale is required", MANIFEST_DOC)
    for locale in sorted(set(models) - set(locales)):
        report.add(
            f"publishingInformation.locales.{locale}",
            "has an interaction model but no publishing information, so it would never be offered",
            MANIFEST_DOC,
        )
    for locale, info in sorted(locales.items()):
        where = f"publishingInformation.locales.{locale}"
        if not isinstance(info, dict):
            report.add(where, "must be an object", MANIFEST_DOC)
            continue
        model = models.get(locale)
        if model is None:
            report.add(where, "has no interaction model for the locale", MANIFEST_DOC)
        _check_locale_listing(info, where, model, report, package_dir, for_certification)
    _check_publishing(publishing, report)
    _check_privacy(body.get("privacyAndCompliance"), locales, publishing, report)
    _check_apis(body.get("apis"), report, for_certification)
    return report.problems


def _check_locale_listing(
    info: Mapping[str, Any],
    where: str,
    model: Mapping[str, Any] | None,
    report: _Report,
    package_dir: Path | None,
    for_certification: bool,
) -> None:
    limits = (
        ("name", NAME_MAX_CHARS),
        ("summary", SUMMARY_MAX_CHARS),
        ("description", DESCRIPTION_MAX_CHARS),
    )
    for key, limit in limits:
        text = info.get(key)
        if not isinstance(text, str) or not text.strip():
            report.add(f"{where}.{key}", "is required", CONSOLE_DOC)
        elif len(text) > limit:
            report.add(f"{where}.{key}", f"has {len(text)} characters; the limit is {limit}", CONSOLE_DOC)
        elif re.search(r"\balexa skill\b", text, re.IGNORECASE):
            # POLICY_DOC 1a: do not refer to a skill as an "Alexa skill" (it implies endorsement by Amazon).
            report.add(f"{where}.{key}", "calls the skill an 'Alexa skill'", POLICY_DOC)
    keywords = info.get("keywords", [])
    if not isinstance(keywords, list) or any(
        not isinstance(word, str) or not word.strip() for word in keywords
    ):
        report.add(f"{where}.keywords", "must be a list of non-empty strings", MANIFEST_DOC)
    elif len(keywords) > MAX_KEYWORDS:
        report.add(
            f"{where}.keywords", f"has {len(keywords)} keywords; the limit is {MAX_KEYWORDS}", CONSOLE_DOC
        )
    for key in ("smallIconUri", "largeIconUri"):
        uri = info.get(key)
        if uri is None:
            if for_certification:
                report.add(f"{where}.{key}", "is required for certification", CONSOLE_DOC)
            continue
        file_icon = _ICON_FILE.match(uri) if isinstance(uri, str) else None
        if file_icon is not None:
            if package_dir is not None and not (package_dir / file_icon.group(1)).is_file():
                report.add(f"{where}.{key}", f"{uri} does not exist in the skill package", CONSOLE_DOC)
        elif not (isinstance(uri, str) and uri.startswith("https://")):
            # MANIFEST_DOC: icons are https URLs, or (ASK CLI skill package) file://assets/images/<name>.png.
            report.add(
                f"{where}.{key}", f"{uri!r} must be https:// or file://assets/images/<name>.png", MANIFEST_DOC
            )
    phrases = info.get("examplePhrases")
    phrases = _strings(phrases) if isinstance(phrases, list) else []
    if not 1 <= len(phrases) <= MAX_EXAMPLE_PHRASES:
        report.add(f"{where}.examplePhrases", f"needs 1 to {MAX_EXAMPLE_PHRASES} phrases", MANIFEST_DOC)
    if len({_normalise(phrase) for phrase in phrases}) != len(phrases):
        report.add(f"{where}.examplePhrases", "has a phrase twice", EXAMPLE_PHRASES_BLOG)
    for phrase in phrases:
        phrase_where = f"{where}.examplePhrases '{phrase}'"
        if not phrase.startswith("Alexa, "):
            # EXAMPLE_PHRASES_BLOG: [Wake Word], [Launch Word] [Invocation Name] [Connecting Word] [Utterance]
            report.add(phrase_where, "must start with the wake word: 'Alexa, '", EXAMPLE_PHRASES_BLOG)
        elif model is not None and match_example_phrase(phrase, model) is None:
            report.add(
                phrase_where,
                "is not a supported launch phrase with the invocation name followed by a "
                "sample utterance of the model",
                EXAMPLE_PHRASES_BLOG,
            )


def _check_publishing(publishing: Mapping[str, Any], report: _Report) -> None:
    where = "publishingInformation"
    category = publishing.get("category")
    if not isinstance(category, str) or not _CATEGORY.match(category):
        # MANIFEST_DOC: the store category, an upper-case enum value such as HEALTH_AND_FITNESS.
        report.add(f"{where}.category", f"{category!r} must be a category enum value", MANIFEST_DOC)
    worldwide = publishing.get("isAvailableWorldwide")
    countries = _strings(publishing.get("distributionCountries"))
    if worldwide is False and not countries:
        # MANIFEST_DOC: when isAvailableWorldwide is false the countries go in distributionCountries.
        report.add(
            f"{where}.distributionCountries",
            "must list countries when isAvailableWorldwide is false",
            MANIFEST_DOC,
        )
    if any(not re.fullmatch(r"[A-Z]{2}", country) for country in countries):
        report.add(f"{where}.distributionCountries", "must be ISO 3166-1 alpha-2 codes", MANIFEST_DOC)
    mode = publishing.get("distributionMode")
    if mode is not None and mode not in ("PUBLIC", "PRIVATE"):
        report.add(f"{where}.distributionMode", f"{mode!r} must be PUBLIC or PRIVATE", SMAPI_MODEL)


def _check_privacy(
    privacy: object, locales: Mapping[str, Any], publishing: Mapping[str, Any], report: _Report
) -> None:
    where = "privacyAndCompliance"
    if not isinstance(privacy, dict):
        report.add(where, "is required", MANIFEST_DOC)
        return
    for flag in PRIVACY_FLAGS:
        if not isinstance(privacy.get(flag), bool):
            # CONSOLE_DOC: every Privacy & Compliance question needs an answer before submission.
            report.add(f"{where}.{flag}", "must be true or false", CONSOLE_DOC)
    health = privacy.get("usesHealthInfo", False)
    if not isinstance(health, bool):
        report.add(f"{where}.usesHealthInfo", "must be true or false", SMAPI_MODEL)
    policy_locales = privacy.get("locales")
    if privacy.get("usesPersonalInfo") is True or health is True:
        for locale in sorted(locales):
            localized = policy_locales.get(locale) if isinstance(policy_locales, dict) else None
            url = localized.get("privacyPolicyUrl") if isinstance(localized, dict) else None
            if not (isinstance(url, str) and url.startswith("https://")):
                # CONSOLE_DOC: a skill that collects personal information must link a privacy policy.
                report.add(
                    f"{where}.locales.{locale}.privacyPolicyUrl",
                    "is required when the skill collects personal or health information",
                    CONSOLE_DOC,
                )
    if health is True:
        # SMAPI_MODEL: usesHealthInfo means a HIPAA covered entity or business associate processing PHI.
        # HIPAA_DOC: such skills are distributed in the United States only and are never child directed.
        if publishing.get("isAvailableWorldwide") is not False or _strings(
            publishing.get("distributionCountries")
        ) != ["US"]:
            report.add(
                f"{where}.usesHealthInfo", "a HIPAA-eligible skill is distributed in the US only", HIPAA_DOC
            )
        if privacy.get("isChildDirected") is not False:
            report.add(
                f"{where}.usesHealthInfo", "a HIPAA-eligible skill must not be child directed", HIPAA_DOC
            )


def _check_apis(apis: object, report: _Report, for_certification: bool) -> None:
    custom = apis.get("custom") if isinstance(apis, dict) else None
    if not isinstance(custom, dict):
        report.add("apis.custom", "is required for a custom skill", MANIFEST_DOC)
        return
    endpoint = custom.get("endpoint")
    if endpoint is None:
        if for_certification:
            report.add("apis.custom.endpoint", "is required for certification", MANIFEST_DOC)
    elif not isinstance(endpoint, dict) or not isinstance(endpoint.get("uri"), str):
        report.add("apis.custom.endpoint", "needs a uri", MANIFEST_DOC)
    else:
        uri = endpoint["uri"]
        if uri.startswith("https://"):
            if endpoint.get("sslCertificateType") not in ("Trusted", "Wildcard", "SelfSigned"):
                report.add("apis.custom.endpoint", "an https endpoint needs sslCertificateType", SMAPI_MODEL)
        elif not _LAMBDA_ARN.match(uri):
            report.add(
                "apis.custom.endpoint.uri",
                f"{uri!r} is neither a Lambda function ARN nor an https URL",
                MANIFEST_DOC,
            )
    seen: set[str] = set()
    for interface in _objects(custom.get("interfaces")):
        kind = interface.get("type")
        where = f"apis.custom.interfaces {kind!r}"
        if kind not in KNOWN_INTERFACE_TYPES:
            report.add(where, "is not an interface type SMAPI knows", SMAPI_MODEL)
        if kind in seen:
            report.add(where, "is listed twice", MANIFEST_DOC)
        seen.add(str(kind))
        if kind == "ALEXA_PRESENTATION_APL":
            for viewport in _objects(interface.get("supportedViewports")):
                _check_viewport(viewport, where, report)


def _check_viewport(viewport: Mapping[str, Any], where: str, report: _Report) -> None:
    # APL_DOC: each supported viewport names a mode and a shape and its width and height ranges; the enum
    # values are SMAPI_MODEL's ViewportMode and ViewportShape.
    if viewport.get("mode") not in ("HUB", "TV", "MOBILE", "PC", "AUTO"):
        report.add(where, f"viewport mode {viewport.get('mode')!r} is not a ViewportMode", SMAPI_MODEL)
    if viewport.get("shape") not in ("RECTANGLE", "ROUND"):
        report.add(where, f"viewport shape {viewport.get('shape')!r} is not a ViewportShape", SMAPI_MODEL)
    for low, high in (("minWidth", "maxWidth"), ("minHeight", "maxHeight")):
        lo, hi = viewport.get(low), viewport.get(high)
        if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
            report.add(where, f"{low} {lo} is greater than {high} {hi}", APL_DOC)


def check_health_disclaimer(manifest: Mapping[str, Any], emergency_numbers: Mapping[str, str]) -> list[str]:
    """A health skill's description must carry the medical disclaimer and the locale's emergency number.

    CERTIFICATION_FEEDBACK: "This is a health-related skill and does not include a disclaimer in the skill
    description stating that the skill is not a substitute for professional advice."
    """
    report = _Report("skill.json")
    body = manifest.get("manifest")
    publishing = body.get("publishingInformation") if isinstance(body, dict) else None
    locales = publishing.get("locales") if isinstance(publishing, dict) else None
    if not isinstance(locales, dict) or not locales:
        report.add("publishingInformation.locales", "no locale carries a description", MANIFEST_DOC)
        return report.problems
    for locale, info in sorted(locales.items()):
        where = f"publishingInformation.locales.{locale}.description"
        description = str(info.get("description", "")) if isinstance(info, dict) else ""
        if "not a substitute for professional medical advice" not in " ".join(description.lower().split()):
            report.add(
                where,
                "must say the skill is not a substitute for professional medical advice",
                CERTIFICATION_FEEDBACK,
            )
        number = emergency_numbers.get(locale)
        if number is None:
            report.add(where, "no emergency number is known for this locale", PROJECT_RULE)
        elif not re.search(rf"(?<!\d){re.escape(number)}(?!\d)", description):
            report.add(where, f"must name the local emergency number {number}", PROJECT_RULE)
    return report.problems


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
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent
    problems = list(_all_problems(root))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
