"""What every check shares: the sources each rule cites, Amazon's word lists and patterns, and the report."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
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

# Example phrases start with the wake word; the launch patterns themselves live in skill_sim.invocation.
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
