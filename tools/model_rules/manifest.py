"""Checks of skill.json against Amazon's publishing and certification rules."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .common import (
    _CATEGORY,
    _ICON_FILE,
    _LAMBDA_ARN,
    APL_DOC,
    CERTIFICATION_FEEDBACK,
    CONSOLE_DOC,
    DESCRIPTION_MAX_CHARS,
    EXAMPLE_PHRASES_BLOG,
    HIPAA_DOC,
    KNOWN_INTERFACE_TYPES,
    MANIFEST_DOC,
    MAX_EXAMPLE_PHRASES,
    MAX_KEYWORDS,
    NAME_MAX_CHARS,
    POLICY_DOC,
    PRIVACY_FLAGS,
    PROJECT_RULE,
    SMAPI_MODEL,
    SUMMARY_MAX_CHARS,
    _normalise,
    _objects,
    _Report,
    _strings,
)
from .interaction_model import example_phrase_matcher

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
    matches = example_phrase_matcher(model) if model is not None and phrases else None
    for phrase in phrases:
        phrase_where = f"{where}.examplePhrases '{phrase}'"
        if not phrase.startswith("Alexa, "):
            # EXAMPLE_PHRASES_BLOG: [Wake Word], [Launch Word] [Invocation Name] [Connecting Word] [Utterance]
            report.add(phrase_where, "must start with the wake word: 'Alexa, '", EXAMPLE_PHRASES_BLOG)
        elif matches is not None and matches(phrase) is None:
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
