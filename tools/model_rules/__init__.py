"""Offline checks of Amazon's build and publishing rules for interaction models and skill.json.

Each check names its rule and where it is written; nothing here talks to Amazon or needs the ASK SDK.
- common.py: the sources each rule cites, Amazon's word lists and patterns, the report;
- interaction_model.py: the build rules of an interaction model, and matching example phrases to it;
- manifest.py: skill.json's publishing and certification rules;
- cli.py (`python -m model_rules`): every problem in the repository, exit 1 if any.
"""

from __future__ import annotations

from .cli import (
    load_models,
    main,
)
from .common import (
    APL_DOC,
    ARTICLES_AND_PREPOSITIONS,
    BUILTIN_INTENTS_DOC,
    CERTIFICATION_FEEDBACK,
    CONNECTING_WORDS,
    CONSOLE_DOC,
    CONSOLE_INTENT_NAME_ERROR,
    CUSTOM_SLOT_PHRASES_BLOG,
    DESCRIPTION_MAX_CHARS,
    EXAMPLE_PHRASES_BLOG,
    HIPAA_DOC,
    INVOCATION_DOC,
    INVOCATION_FORBIDDEN_WORDS,
    INVOCATION_LENGTH,
    INVOCATION_MAX_CHARS,
    INVOCATION_MIN_CHARS,
    INVOKE_DOC,
    KNOWN_INTERFACE_TYPES,
    LAUNCH_WORDS,
    LEGACY_REFERENCE,
    MANIFEST_DOC,
    MAX_CUSTOM_SLOT_VALUES,
    MAX_EXAMPLE_PHRASES,
    MAX_KEYWORDS,
    NAME_MAX_CHARS,
    POLICY_DOC,
    PRIVACY_FLAGS,
    PROJECT_RULE,
    REQUIRED_BUILTIN_INTENTS,
    SAMPLE_MAX_CHARS,
    SCHEMA_DOC,
    SEARCH_QUERY,
    SEARCHQUERY_BUILD_ERROR,
    SLOT_TYPES_DOC,
    SLOT_VALUE_MAX_CHARS,
    SMAPI_MODEL,
    SOURCES,
    SUMMARY_MAX_CHARS,
    WAKE_PREFIX,
    slot_references,
)
from .interaction_model import (
    check_interaction_model,
    match_example_phrase,
)
from .manifest import (
    check_health_disclaimer,
    check_skill_manifest,
)

__all__ = [
    "APL_DOC",
    "ARTICLES_AND_PREPOSITIONS",
    "BUILTIN_INTENTS_DOC",
    "CERTIFICATION_FEEDBACK",
    "CONNECTING_WORDS",
    "CONSOLE_DOC",
    "CONSOLE_INTENT_NAME_ERROR",
    "CUSTOM_SLOT_PHRASES_BLOG",
    "DESCRIPTION_MAX_CHARS",
    "EXAMPLE_PHRASES_BLOG",
    "HIPAA_DOC",
    "INVOCATION_DOC",
    "INVOCATION_FORBIDDEN_WORDS",
    "INVOCATION_LENGTH",
    "INVOCATION_MAX_CHARS",
    "INVOCATION_MIN_CHARS",
    "INVOKE_DOC",
    "KNOWN_INTERFACE_TYPES",
    "LAUNCH_WORDS",
    "LEGACY_REFERENCE",
    "MANIFEST_DOC",
    "MAX_CUSTOM_SLOT_VALUES",
    "MAX_EXAMPLE_PHRASES",
    "MAX_KEYWORDS",
    "NAME_MAX_CHARS",
    "POLICY_DOC",
    "PRIVACY_FLAGS",
    "PROJECT_RULE",
    "REQUIRED_BUILTIN_INTENTS",
    "SAMPLE_MAX_CHARS",
    "SCHEMA_DOC",
    "SEARCHQUERY_BUILD_ERROR",
    "SEARCH_QUERY",
    "SLOT_TYPES_DOC",
    "SLOT_VALUE_MAX_CHARS",
    "SMAPI_MODEL",
    "SOURCES",
    "SUMMARY_MAX_CHARS",
    "WAKE_PREFIX",
    "check_health_disclaimer",
    "check_interaction_model",
    "check_skill_manifest",
    "load_models",
    "main",
    "match_example_phrase",
    "slot_references",
]
