"""skill-package/skill.json: SMAPI accepts its shape, Amazon's rules hold, and it reaches the real models."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_smapi_model.v1.skill.manifest.interface import Interface
from ask_smapi_model.v1.skill.manifest.interface_type import InterfaceType
from ask_smapi_model.v1.skill.manifest.skill_manifest_envelope import SkillManifestEnvelope

from chat_support import LOCALES
from model_rules import check_health_disclaimer, check_skill_manifest, load_models

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "skill-package"
MODELS = ROOT / "interaction_models"
LINK = PACKAGE / "interactionModels" / "custom"
FIXTURE_MODEL = Path(__file__).resolve().parent / "fixtures" / "model_rules" / "good_model.json"

# docs/clinical-basis.md: the emergency number each locale's answers and description must name.
EMERGENCY_NUMBERS = {"en-US": "911", "en-CA": "911", "en-GB": "999", "en-AU": "000", "en-IN": "112"}
EXAMPLE_PHRASES = [
    "Alexa, open muscle twitch guide",
    "Alexa, ask muscle twitch guide what causes muscle twitching",
    "Alexa, ask muscle twitch guide to check my symptoms",
]


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return json.loads((PACKAGE / "skill.json").read_text(encoding="utf-8"))


def listings(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return manifest["manifest"]["publishingInformation"]["locales"]


def smapi_readable(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest without interface types ask-smapi-model 1.36.0 cannot deserialize.

    Its Interface class knows CAN_FULFILL_INTENT_REQUEST only as an InterfaceType value, not as a
    discriminator, so deserializing that entry raises; every other key must survive untouched.
    """
    readable = copy.deepcopy(manifest)
    custom = readable["manifest"]["apis"]["custom"]
    custom["interfaces"] = [
        interface
        for interface in custom["interfaces"]
        if interface["type"] in Interface.discriminator_value_class_map
    ]
    return readable


def test_skill_json_round_trips_through_the_smapi_model(manifest: dict[str, Any]) -> None:
    readable = smapi_readable(manifest)
    serializer = DefaultSerializer()
    envelope = serializer.deserialize(json.dumps(readable), SkillManifestEnvelope)
    # A misspelt key is dropped silently on the way in, so anything lost shows up as a difference here.
    assert serializer.serialize(envelope) == readable
    body = envelope.manifest
    assert body.manifest_version.value == "1.0"
    assert set(body.publishing_information.locales) == set(LOCALES)
    assert body.publishing_information.category == "HEALTH_AND_FITNESS"
    assert [country.value for country in body.publishing_information.distribution_countries] == [
        "US",
        "GB",
        "CA",
        "AU",
        "IN",
    ]
    for locale in LOCALES:
        listing = body.publishing_information.locales[locale]
        assert listing.name == "Muscle Twitch Guide"
        assert listing.example_phrases == EXAMPLE_PHRASES
        assert listing.description == listings(manifest)[locale]["description"]
    privacy = body.privacy_and_compliance
    assert (privacy.allows_purchases, privacy.uses_personal_info, privacy.is_child_directed) == (
        False,
        False,
        False,
    )
    assert (privacy.is_export_compliant, privacy.contains_ads, privacy.uses_health_info) == (
        True,
        False,
        False,
    )
    apl = body.apis.custom.interfaces[0]
    assert apl.object_type == "ALEXA_PRESENTATION_APL"
    assert len(apl.supported_viewports) == 4


def test_smapi_model_check_does_not_hide_a_misspelt_key(manifest: dict[str, Any]) -> None:
    misspelt = smapi_readable(manifest)
    listings(misspelt)["en-US"]["examplePhrase"] = listings(misspelt)["en-US"].pop("examplePhrases")
    serializer = DefaultSerializer()
    envelope = serializer.deserialize(json.dumps(misspelt), SkillManifestEnvelope)
    assert serializer.serialize(envelope) != misspelt


def test_interfaces_are_spelled_as_smapi_spells_them(manifest: dict[str, Any]) -> None:
    kinds = [interface["type"] for interface in manifest["manifest"]["apis"]["custom"]["interfaces"]]
    assert kinds == ["ALEXA_PRESENTATION_APL", "CAN_FULFILL_INTENT_REQUEST"]
    assert {kind.value for kind in InterfaceType} >= set(kinds)


def test_skill_json_obeys_the_rules_given_models_that_accept_its_phrases(manifest: dict[str, Any]) -> None:
    # Independent of the generated models: the fixture model accepts the three example phrases.
    fixture = json.loads(FIXTURE_MODEL.read_text(encoding="utf-8"))
    assert check_skill_manifest(manifest, dict.fromkeys(LOCALES, fixture), package_dir=PACKAGE) == []


def test_skill_json_obeys_the_rules_with_the_real_models(manifest: dict[str, Any]) -> None:
    models = load_models(MODELS)
    if not models:
        pytest.skip("no interaction_models/*.json generated yet")
    # Every locale has a model and every example phrase reaches a sample of that locale's model.
    assert check_skill_manifest(manifest, models, package_dir=PACKAGE) == []


def test_only_icons_and_the_endpoint_stand_between_skill_json_and_certification(
    manifest: dict[str, Any],
) -> None:
    # Icons are not in the package yet and the endpoint is set at deployment (docs/deploy.md): a first
    # `ask deploy` must create the skill before the function can be restricted to its skill ID.
    fixture = json.loads(FIXTURE_MODEL.read_text(encoding="utf-8"))
    gaps = check_skill_manifest(
        manifest, dict.fromkeys(LOCALES, fixture), package_dir=PACKAGE, for_certification=True
    )
    allowed = re.compile(
        r"^skill\.json: (publishingInformation\.locales\.en-[A-Z]{2}\.(small|large)IconUri"
        r"|apis\.custom\.endpoint): is required for certification \["
    )
    assert [gap for gap in gaps if not allowed.match(gap)] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_description_carries_the_disclaimer_and_the_local_emergency_number(
    manifest: dict[str, Any], locale: str
) -> None:
    description = listings(manifest)[locale]["description"]
    assert "general information only" in description
    assert "not a substitute for professional medical advice" in description
    number = EMERGENCY_NUMBERS[locale]
    assert re.search(rf"in an emergency, call [^.]*(?<!\d){number}(?!\d)", description)
    other_numbers = set(EMERGENCY_NUMBERS.values()) - {number}
    assert not [other for other in other_numbers if re.search(rf"(?<!\d){other}(?!\d)", description)]


def test_health_disclaimer_check_passes(manifest: dict[str, Any]) -> None:
    assert check_health_disclaimer(manifest, EMERGENCY_NUMBERS) == []


def test_british_english_where_natural(manifest: dict[str, Any]) -> None:
    gb = listings(manifest)["en-GB"]["description"]
    assert "GP" in gb
    assert "A&E" in gb
    assert "NHS 111" in gb
    assert "motor neurone disease" in gb
    assert "see a GP" in listings(manifest)["en-GB"]["summary"]


def test_listings_and_privacy_say_what_is_true(manifest: dict[str, Any]) -> None:
    body = manifest["manifest"]
    for locale in LOCALES:
        listing = listings(manifest)[locale]
        assert listing["name"] == "Muscle Twitch Guide"
        assert listing["examplePhrases"] == EXAMPLE_PHRASES
        assert "are not stored" in listing["description"]
    publishing = body["publishingInformation"]
    # Distributed only where the descriptions name the right emergency number.
    assert publishing["isAvailableWorldwide"] is False
    assert set(publishing["distributionCountries"]) == {locale[-2:] for locale in LOCALES}
    assert body["privacyAndCompliance"] == {
        "allowsPurchases": False,
        "usesPersonalInfo": False,
        "isChildDirected": False,
        "isExportCompliant": True,
        "containsAds": False,
        "usesHealthInfo": False,
    }
    assert "endpoint" not in body["apis"]["custom"]


def test_the_models_live_in_the_skill_package_and_the_top_level_links_to_them() -> None:
    # ASK CLI zips skill-package/ without following links, so the real files must live there; the
    # top-level interaction_models/ is a relative link to them (one copy, two names).
    assert not LINK.is_symlink() and LINK.is_dir()
    assert MODELS.is_symlink()
    assert os.readlink(MODELS) == "skill-package/interactionModels/custom"
    assert LINK.resolve() == MODELS.resolve()
    through_link = sorted(path.name for path in LINK.iterdir())
    assert through_link == sorted(path.name for path in MODELS.iterdir())
    for name in through_link:
        assert (LINK / name).read_bytes() == (MODELS / name).read_bytes()
