"""Tests for tools/model_rules.py: a bad fixture per rule, a good fixture that passes, and the real models."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import model_rules
from chat_support import LOCALES
from model_rules import (
    REQUIRED_BUILTIN_INTENTS,
    SOURCES,
    check_health_disclaimer,
    check_interaction_model,
    check_skill_manifest,
    match_example_phrase,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "model_rules"
REAL_MODELS = sorted((ROOT / "interaction_models").glob("*.json"))

Model = dict[str, Any]
Mutation = Callable[[Model], None]


@pytest.fixture
def good_model() -> Model:
    return json.loads((FIXTURES / "good_model.json").read_text(encoding="utf-8"))


@pytest.fixture
def good_manifest() -> Model:
    return json.loads((FIXTURES / "good_manifest.json").read_text(encoding="utf-8"))


def language(model: Model) -> Model:
    return model["interactionModel"]["languageModel"]


def intent(model: Model, name: str) -> Model:
    return next(item for item in language(model)["intents"] if item["name"] == name)


def slot_type(model: Model, name: str) -> Model:
    return next(item for item in language(model)["types"] if item["name"] == name)


def tag_of(problem: str) -> str:
    found = re.search(r"\[([a-z-]+)\]$", problem)
    assert found, f"problem names no rule source: {problem}"
    return found.group(1)


# --- mutation helpers: each returns a function that breaks one thing in the good fixture ------------------


def set_invocation(name: object) -> Mutation:
    return lambda model: language(model).__setitem__("invocationName", name)


def add_sample(intent_name: str, sample: str) -> Mutation:
    return lambda model: intent(model, intent_name)["samples"].append(sample)


def set_samples(intent_name: str, samples: list[str]) -> Mutation:
    return lambda model: intent(model, intent_name).__setitem__("samples", samples)


def add_intent(new_intent: Model) -> Mutation:
    return lambda model: language(model)["intents"].append(new_intent)


def remove_intent(name: str) -> Mutation:
    def mutate(model: Model) -> None:
        language(model)["intents"] = [item for item in language(model)["intents"] if item["name"] != name]

    return mutate


def add_slot(intent_name: str, slot: Model) -> Mutation:
    return lambda model: intent(model, intent_name).setdefault("slots", []).append(slot)


def add_value(type_name: str, value: Model) -> Mutation:
    return lambda model: slot_type(model, type_name)["values"].append(value)


def add_type(new_type: Model) -> Mutation:
    return lambda model: language(model)["types"].append(new_type)


def dialog_slot(model: Model) -> Model:
    return model["interactionModel"]["dialog"]["intents"][0]["slots"][0]


def many_values(count: int) -> Mutation:
    values = [{"id": f"v{number}", "name": {"value": f"value {number}"}} for number in range(count)]
    return lambda model: slot_type(model, "Cause")["values"].extend(values)


def value(value_id: object, text: object, synonyms: list[str] | None = None) -> Model:
    return {"id": value_id, "name": {"value": text, "synonyms": synonyms or []}}


def missing_language_model(model: Model) -> None:
    del model["interactionModel"]["languageModel"]


def duplicate_slot_on_intent(model: Model) -> None:
    slots = intent(model, "CausesIntent")["slots"]
    slots.append(copy.deepcopy(slots[0]))


def conflicting_slot_type(model: Model) -> None:
    next(slot for slot in intent(model, "ReportSymptomIntent")["slots"] if slot["name"] == "bodyPart")[
        "type"
    ] = "Cause"


# Short names for the rule sources each case must cite.
SCHEMA = model_rules.SCHEMA_DOC
LENGTH = model_rules.INVOCATION_LENGTH
INVOCATION = model_rules.INVOCATION_DOC
NAMES = model_rules.CONSOLE_INTENT_NAME_ERROR
PROJECT = model_rules.PROJECT_RULE
BUILTINS = model_rules.BUILTIN_INTENTS_DOC
SEARCHQUERY = model_rules.SEARCHQUERY_BUILD_ERROR
REFERENCE = model_rules.LEGACY_REFERENCE
FEEDBACK = model_rules.CERTIFICATION_FEEDBACK
SLOT_TYPES = model_rules.SLOT_TYPES_DOC
MANIFEST = model_rules.MANIFEST_DOC
SMAPI = model_rules.SMAPI_MODEL
CONSOLE = model_rules.CONSOLE_DOC
POLICY = model_rules.POLICY_DOC
PHRASES = model_rules.EXAMPLE_PHRASES_BLOG
HIPAA = model_rules.HIPAA_DOC
APL = model_rules.APL_DOC


# Each case: (id, mutation, a fragment the problem must contain, the rule source tag it must cite).
MODEL_CASES: list[tuple[str, Mutation, str, str]] = [
    ("no-language-model", missing_language_model, "interactionModel.languageModel: is missing", SCHEMA),
    # Invocation name (choose-the-invocation-name-for-a-custom-skill.html).
    ("invocation-missing", set_invocation(""), "invocationName: is required", SCHEMA),
    ("invocation-too-long", set_invocation("muscle twitch guide " * 3), "must be 2 to 50 characters", LENGTH),
    ("invocation-digits", set_invocation("twitch guide two thousand and 1"), "contains digits", INVOCATION),
    (
        "invocation-upper-case",
        set_invocation("Muscle Twitch Guide"),
        "word 'Muscle' is not lower-case",
        INVOCATION,
    ),
    ("invocation-period-in-word", set_invocation("twitch guide inc."), "word 'inc.' is not", INVOCATION),
    ("invocation-hyphen", set_invocation("twitch-guide helper"), "word 'twitch-guide' is not", INVOCATION),
    ("invocation-double-space", set_invocation("twitch  guide"), "word '' is not", INVOCATION),
    ("invocation-one-word", set_invocation("twitches"), "must have two or more words", INVOCATION),
    (
        "invocation-two-words-article",
        set_invocation("the twitches"),
        "may not use an article or a preposition",
        INVOCATION,
    ),
    (
        "invocation-launch-word",
        set_invocation("open twitch guide"),
        "launch phrase or connecting word 'open'",
        INVOCATION,
    ),
    (
        "invocation-connecting-word",
        set_invocation("guide for twitching muscles"),
        "connecting word 'for'",
        INVOCATION,
    ),
    (
        "invocation-wake-word",
        set_invocation("alexa's twitch guide"),
        "wake word or reserved word 'alexa'",
        INVOCATION,
    ),
    ("invocation-skill-word", set_invocation("twitch guide skill"), "reserved word 'skill'", INVOCATION),
    ("invocation-app-word", set_invocation("twitch guide app"), "reserved word 'app'", INVOCATION),
    # Intents.
    (
        "intents-empty",
        lambda model: language(model).__setitem__("intents", []),
        "intents: at least one intent",
        SCHEMA,
    ),
    (
        "intent-name-digit",
        add_intent({"name": "Causes2Intent", "samples": ["hello there"]}),
        "intent 'Causes2Intent': name must be",
        NAMES,
    ),
    (
        "intent-name-hyphen",
        add_intent({"name": "Causes-Intent", "samples": ["hello there"]}),
        "intent 'Causes-Intent': name must be",
        NAMES,
    ),
    (
        "intent-name-edge-underscore",
        add_intent({"name": "Causes_", "samples": ["hello there"]}),
        "intent 'Causes_': name must be",
        NAMES,
    ),
    (
        "intent-duplicate",
        add_intent({"name": "SymptomCheckIntent", "samples": ["run the check"]}),
        "intent SymptomCheckIntent: is declared twice",
        SCHEMA,
    ),
    (
        "no-custom-intents",
        lambda model: language(model).__setitem__(
            "intents", [i for i in language(model)["intents"] if i["name"].startswith("AMAZON.")]
        ),
        "a custom model needs at least one custom intent",
        PROJECT,
    ),
    (
        "intent-no-samples",
        add_intent({"name": "EmptyIntent", "samples": []}),
        "intent EmptyIntent: a custom intent needs at least one sample",
        PROJECT,
    ),
    *[
        (
            f"missing-{name}",
            remove_intent(name),
            f"the built-in intent {name} is required",
            PROJECT if name == "AMAZON.FallbackIntent" else BUILTINS,
        )
        for name in REQUIRED_BUILTIN_INTENTS
    ],
    # Slots.
    (
        "slot-name-hyphen",
        add_slot("SymptomCheckIntent", {"name": "body-part", "type": "BodyPart"}),
        "slot 'body-part': name must be",
        NAMES,
    ),
    ("slot-duplicate", duplicate_slot_on_intent, "slot 'cause': is declared twice", SCHEMA),
    (
        "slot-no-type",
        add_slot("SymptomCheckIntent", {"name": "when"}),
        "slot 'when': has no slot type",
        SCHEMA,
    ),
    (
        "slot-unknown-type",
        add_slot("SymptomCheckIntent", {"name": "when", "type": "Moment", "samples": ["at {when}"]}),
        "type 'Moment' is neither built in nor defined",
        SCHEMA,
    ),
    (
        "slot-unused",
        add_slot("SymptomCheckIntent", {"name": "side", "type": "AMAZON.Ordinal"}),
        "slot 'side': is declared but used in no sample",
        PROJECT,
    ),
    (
        "slot-type-conflict",
        conflicting_slot_type,
        "slot bodyPart: has different types in different intents",
        PROJECT,
    ),
    (
        "searchquery-two-slots",
        add_slot(
            "QuestionIntent",
            {"name": "followUp", "type": "AMAZON.SearchQuery", "samples": ["and also {followUp}"]},
        ),
        "has more than one AMAZON.SearchQuery slot",
        SEARCHQUERY,
    ),
    # Sample utterances.
    ("sample-empty", add_sample("SymptomCheckIntent", " "), "sample ' ': is empty", SCHEMA),
    (
        "sample-too-long",
        add_sample("SymptomCheckIntent", "please " * 30 + "check"),
        "is longer than 200 characters",
        PROJECT,
    ),
    (
        "sample-double-space",
        add_sample("SymptomCheckIntent", "check  my twitch"),
        "has leading, trailing or double spaces",
        PROJECT,
    ),
    (
        "sample-slot-attached",
        add_sample("CausesIntent", "is it {cause}s fault"),
        "slot {cause} must stand alone",
        REFERENCE,
    ),
    (
        "sample-undeclared-slot",
        add_sample("SymptomCheckIntent", "check my {bodyPart}"),
        "uses slot {bodyPart}, which the intent does not declare",
        SCHEMA,
    ),
    (
        "sample-slot-twice",
        add_sample("CausesIntent", "{cause} or {cause}"),
        "uses the same slot twice",
        PROJECT,
    ),
    (
        "sample-unmatched-brace",
        add_sample("CausesIntent", "what about {cause"),
        "has an unmatched brace",
        REFERENCE,
    ),
    (
        "sample-digits",
        add_sample("ReportSymptomIntent", "for 2 weeks"),
        "contains digits; spell numbers out",
        REFERENCE,
    ),
    (
        "sample-question-mark",
        add_sample("SymptomCheckIntent", "can you check me?"),
        "'me?' has punctuation",
        REFERENCE,
    ),
    (
        "sample-comma",
        add_sample("SymptomCheckIntent", "well, check me"),
        "'well,' has punctuation",
        REFERENCE,
    ),
    (
        "sample-ampersand",
        add_sample("SymptomCheckIntent", "check & advise"),
        "'&' has punctuation",
        REFERENCE,
    ),
    (
        "sample-trailing-hyphen",
        add_sample("SymptomCheckIntent", "a self- check"),
        "'self-' has punctuation",
        REFERENCE,
    ),
    (
        "sample-initialism-without-spaces",
        add_sample("CausesIntent", "is it a.l.s."),
        "'a.l.s.' has punctuation",
        REFERENCE,
    ),
    (
        "sample-wake-word",
        add_sample("SymptomCheckIntent", "alexa check my symptoms"),
        "contains the wake word 'alexa'",
        FEEDBACK,
    ),
    (
        "sample-invocation-name",
        add_sample("SymptomCheckIntent", "open muscle twitch guide"),
        "contains the invocation name",
        FEEDBACK,
    ),
    (
        "sample-duplicate-in-intent",
        add_sample("SymptomCheckIntent", "Check my  symptoms"),
        "appears twice in the intent",
        PROJECT,
    ),
    (
        "sample-duplicate-across-intents",
        add_sample("CausesIntent", "check my symptoms"),
        "is also a sample of intent",
        PROJECT,
    ),
    ("searchquery-alone", add_sample("QuestionIntent", "{question}"), "needs a carrier phrase", SEARCHQUERY),
    (
        "searchquery-with-other-slot",
        lambda model: (
            add_slot("QuestionIntent", {"name": "bodyPart", "type": "BodyPart"})(model),
            add_sample("QuestionIntent", "about my {bodyPart} {question}")(model),
        ),
        "may not share a sample with other slots",
        SEARCHQUERY,
    ),
    (
        "slot-sample-without-its-slot",
        lambda model: intent(model, "ReportSymptomIntent")["slots"][0]["samples"].append("i feel odd"),
        "a slot sample must contain its own slot",
        SCHEMA,
    ),
    (
        "slot-sample-punctuation",
        lambda model: intent(model, "ReportSymptomIntent")["slots"][0]["samples"].append("{symptom}!"),
        "slot {symptom} must stand alone",
        REFERENCE,
    ),
    # Custom slot types and values.
    (
        "type-name-hyphen",
        add_type({"name": "Body-Part", "values": [value("x", "x")]}),
        "type 'Body-Part': name must be",
        REFERENCE,
    ),
    (
        "type-duplicate",
        add_type({"name": "Cause", "values": [value("heat", "heat")]}),
        "type 'Cause': is defined twice",
        SCHEMA,
    ),
    (
        "type-unused",
        add_type({"name": "Colour", "values": [value("red", "red")]}),
        "type 'Colour': is defined but no slot uses it",
        PROJECT,
    ),
    (
        "type-no-values",
        lambda model: slot_type(model, "Cause").__setitem__("values", []),
        "type 'Cause': has no values",
        SCHEMA,
    ),
    ("value-id-gap", add_value("Cause", {"name": {"value": "heat"}}), "2 of 3 values have an id", PROJECT),
    ("value-bad-id", add_value("Cause", value("too hot", "heat")), "id 'too hot' must be a rule id", PROJECT),
    (
        "value-duplicate-id",
        add_value("Cause", value("caffeine", "tea")),
        "id 'caffeine' is used twice",
        PROJECT,
    ),
    ("value-empty", add_value("Cause", value("blank", "")), "has an empty value or synonym", SLOT_TYPES),
    (
        "value-too-long",
        add_value("Cause", value("long", "very " * 30 + "long")),
        "is longer than 140 characters",
        PROJECT,
    ),
    (
        "value-symbol",
        add_value("Cause", value("mixed", "tea & coffee")),
        "'tea & coffee' has a symbol",
        PROJECT,
    ),
    (
        "value-duplicate-text",
        add_value("Cause", value("drinks", "Energy  Drinks")),
        "'Energy  Drinks' appears twice in the type",
        PROJECT,
    ),
    (
        "synonym-duplicate",
        add_value("Cause", value("nerves", "nerves", ["anxiety"])),
        "'anxiety' appears twice in the type",
        PROJECT,
    ),
    ("too-many-values", many_values(model_rules.MAX_CUSTOM_SLOT_VALUES), "the limit is 50000", REFERENCE),
    # Dialog model and prompts.
    (
        "dialog-not-object",
        lambda model: model["interactionModel"].__setitem__("dialog", []),
        "dialog: must be an object",
        SCHEMA,
    ),
    (
        "dialog-bad-strategy",
        lambda model: model["interactionModel"]["dialog"].__setitem__("delegationStrategy", "SOMETIMES"),
        "delegationStrategy 'SOMETIMES'",
        SCHEMA,
    ),
    (
        "dialog-unknown-intent",
        lambda model: model["interactionModel"]["dialog"]["intents"][0].__setitem__("name", "GoneIntent"),
        "dialog intent GoneIntent: is not an intent",
        SCHEMA,
    ),
    (
        "dialog-unknown-slot",
        lambda model: dialog_slot(model).__setitem__("name", "mood"),
        "slot 'mood': is not a slot of the intent",
        SCHEMA,
    ),
    (
        "dialog-slot-type-mismatch",
        lambda model: dialog_slot(model).__setitem__("type", "Cause"),
        "type 'Cause' differs from the intent's slot type",
        SCHEMA,
    ),
    (
        "dialog-missing-prompt",
        lambda model: dialog_slot(model)["prompts"].__setitem__("elicitation", "Elicit.Nowhere"),
        "elicitation prompt 'Elicit.Nowhere' is not defined",
        SCHEMA,
    ),
    (
        "dialog-elicitation-without-prompt",
        lambda model: dialog_slot(model).__setitem__("prompts", {}),
        "elicitationRequired needs an elicitation prompt",
        SCHEMA,
    ),
    (
        "dialog-slot-confirmation-without-prompt",
        lambda model: dialog_slot(model).__setitem__("confirmationRequired", True),
        "slot 'symptom': confirmationRequired needs a confirmation prompt",
        SCHEMA,
    ),
    (
        "dialog-intent-confirmation-without-prompt",
        lambda model: model["interactionModel"]["dialog"]["intents"][0].__setitem__(
            "confirmationRequired", True
        ),
        "dialog intent ReportSymptomIntent: confirmationRequired needs",
        SCHEMA,
    ),
    (
        "dialog-validation-prompt-missing",
        lambda model: dialog_slot(model).__setitem__(
            "validations", [{"type": "isInSet", "prompt": "Slot.Validation.gone"}]
        ),
        "validation prompt 'Slot.Validation.gone' is not defined",
        SCHEMA,
    ),
    (
        "prompt-duplicate",
        lambda model: model["interactionModel"]["prompts"].append(
            copy.deepcopy(model["interactionModel"]["prompts"][0])
        ),
        "prompt 'Elicit.Slot.symptom': is defined twice",
        SCHEMA,
    ),
    (
        "prompt-no-id",
        lambda model: model["interactionModel"]["prompts"].append(
            {"variations": [{"type": "PlainText", "value": "Hi"}]}
        ),
        "prompt None: needs an id",
        SCHEMA,
    ),
    (
        "prompt-no-variations",
        lambda model: model["interactionModel"]["prompts"][0].__setitem__("variations", []),
        "needs at least one variation",
        SCHEMA,
    ),
    (
        "prompt-bad-variation",
        lambda model: model["interactionModel"]["prompts"][0]["variations"].append(
            {"type": "HTML", "value": "<b>x</b>"}
        ),
        "each variation needs type PlainText or SSML",
        SCHEMA,
    ),
]


def test_good_model_fixture_has_no_problems(good_model: Model) -> None:
    assert check_interaction_model(good_model, "good_model.json") == []


@pytest.mark.parametrize(
    ("mutate", "fragment", "source_tag"),
    [case[1:] for case in MODEL_CASES],
    ids=[case[0] for case in MODEL_CASES],
)
def test_each_model_rule_catches_its_bad_fixture(
    good_model: Model, mutate: Mutation, fragment: str, source_tag: str
) -> None:
    mutate(good_model)
    problems = check_interaction_model(good_model, "bad_model.json")
    matching = [problem for problem in problems if fragment in problem]
    assert matching, f"no problem mentions {fragment!r}; got {problems}"
    assert all(problem.startswith("bad_model.json: ") for problem in problems)
    assert {tag_of(problem) for problem in matching} == {source_tag}
    assert all(tag_of(problem) in SOURCES for problem in problems)


@pytest.mark.parametrize(
    "invocation",
    [
        "muscle twitch guide",
        "sam's twitch guide",
        "n. h. s. twitch guide",
        "the parents' guide",
        "twitch tracker",
    ],
)
def test_valid_invocation_names_pass(good_model: Model, invocation: str) -> None:
    set_invocation(invocation)(good_model)
    assert [p for p in check_interaction_model(good_model, "m.json") if "invocationName" in p] == []


@pytest.mark.parametrize(
    "sample",
    ["i'm twitching", "is it my parents' fault", "is it m. n. d.", "a man-eating twitch", "Is It Bad"],
)
def test_valid_sample_forms_pass(good_model: Model, sample: str) -> None:
    add_sample("SymptomCheckIntent", sample)(good_model)
    assert check_interaction_model(good_model, "m.json") == []


def test_catalog_backed_types_need_no_inline_values(good_model: Model) -> None:
    cause = slot_type(good_model, "Cause")
    del cause["values"]
    cause["valueSupplier"] = {
        "type": "CatalogValueSupplier",
        "valueCatalog": {"catalogId": "x", "version": "1"},
    }
    assert check_interaction_model(good_model, "m.json") == []


def test_every_problem_names_file_place_and_rule(good_model: Model) -> None:
    add_sample("SymptomCheckIntent", "check 2 things")(good_model)
    assert check_interaction_model(good_model, "interaction_models/en-GB.json") == [
        "interaction_models/en-GB.json: intent SymptomCheckIntent: sample 'check 2 things': contains digits; "
        "spell numbers out [interaction-model-reference]"
    ]


# --- example phrases --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "reached"),
    [
        ("Alexa, open muscle twitch guide", "LaunchRequest"),
        ("Alexa, ask muscle twitch guide what causes muscle twitching", "CausesIntent"),
        ("Alexa, ask muscle twitch guide to check my symptoms", "SymptomCheckIntent"),
        ("Alexa, muscle twitch guide", "LaunchRequest"),
        ("Alexa, ask muscle twitch guide can coffee cause twitching.", "CausesIntent"),
        ("Alexa, ask muscle twitch guide why's my lower leg twitching", "CausesIntent"),
        ("Alexa, tell muscle twitch guide i've had it for about two weeks", "ReportSymptomIntent"),
        ("Alexa, open muscle twitch guide and check my symptoms", "SymptomCheckIntent"),
        ("Alexa, check my symptoms with muscle twitch guide", "SymptomCheckIntent"),
        ("Alexa, ask muscle twitch guide can chocolate cause twitching", None),  # not a value of Cause
        ("Alexa, ask muscle twitch guide to play some music", None),  # no such sample
        ("Alexa, open muscle twitch guide check my symptoms", None),  # "open ... and" needs its "and"
        ("Alexa, ask twitch helper to check my symptoms", None),  # another invocation name
        ("ask muscle twitch guide to check my symptoms", None),  # no wake word
    ],
)
def test_example_phrases_are_matched_against_the_samples(
    good_model: Model, phrase: str, reached: str | None
) -> None:
    assert match_example_phrase(phrase, good_model) == reached


# --- skill.json -------------------------------------------------------------------------------------------


def locale_info(manifest: Model) -> Model:
    return manifest["manifest"]["publishingInformation"]["locales"]["en-US"]


def set_locale_field(key: str, new_value: object) -> Mutation:
    return lambda manifest: locale_info(manifest).__setitem__(key, new_value)


def set_path(*path: str, new_value: object) -> Mutation:
    def mutate(manifest: Model) -> None:
        node = manifest["manifest"]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = new_value

    return mutate


def delete_path(*path: str) -> Mutation:
    def mutate(manifest: Model) -> None:
        node = manifest["manifest"]
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


def add_locale(manifest: Model) -> None:
    locales = manifest["manifest"]["publishingInformation"]["locales"]
    locales["en-NZ"] = copy.deepcopy(locales["en-US"])


def interfaces(manifest: Model) -> list[Model]:
    return manifest["manifest"]["apis"]["custom"]["interfaces"]


def viewport(manifest: Model) -> Model:
    return interfaces(manifest)[0]["supportedViewports"][0]


MANIFEST_CASES: list[tuple[str, Mutation, str, str]] = [
    (
        "no-manifest",
        lambda manifest: manifest.pop("manifest"),
        "the top-level 'manifest' object is missing",
        MANIFEST,
    ),
    ("manifest-version", set_path("manifestVersion", new_value="2.0"), "'2.0' must be \"1.0\"", SMAPI),
    (
        "no-locales",
        set_path("publishingInformation", "locales", new_value={}),
        "at least one locale is required",
        MANIFEST,
    ),
    ("locale-without-model", add_locale, "locales.en-NZ: has no interaction model", MANIFEST),
    ("name-missing", set_locale_field("name", ""), "en-US.name: is required", CONSOLE),
    ("name-too-long", set_locale_field("name", "Muscle Twitch Guide " * 3), "the limit is 50", CONSOLE),
    ("summary-too-long", set_locale_field("summary", "Plain answers. " * 11), "the limit is 160", CONSOLE),
    (
        "description-too-long",
        set_locale_field("description", "Answers. " * 445),
        "the limit is 4000",
        CONSOLE,
    ),
    (
        "alexa-skill-wording",
        set_locale_field("summary", "The best Alexa skill for twitches."),
        "calls the skill an 'Alexa skill'",
        POLICY,
    ),
    (
        "keywords-not-strings",
        set_locale_field("keywords", ["twitch", 3]),
        "keywords: must be a list of non-empty strings",
        MANIFEST,
    ),
    (
        "keywords-too-many",
        set_locale_field("keywords", [f"word{n}" for n in range(31)]),
        "has 31 keywords; the limit is 30",
        CONSOLE,
    ),
    (
        "icon-http",
        set_locale_field("smallIconUri", "http://example.com/icon.png"),
        "must be https:// or file://assets/images",
        MANIFEST,
    ),
    (
        "icon-file-outside-assets",
        set_locale_field("largeIconUri", "file://icons/large.png"),
        "must be https:// or file://assets/images",
        MANIFEST,
    ),
    ("no-example-phrases", set_locale_field("examplePhrases", []), "needs 1 to 3 phrases", MANIFEST),
    (
        "four-example-phrases",
        lambda manifest: locale_info(manifest)["examplePhrases"].append("Alexa, start muscle twitch guide"),
        "needs 1 to 3 phrases",
        MANIFEST,
    ),
    (
        "example-phrase-twice",
        set_locale_field(
            "examplePhrases", ["Alexa, open muscle twitch guide", "alexa, open muscle twitch guide"]
        ),
        "has a phrase twice",
        PHRASES,
    ),
    (
        "example-phrase-no-wake-word",
        set_locale_field("examplePhrases", ["open muscle twitch guide"]),
        "must start with the wake word",
        PHRASES,
    ),
    (
        "example-phrase-wrong-name",
        set_locale_field("examplePhrases", ["Alexa, open twitch helper"]),
        "is not a supported launch phrase",
        PHRASES,
    ),
    (
        "example-phrase-no-sample",
        set_locale_field("examplePhrases", ["Alexa, ask muscle twitch guide how tall is everest"]),
        "followed by a sample utterance",
        PHRASES,
    ),
    (
        "example-phrase-slot-word-not-a-value",
        set_locale_field("examplePhrases", ["Alexa, ask muscle twitch guide can chocolate cause twitching"]),
        "followed by a sample utterance",
        PHRASES,
    ),
    (
        "category-missing",
        delete_path("publishingInformation", "category"),
        "None must be a category enum value",
        MANIFEST,
    ),
    (
        "category-lower-case",
        set_path("publishingInformation", "category", new_value="health"),
        "'health' must be a category",
        MANIFEST,
    ),
    (
        "countries-missing",
        delete_path("publishingInformation", "distributionCountries"),
        "must list countries when isAvailableWorldwide is false",
        MANIFEST,
    ),
    (
        "country-not-iso",
        set_path("publishingInformation", "distributionCountries", new_value=["USA"]),
        "must be ISO 3166-1 alpha-2 codes",
        MANIFEST,
    ),
    (
        "distribution-mode",
        set_path("publishingInformation", "distributionMode", new_value="HIDDEN"),
        "'HIDDEN' must be PUBLIC or PRIVATE",
        SMAPI,
    ),
    ("privacy-missing", delete_path("privacyAndCompliance"), "privacyAndCompliance: is required", MANIFEST),
    *[
        (
            f"privacy-{flag}",
            delete_path("privacyAndCompliance", flag),
            f"privacyAndCompliance.{flag}: must be true or false",
            CONSOLE,
        )
        for flag in model_rules.PRIVACY_FLAGS
    ],
    (
        "health-info-not-bool",
        set_path("privacyAndCompliance", "usesHealthInfo", new_value="no"),
        "usesHealthInfo: must be true or false",
        SMAPI,
    ),
    (
        "personal-info-without-policy",
        set_path("privacyAndCompliance", "usesPersonalInfo", new_value=True),
        "privacyPolicyUrl: is required",
        CONSOLE,
    ),
    (
        "health-info-outside-us",
        lambda manifest: (
            set_path("privacyAndCompliance", "usesHealthInfo", new_value=True)(manifest),
            set_path("publishingInformation", "distributionCountries", new_value=["US", "GB"])(manifest),
        ),
        "distributed in the US only",
        HIPAA,
    ),
    (
        "health-info-child-directed",
        lambda manifest: (
            set_path("privacyAndCompliance", "usesHealthInfo", new_value=True)(manifest),
            set_path("privacyAndCompliance", "isChildDirected", new_value=True)(manifest),
        ),
        "must not be child directed",
        HIPAA,
    ),
    ("custom-api-missing", delete_path("apis", "custom"), "apis.custom: is required", MANIFEST),
    (
        "endpoint-placeholder",
        set_path("apis", "custom", "endpoint", new_value={"uri": "REPLACE_WITH_FUNCTION_ARN"}),
        "is neither a Lambda function ARN nor an https URL",
        MANIFEST,
    ),
    (
        "endpoint-without-uri",
        set_path("apis", "custom", "endpoint", new_value={}),
        "apis.custom.endpoint: needs a uri",
        MANIFEST,
    ),
    (
        "https-endpoint-without-certificate",
        set_path("apis", "custom", "endpoint", new_value={"uri": "https://example.com/alexa"}),
        "needs sslCertificateType",
        SMAPI,
    ),
    (
        "interface-unknown",
        lambda manifest: interfaces(manifest).append({"type": "CAN_FULFILL_INTENT"}),
        "interfaces 'CAN_FULFILL_INTENT': is not an interface type",
        SMAPI,
    ),
    (
        "interface-twice",
        lambda manifest: interfaces(manifest).append({"type": "CAN_FULFILL_INTENT_REQUEST"}),
        "is listed twice",
        MANIFEST,
    ),
    (
        "viewport-mode",
        lambda manifest: viewport(manifest).__setitem__("mode", "WATCH"),
        "viewport mode 'WATCH'",
        SMAPI,
    ),
    (
        "viewport-shape",
        lambda manifest: viewport(manifest).__setitem__("shape", "OVAL"),
        "viewport shape 'OVAL'",
        SMAPI,
    ),
    (
        "viewport-range",
        lambda manifest: viewport(manifest).__setitem__("minWidth", 700),
        "minWidth 700 is greater than maxWidth 599",
        APL,
    ),
]


def test_good_manifest_fixture_has_no_problems(good_manifest: Model, good_model: Model) -> None:
    assert check_skill_manifest(good_manifest, {"en-US": good_model}) == []


@pytest.mark.parametrize(
    ("mutate", "fragment", "source_tag"),
    [case[1:] for case in MANIFEST_CASES],
    ids=[case[0] for case in MANIFEST_CASES],
)
def test_each_manifest_rule_catches_its_bad_fixture(
    good_manifest: Model, good_model: Model, mutate: Mutation, fragment: str, source_tag: str
) -> None:
    mutate(good_manifest)
    problems = check_skill_manifest(good_manifest, {"en-US": good_model})
    matching = [problem for problem in problems if fragment in problem]
    assert matching, f"no problem mentions {fragment!r}; got {problems}"
    assert {tag_of(problem) for problem in matching} == {source_tag}
    assert all(tag_of(problem) in SOURCES for problem in problems)


def test_a_model_without_publishing_information_is_reported(good_manifest: Model, good_model: Model) -> None:
    problems = check_skill_manifest(good_manifest, {"en-US": good_model, "en-GB": good_model})
    assert problems == [
        "skill.json: publishingInformation.locales.en-GB: has an interaction model but no publishing "
        "information, so it would never be offered [skill-manifest-schema]"
    ]


def test_certification_needs_icons_and_an_endpoint(good_manifest: Model, good_model: Model) -> None:
    problems = check_skill_manifest(good_manifest, {"en-US": good_model}, for_certification=True)
    assert problems == [
        "skill.json: publishingInformation.locales.en-US.smallIconUri: is required for certification "
        "[developer-console-distribution]",
        "skill.json: publishingInformation.locales.en-US.largeIconUri: is required for certification "
        "[developer-console-distribution]",
        "skill.json: apis.custom.endpoint: is required for certification [skill-manifest-schema]",
    ]


def test_icons_in_the_package_and_a_lambda_endpoint_satisfy_certification(
    good_manifest: Model, good_model: Model, tmp_path: Path
) -> None:
    (tmp_path / "assets" / "images").mkdir(parents=True)
    (tmp_path / "assets" / "images" / "small.png").write_bytes(b"\x89PNG")
    locale_info(good_manifest)["smallIconUri"] = "file://assets/images/small.png"
    locale_info(good_manifest)["largeIconUri"] = "https://example.org/large.png"
    good_manifest["manifest"]["apis"]["custom"]["endpoint"] = {
        "uri": "arn:aws:lambda:eu-west-1:123456789012:function:muscle-twitch-guide"
    }
    models = {"en-US": good_model}
    assert check_skill_manifest(good_manifest, models, package_dir=tmp_path, for_certification=True) == []
    locale_info(good_manifest)["smallIconUri"] = "file://assets/images/missing.png"
    assert check_skill_manifest(good_manifest, models, package_dir=tmp_path) == [
        "skill.json: publishingInformation.locales.en-US.smallIconUri: file://assets/images/missing.png "
        "does not exist in the skill package [developer-console-distribution]"
    ]


# --- health disclaimer ------------------------------------------------------------------------------------


def test_health_disclaimer_needs_a_listing() -> None:
    assert check_health_disclaimer({"manifest": {}}, {"en-US": "911"}) == [
        "skill.json: publishingInformation.locales: no locale carries a description [skill-manifest-schema]"
    ]


def test_health_disclaimer_passes_with_disclaimer_and_number(good_manifest: Model) -> None:
    assert check_health_disclaimer(good_manifest, {"en-US": "911"}) == []


@pytest.mark.parametrize(
    ("description", "numbers", "fragment"),
    [
        ("Answers about twitching. In an emergency, call 911.", {"en-US": "911"}, "not a substitute"),
        ("Not a substitute for professional medical advice. Call 999.", {"en-US": "911"}, "number 911"),
        ("Not a substitute for professional medical advice. Call 9110.", {"en-US": "911"}, "number 911"),
        ("Not a substitute for professional medical advice. Call 911.", {}, "no emergency number is known"),
    ],
)
def test_health_disclaimer_catches_each_gap(
    good_manifest: Model, description: str, numbers: dict[str, str], fragment: str
) -> None:
    locale_info(good_manifest)["description"] = description
    problems = check_health_disclaimer(good_manifest, numbers)
    assert len(problems) == 1
    assert fragment in problems[0]


# --- command line ---------------------------------------------------------------------------------------


def test_command_line_reports_problems_and_exit_status(
    good_manifest: Model, good_model: Model, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "interaction_models").mkdir()
    (tmp_path / "skill-package").mkdir()
    (tmp_path / "interaction_models" / "en-US.json").write_text(json.dumps(good_model), encoding="utf-8")
    (tmp_path / "skill-package" / "skill.json").write_text(json.dumps(good_manifest), encoding="utf-8")
    assert model_rules.main([str(tmp_path)]) == 0
    add_sample("SymptomCheckIntent", "check 2 things")(good_model)
    (tmp_path / "interaction_models" / "en-US.json").write_text(json.dumps(good_model), encoding="utf-8")
    assert model_rules.main([str(tmp_path)]) == 1
    assert "sample 'check 2 things': contains digits" in capsys.readouterr().out


# --- the real interaction models (generated by tools/build_models.py) -------------------------------------

NO_MODELS_YET = pytest.param(
    None, marks=pytest.mark.skip(reason="no interaction_models/*.json generated yet")
)


@pytest.mark.parametrize(
    "path", REAL_MODELS or [NO_MODELS_YET], ids=lambda path: getattr(path, "name", "none")
)
def test_real_model_obeys_amazon_rules(path: Path) -> None:
    model = json.loads(path.read_text(encoding="utf-8"))
    assert check_interaction_model(model, f"interaction_models/{path.name}") == []
    # Shared contract: one invocation name in every locale, and files named by locale.
    assert model["interactionModel"]["languageModel"]["invocationName"] == "muscle twitch guide"
    assert path.stem in LOCALES
