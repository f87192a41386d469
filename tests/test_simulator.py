"""skill-sim: resolution, invocation, envelopes, sessions, dialog, rendering, the CLI and its errors."""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import IntentRequest, LaunchRequest, SessionEndedRequest
from ask_sdk_model.dialog import ConfirmIntentDirective, DelegateDirective, ElicitSlotDirective
from ask_sdk_model.response import Response
from ask_sdk_model.ui import SimpleCard

from skill_sim import cli, voice
from skill_sim.coverage import coverage
from skill_sim.envelopes import DEFAULT_SKILL_ID, Identity
from skill_sim.invocation import parse_invocation
from skill_sim.lambda_runner import configure_store, fake_user_id, handler_location
from skill_sim.model import ModelError, load_model, model_path
from skill_sim.nlu import ER_MATCH, ER_NO_MATCH, Resolver
from skill_sim.render import ssml_problem, ssml_to_text
from skill_sim.session import Conversation, SkillError
from skill_sim.text import normalise, parse_duration, parse_number

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "sim_model.json"
REAL_MODEL = REPO / "interaction_models" / "en-US.json"
REAL_APP = REPO / "lambda" / "app.py"
real_skill = pytest.mark.skipif(
    not (REAL_MODEL.is_file() and REAL_APP.is_file()),
    reason="interaction_models/en-US.json or lambda/app.py not written yet",
)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_model(FIXTURE))


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """The simulator edits the environment and sys.path; put both back after each test."""
    for name in ("LOCAL_PREFERENCES_FILE", "PREFERENCES_TABLE", "LOG_LEVEL", "SKILL_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))


# -- a tiny ask-sdk-core skill standing in for the real one --------------------------------------------


class FakeSkill:
    """Records each request envelope it gets; answers in ways that exercise the simulator."""

    def __init__(self, *, delegate: bool = False) -> None:
        self.requests: list[Any] = []
        self.delegate = delegate
        builder = SkillBuilder()
        builder.request_handler(can_handle_func=lambda _: True)(self.handle)
        self.handler = builder.lambda_handler()

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.handler(event, context)
        return result

    def handle(self, handler_input: HandlerInput) -> Response:
        envelope = handler_input.request_envelope
        self.requests.append(envelope)
        request = envelope.request
        attributes = handler_input.attributes_manager.session_attributes
        attributes["turns"] = attributes.get("turns", 0) + 1
        builder = handler_input.response_builder
        if isinstance(request, LaunchRequest):
            return (
                builder.speak("<speak>Welcome &amp; hello.<break time='1s'/>Ask me.</speak>")
                .ask("Ask me.")
                .response
            )
        if isinstance(request, SessionEndedRequest):
            return builder.response
        assert isinstance(request, IntentRequest)
        intent = request.intent
        name = intent.name
        if name == "AMAZON.StopIntent":
            return builder.speak("Goodbye.").set_should_end_session(True).response
        if name == "SpeakSlowerIntent":
            # shouldEndSession left out: Alexa keeps the session open.
            builder.speak("Slower.")
            return builder.response
        if name == "ReportSymptomIntent":
            symptom = intent.slots["symptom"]
            if self.delegate and request.dialog_state.value != "COMPLETED":
                return builder.add_directive(DelegateDirective(updated_intent=intent)).response
            if symptom.value is None:
                directive = ElicitSlotDirective(updated_intent=intent, slot_to_elicit="symptom")
                return builder.speak("Which symptom?").ask("Which symptom?").add_directive(directive).response
            attributes["disposition"] = "see_doctor"
            value_id = symptom.resolutions.resolutions_per_authority[0].values[0].value.id
            return builder.speak(f"Noted {value_id}.").ask("Anything else?").response
        if name == "ForgetMeIntent":
            status = intent.confirmation_status.value
            if status == "NONE":
                directive = ConfirmIntentDirective(updated_intent=intent)
                return builder.speak("Forget you?").ask("Forget you?").add_directive(directive).response
            return builder.speak(f"Forget {status.lower()}.").ask("Anything else?").response
        if name == "CausesIntent":
            builder.set_card(SimpleCard(title="Causes", content="Caffeine can do it."))
        return builder.speak(f"You asked {name}.").ask("Anything else?").response


@pytest.fixture
def skill() -> FakeSkill:
    return FakeSkill()


@pytest.fixture
def chat(skill: FakeSkill) -> Conversation:
    return Conversation(load_model(FIXTURE), skill, locale="en-GB", outcome_key="disposition")


# -- normalisation and built-in slot types ----------------------------------------------------------------


def test_normalise_drops_case_punctuation_and_fillers_but_keeps_meaningful_words() -> None:
    assert normalise("Um, so... WHAT causes it?!").tokens == ("what", "causes", "it")
    assert normalise("It feels like pins-and-needles, please").tokens == (
        "it", "feels", "like", "pins", "and", "needles",
    )  # fmt: skip
    assert normalise("I don\u2019t").tokens == ("i", "do", "not")
    # "so" and "well" are fillers only at the start
    assert normalise("I am so tired").tokens == ("i", "am", "so", "tired")


@pytest.mark.parametrize(
    ("spoken", "iso"),
    [
        ("three weeks", "P3W"),
        ("a month", "P1M"),
        ("two days", "P2D"),
        ("10 days", "P10D"),
        ("a fortnight", "P2W"),
        ("twenty one days", "P21D"),
        ("ninety nine years", "P99Y"),
        ("about a couple of weeks now", "P2W"),
        ("an hour", "PT1H"),
        ("half an hour", "PT30M"),
        ("a month and two weeks", "P1M2W"),
    ],
)
def test_duration_phrases_become_iso_8601(spoken: str, iso: str) -> None:
    assert parse_duration(normalise(spoken).tokens) == iso


@pytest.mark.parametrize("spoken", ["ages", "weeks", "since yesterday", "a long time", "three"])
def test_non_durations_are_rejected(spoken: str) -> None:
    assert parse_duration(normalise(spoken).tokens) is None


def test_numbers_in_words_and_digits() -> None:
    assert parse_number(("forty", "two")) == 42
    assert parse_number(("7",)) == 7
    assert parse_number(("nineteen",)) == 19
    assert parse_number(("forty", "twelve")) is None
    assert parse_number(("lots",)) is None


# -- resolution -----------------------------------------------------------------------------------------


def test_sample_with_slot_resolves_known_value(resolver: Resolver) -> None:
    result = resolver.resolve("why is my eyelid twitching")
    assert result.name == "CausesIntent"
    slot = result.slots["bodyPart"]
    assert (slot.value, slot.id, slot.status) == ("eyelid", "eyelid", ER_MATCH)


def test_synonym_resolves_to_the_value_id_and_canonical_name(resolver: Resolver) -> None:
    slot = resolver.resolve("Can coffee cause twitching?").slots["cause"]
    assert (slot.value, slot.id, slot.name, slot.status) == ("coffee", "caffeine", "caffeine", ER_MATCH)


def test_unknown_custom_value_is_no_match_with_the_raw_words(resolver: Resolver) -> None:
    result = resolver.resolve("can Red Bull cause twitching")
    assert result.name == "CausesIntent"
    slot = result.slots["cause"]
    assert (slot.value, slot.id, slot.status) == ("red bull", None, ER_NO_MATCH)


def test_duration_and_several_slots_in_one_sample(resolver: Resolver) -> None:
    result = resolver.resolve("My calf has been twitching for three weeks.")
    assert result.name == "ReportSymptomIntent"
    assert result.slots["bodyPart"].id == "calf"
    assert result.slots["duration"].value == "P3W"
    assert result.slots["duration"].status is None  # built-in types carry no entity resolution


def test_slot_split_prefers_known_values(resolver: Resolver) -> None:
    result = resolver.resolve("my leg keeps twitching and it feels weak")
    assert result.name == "ReportSymptomIntent"
    assert (result.slots["bodyPart"].id, result.slots["symptom"].id) == ("leg", "weakness")


def test_number_slot_must_parse_or_another_intent_wins(resolver: Resolver) -> None:
    assert resolver.resolve("I'm forty two").slots["age"].value == "42"
    assert resolver.resolve("i'm not").name == "AMAZON.NoIntent"


def test_search_query_takes_free_text(resolver: Resolver) -> None:
    assert resolver.resolve("look up magnesium tablets").slots["query"].value == "magnesium tablets"


@pytest.mark.parametrize(
    ("spoken", "intent"),
    [
        ("Yes.", "AMAZON.YesIntent"),
        ("yeah", "AMAZON.YesIntent"),
        ("I do", "AMAZON.YesIntent"),
        ("Nope", "AMAZON.NoIntent"),
        ("no, I haven't", "AMAZON.NoIntent"),
        ("I do not", "AMAZON.NoIntent"),
        ("not really", "AMAZON.NoIntent"),
        ("help", "AMAZON.HelpIntent"),
        ("what is this skill for", "AMAZON.HelpIntent"),  # a sample the model lists for a built-in
        ("Goodbye!", "AMAZON.StopIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("pardon?", "AMAZON.RepeatIntent"),
        ("start over", "AMAZON.StartOverIntent"),
        ("go home", "AMAZON.NavigateHomeIntent"),
    ],
)
def test_built_in_intents_have_their_usual_phrases(resolver: Resolver, spoken: str, intent: str) -> None:
    assert resolver.resolve(spoken).name == intent


@pytest.mark.parametrize(
    "spoken",
    [
        "WHAT causes twitching???",
        "um, uh, what causes twitching please",
        "Alexa, what causes twitching",
        "so what causes twitching",
        "can you tell me what causes twitching",  # a carrier phrase
        "what causes the twitching",  # a small word the sample lacks
    ],
)
def test_matching_tolerates_case_punctuation_and_filler(resolver: Resolver, spoken: str) -> None:
    result = resolver.resolve(spoken)
    assert (result.name, result.sample) == ("CausesIntent", "what causes twitching")


@pytest.mark.parametrize("spoken", ["", "   ", "um"])
def test_an_utterance_with_no_words_goes_to_fallback(resolver: Resolver, spoken: str) -> None:
    assert resolver.resolve(spoken).name == "AMAZON.FallbackIntent"


@pytest.mark.parametrize(
    "spoken", ["the weather in Paris", "purple monkey dishwasher", "there's an elephant on my chest"]
)
def test_unplaced_text_goes_to_the_catch_all_with_its_words(resolver: Resolver, spoken: str) -> None:
    result = resolver.resolve(spoken)
    assert (result.name, result.sample) == ("ReportSymptomIntent", "{symptom}")
    assert result.slots["symptom"].value == spoken.lower()
    assert result.slots["symptom"].status == "ER_SUCCESS_NO_MATCH"


def test_a_bare_slot_sample_resolves_a_known_value(resolver: Resolver) -> None:
    assert resolver.resolve("pins and needles").slots["symptom"].id == "tingling"


def test_a_model_without_a_catch_all_sends_fallback(tmp_path: Path) -> None:
    document = json.loads(FIXTURE.read_text())
    for intent in document["interactionModel"]["languageModel"]["intents"]:
        intent["samples"] = [s for s in intent.get("samples", []) if s != "{symptom}"]
    path = tmp_path / "en-US.json"
    path.write_text(json.dumps(document))
    assert Resolver(load_model(path)).resolve("banana bread").name == "AMAZON.FallbackIntent"


def test_elicited_slot_takes_a_bare_value_or_a_slot_sample(resolver: Resolver) -> None:
    elicit = ("ReportSymptomIntent", "duration")
    assert resolver.resolve("about two weeks", elicit=elicit).slots["duration"].value == "P2W"
    assert resolver.resolve("it's been a month", elicit=elicit).slots["duration"].value == "P1M"
    symptom = resolver.resolve("it feels numb", elicit=("ReportSymptomIntent", "symptom"))
    assert (symptom.name, symptom.slots["symptom"].id) == ("ReportSymptomIntent", "numbness")
    # Other intents still win when the answer is not a value, and free text fills a custom slot.
    assert resolver.resolve("stop", elicit=elicit).name == "AMAZON.StopIntent"
    assert (
        resolver.resolve("a weird buzzing", elicit=("ReportSymptomIntent", "symptom")).slots["symptom"].status
        == ER_NO_MATCH
    )


# -- invocation -----------------------------------------------------------------------------------------

NAME = "muscle twitch guide"


@pytest.mark.parametrize(
    "spoken",
    [
        "open muscle twitch guide",
        "Alexa, start Muscle Twitch Guide.",
        "launch the muscle twitch guide",
        "ask muscle twitch guide",
    ],
)
def test_launch_phrases(spoken: str) -> None:
    assert parse_invocation(spoken, NAME).kind == "launch"


def test_one_shot_tries_the_request_with_and_without_its_connecting_word() -> None:
    parsed = parse_invocation("Alexa, ask Muscle Twitch Guide whether twitching is a sign of healing", NAME)
    assert parsed.kind == "one_shot"
    assert parsed.readings == ("twitching is a sign of healing", "whether twitching is a sign of healing")
    assert (
        parse_invocation("tell muscle twitch guide to check my symptoms", NAME).readings[0]
        == "check my symptoms"
    )
    assert parse_invocation("ask muscle twitch guide what causes it", NAME).readings == ("what causes it",)
    assert parse_invocation("open muscle twitch guide and check my symptoms", NAME).readings == (
        "check my symptoms",
    )
    assert parse_invocation("ask muscle twitch guide when I shouldn't worry", NAME).readings == (
        "when i shouldn't worry",
    )


@pytest.mark.parametrize(
    ("spoken", "kind"),
    [
        ("talk to muscle twitch guide", "launch"),
        ("ask muscle twitch guide to check my symptoms", "one_shot"),
        ("check my symptoms using muscle twitch guide", "one_shot"),
        ("launch the muscle twitch guide", "utterance"),  # "the" is a typing convenience only
        ("muscle twitch guide check my symptoms", "utterance"),  # a bare name takes no request
    ],
)
def test_strict_reading_keeps_to_the_documented_launch_patterns(spoken: str, kind: str) -> None:
    assert parse_invocation(spoken, NAME, strict=True).kind == kind


def test_strict_reading_keeps_the_request_as_the_patterns_leave_it() -> None:
    spoken = "ask check my symptoms from muscle twitch guide"
    assert parse_invocation(spoken, NAME).readings == ("check my symptoms",)
    assert parse_invocation(spoken, NAME, strict=True).readings == ("ask check my symptoms",)
    assert parse_invocation("tell muscle twitch guide whether it hurts", NAME, strict=True).readings == (
        "whether it hurts",
    )
    assert parse_invocation("tell muscle twitch guide whether it hurts", NAME).readings == (
        "it hurts",
        "whether it hurts",
    )


def test_sample_match_wants_a_sample_word_for_word(resolver: Resolver) -> None:
    assert resolver.resolve("what causes the muscle twitching").name == "CausesIntent"
    matched = resolver.sample_match(["what causes muscle twitching"])
    assert matched is not None and matched.name == "CausesIntent"
    assert resolver.sample_match(["what on earth causes muscle twitching"]) is None
    assert resolver.sample_match(["help"]) is None  # a built-in intent's phrase is not a sample


def test_text_without_the_invocation_name_is_a_plain_utterance() -> None:
    assert parse_invocation("what causes twitching", NAME).kind == "utterance"


def test_one_shot_resolution_picks_the_better_reading(resolver: Resolver) -> None:
    parsed = parse_invocation("ask muscle twitch guide whether twitching is a sign of healing", NAME)
    assert resolver.resolve_any(list(parsed.readings)).name == "HealingIntent"
    parsed = parse_invocation("ask muscle twitch guide to check my symptoms", NAME)
    assert resolver.resolve_any(list(parsed.readings)).name == "SymptomCheckIntent"


# -- envelopes and sessions -----------------------------------------------------------------------------


def test_launch_then_question_carries_session_attributes(chat: Conversation, skill: FakeSkill) -> None:
    first = chat.say("open muscle twitch guide")
    assert first.intent == "LaunchRequest"
    assert first.speech == "Welcome & hello. Ask me."
    assert first.reprompt == "Ask me."
    assert first.end_session is False
    second = chat.say("can coffee cause twitching")
    launch, question = skill.requests
    assert launch.session.new is True
    assert question.session.new is False
    assert question.session.session_id == launch.session.session_id
    assert question.session.attributes == {"turns": 1}
    assert question.request.locale == "en-GB"
    assert second.card == {"title": "Causes", "text": "Caffeine can do it."}
    assert chat.attributes == {"turns": 2}


def test_intent_request_envelope_has_every_slot_and_entity_resolution(
    chat: Conversation, skill: FakeSkill
) -> None:
    turn = chat.say("can coffee cause twitching")
    slots = turn.request["request"]["intent"]["slots"] if turn.request else {}
    assert set(slots) == {"cause", "bodyPart"}
    assert "value" not in slots["bodyPart"]
    authority = slots["cause"]["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["authority"] == f"amzn1.er-authority.echo-sdk.{DEFAULT_SKILL_ID}.Cause"
    assert authority["status"]["code"] == ER_MATCH
    assert authority["values"] == [{"value": {"name": "caffeine", "id": "caffeine"}}]
    assert turn.request["request"]["timestamp"].endswith("Z")
    sdk_slot = skill.requests[0].request.intent.slots["cause"]
    assert sdk_slot.resolutions.resolutions_per_authority[0].values[0].value.id == "caffeine"


def test_session_ends_and_the_next_utterance_starts_a_new_one(chat: Conversation, skill: FakeSkill) -> None:
    chat.say("open muscle twitch guide")
    ended = chat.say("stop")
    assert ended.end_session is True
    assert not chat.in_session
    chat.say("what causes twitching")
    latest = skill.requests[-1]
    assert latest.session.new is True
    assert latest.session.attributes in (None, {})
    assert latest.session.session_id != skill.requests[0].session.session_id


def test_absent_should_end_session_keeps_the_session(chat: Conversation, skill: FakeSkill) -> None:
    chat.say("open muscle twitch guide")
    turn = chat.say("speak slower")
    assert turn.end_session is None
    assert chat.in_session
    chat.say("help")
    assert skill.requests[-1].session.new is False


def test_one_shot_always_opens_a_new_session(chat: Conversation, skill: FakeSkill) -> None:
    chat.say("open muscle twitch guide")
    turn = chat.say("ask muscle twitch guide what causes twitching")
    assert turn.intent == "CausesIntent"
    assert skill.requests[-1].session.new is True


def test_quitting_mid_session_sends_session_ended(chat: Conversation, skill: FakeSkill) -> None:
    assert chat.end() is None  # nothing to end yet
    chat.say("open muscle twitch guide")
    turn = chat.end()
    assert turn is not None
    assert turn.intent == "SessionEndedRequest"
    assert skill.requests[-1].request.reason.value == "USER_INITIATED"
    assert not chat.in_session


def test_silence_hears_the_reprompt_then_ends_the_session(chat: Conversation, skill: FakeSkill) -> None:
    chat.say("open muscle twitch guide")
    reprompt = chat.silence()
    assert reprompt is not None
    assert reprompt.speech == "Ask me."
    assert reprompt.request is None
    chat.silence()
    assert skill.requests[-1].request.reason.value == "EXCEEDED_MAX_REPROMPTS"
    assert not chat.in_session


def test_disposition_comes_from_session_attributes(chat: Conversation) -> None:
    turn = chat.say("i have pins and needles")
    assert turn.disposition == "see_doctor"
    assert turn.to_json()["slots"] == {"symptom": {"value": "pins and needles", "id": "tingling"}}


def test_elicit_slot_directive_steers_the_next_utterance(chat: Conversation, skill: FakeSkill) -> None:
    chat.say("open muscle twitch guide")
    asked = chat.say("my calf is twitching")
    assert asked.speech == "Which symptom?"
    answered = chat.say("pins and needles")
    request = skill.requests[-1].request
    assert answered.speech == "Noted tingling."
    assert request.dialog_state.value == "IN_PROGRESS"
    assert request.intent.slots["bodyPart"].value == "calf"  # kept from the updated intent


def test_confirm_intent_turns_yes_or_no_into_a_confirmation(chat: Conversation, skill: FakeSkill) -> None:
    chat.say("open muscle twitch guide")
    assert chat.say("forget me").speech == "Forget you?"
    assert chat.say("yes please").speech == "Forget confirmed."
    assert skill.requests[-1].request.intent.name == "ForgetMeIntent"
    chat.say("forget me")
    assert chat.say("nope").speech == "Forget denied."
    chat.say("forget me")
    assert chat.say("help").speech == "You asked AMAZON.HelpIntent."  # anything else is a new request


def test_delegate_speaks_the_dialog_prompt_then_completes() -> None:
    skill = FakeSkill(delegate=True)
    chat = Conversation(load_model(FIXTURE), skill)
    prompt = chat.say("my thumb keeps twitching")
    assert prompt.dialog_prompt
    assert prompt.speech == "What else do you notice in your thumb?"
    assert skill.requests[0].request.dialog_state.value == "STARTED"
    done = chat.say("it feels weak")
    states = [r.request.dialog_state.value for r in skill.requests]
    assert states == ["STARTED", "IN_PROGRESS", "COMPLETED"]
    assert done.speech == "Noted weakness."


def test_a_failing_skill_raises_a_clear_error_and_closes_the_session() -> None:
    def broken(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise RuntimeError("boom")

    chat = Conversation(load_model(FIXTURE), broken)
    with pytest.raises(SkillError, match="RuntimeError: boom"):
        chat.say("open muscle twitch guide")
    assert not chat.in_session
    with pytest.raises(SkillError, match="not a valid response envelope"):
        Conversation(load_model(FIXTURE), lambda e, c: {"response": {"card": 7}}).say("help")


# -- rendering ------------------------------------------------------------------------------------------


def test_ssml_renders_as_plain_speech() -> None:
    ssml = (
        "<speak>Call <say-as interpret-as='telephone'>911</say-as> now.<break time='500ms'/>"
        "<p>It&apos;s <emphasis>not</emphasis> <sub alias='amyotrophic'>ALS</sub> &amp; rare.</p>"
        "<audio src='https://example.com/x.mp3'/></speak>"
    )
    assert ssml_to_text(ssml) == "Call 911 now. It's not amyotrophic & rare."


def test_ssml_problems_are_reported() -> None:
    assert ssml_problem("<speak>fine</speak>") is None
    assert "not well-formed" in (ssml_problem("<speak>Tom & Jerry</speak>") or "")
    assert "root" in (ssml_problem("<p>hi</p>") or "")


# -- the command line -----------------------------------------------------------------------------------

FAKE_MODULE = """
def handler(event, context):
    request = event["request"]
    name = request.get("intent", {}).get("name", request["type"])
    attributes = dict(event["session"].get("attributes") or {})
    attributes["seen"] = attributes.get("seen", 0) + 1
    if name == "ReportSymptomIntent":
        attributes["disposition"] = "self_care"
    end = name == "AMAZON.StopIntent"
    return {
        "version": "1.0",
        "sessionAttributes": attributes,
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": "<speak>Heard " + name + " &amp; more.</speak>"},
            "reprompt": {"outputSpeech": {"type": "PlainText", "text": "Anything else?"}},
            "card": {"type": "Simple", "title": "T", "content": "C"},
            "shouldEndSession": end,
        },
    }
"""


@pytest.fixture
def fake_entry(tmp_path: Path, isolated: None) -> list[str]:
    """CLI arguments that run the fixture model against a fake handler module written to tmp_path."""
    module = f"fake_skill_{uuid.uuid4().hex}"
    (tmp_path / f"{module}.py").write_text(FAKE_MODULE, encoding="utf-8")
    return [
        "--model",
        str(FIXTURE),
        "--code-uri",
        str(tmp_path),
        "--handler",
        f"{module}.handler",
        "--no-store",
    ]


def test_json_prints_one_object_per_turn(fake_entry: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    utterances = ["open muscle twitch guide", "my calf has been twitching for 3 weeks", "stop"]
    assert cli.main([*fake_entry, "--json", *utterances]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 3
    keys = {
        "utterance",
        "intent",
        "slots",
        "speech",
        "ssml",
        "reprompt",
        "card",
        "end_session",
        "disposition",
    }
    assert all(set(line) == keys for line in lines)
    launch, report, stop = lines
    assert launch["intent"] == "LaunchRequest"
    assert launch["disposition"] is None
    assert launch["speech"] == "Heard LaunchRequest & more."
    assert launch["ssml"] == "<speak>Heard LaunchRequest &amp; more.</speak>"
    assert launch["reprompt"] == "Anything else?"
    assert launch["card"] == {"title": "T", "text": "C"}
    assert report["utterance"] == utterances[1]
    assert report["slots"] == {
        "bodyPart": {"value": "calf", "id": "calf"},
        "duration": {"value": "P3W", "id": None},
    }
    assert report["disposition"] == "self_care"
    assert stop["end_session"] is True


def test_text_mode_prints_speaker_reprompt_and_verbose_details(
    fake_entry: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([*fake_entry, "--verbose", "can coffee cause twitching"]) == 0
    out = capsys.readouterr().out
    assert "speaker> Heard CausesIntent & more." in out
    assert "  (reprompt: Anything else?)" in out
    assert "[intent=CausesIntent, slots={cause=coffee (id caffeine)}, disposition=None" in out


def test_chat_reads_lines_and_quits_on_end_of_input(
    fake_entry: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = iter(["open muscle twitch guide", "/state", "help"])

    def fake_input(prompt: str) -> str:
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    assert cli.main(fake_entry) == 0
    out = capsys.readouterr().out
    assert "speaker> Heard LaunchRequest & more." in out
    assert '"seen": 1' in out
    assert "speaker> Heard AMAZON.HelpIntent & more." in out


def test_speak_without_espeak_says_how_to_install_it_once(
    fake_entry: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(voice.shutil, "which", lambda _: None)
    assert cli.main([*fake_entry, "--speak", "open muscle twitch guide", "help"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("sudo apt-get install espeak-ng") == 1
    assert "speaker> Heard AMAZON.HelpIntent" in captured.out


def test_json_without_utterances_is_a_usage_error(
    fake_entry: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([*fake_entry, "--json"]) == 2
    assert "--json needs" in capsys.readouterr().err


def test_skill_failure_exits_1_with_the_cause(
    tmp_path: Path, isolated: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "crashing_skill.py").write_text(
        "def handler(e, c):\n    raise KeyError('x')\n", encoding="utf-8"
    )
    argv = ["--model", str(FIXTURE), "--code-uri", str(tmp_path), "--handler", "crashing_skill.handler"]
    assert cli.main([*argv, "--no-store", "--json", "help"]) == 1
    err = capsys.readouterr().err
    assert "the skill raised KeyError" in err
    assert "Traceback" not in err


def test_missing_handler_module_is_a_clear_error(
    tmp_path: Path, isolated: None, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--model", str(FIXTURE), "--code-uri", str(tmp_path), "--handler", "nowhere_to_be_found.handler"]
    assert cli.main([*argv, "--no-store", "help"]) == 2
    err = capsys.readouterr().err
    assert "cannot import nowhere_to_be_found" in err
    assert "Traceback" not in err


# -- bad input ------------------------------------------------------------------------------------------


def _write_model(directory: Path, locale: str, body: str) -> Path:
    path = directory / f"{locale}.json"
    path.write_text(body, encoding="utf-8")
    return path


def test_unknown_locale_names_the_locales_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for locale in ("en-US", "en-GB"):
        _write_model(tmp_path, locale, FIXTURE.read_text(encoding="utf-8"))
    assert cli.main(["--models-dir", str(tmp_path), "--locale", "xx-YY", "--coverage"]) == 2
    err = capsys.readouterr().err
    assert "No interaction model for locale 'xx-YY' (have: en-GB, en-US)" in err
    assert "Traceback" not in err


def test_broken_json_names_the_file_and_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_model(tmp_path, "en-US", '{"interactionModel": {')
    assert cli.main(["--models-dir", str(tmp_path), "--coverage"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "not valid JSON" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m["interactionModel"]["languageModel"].pop("invocationName"), "invocationName is missing"),
        (
            lambda m: m["interactionModel"]["languageModel"]["intents"][0].update(samples="oops"),
            "list of strings",
        ),
        (
            lambda m: m["interactionModel"]["languageModel"]["intents"][2]["slots"][0].update(type="Nope"),
            "'Nope', which the model lacks",
        ),
        (
            lambda m: m["interactionModel"]["languageModel"]["intents"][0]["samples"].append(
                "what is {thing}"
            ),
            "uses slot {thing}",
        ),
    ],
)
def test_model_errors_say_what_is_wrong(tmp_path: Path, edit: Any, message: str) -> None:
    model = json.loads(FIXTURE.read_text(encoding="utf-8"))
    edit(model)
    path = _write_model(tmp_path, "en-US", json.dumps(model))
    with pytest.raises(ModelError, match=message) as error:
        load_model(path)
    assert str(path) in str(error.value)


def test_model_path_rejects_a_malformed_locale(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="have: none in"):
        model_path(tmp_path, "../../etc/passwd")


# -- coverage -------------------------------------------------------------------------------------------


def test_fixture_model_has_no_collisions(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--model", str(FIXTURE), "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "Collisions: none" in out
    assert any(line.split()[:3] == ["CausesIntent", "9", "-"] for line in out.splitlines())


def test_coverage_flags_identical_and_shadowed_samples(tmp_path: Path) -> None:
    model = json.loads(FIXTURE.read_text(encoding="utf-8"))
    intents = model["interactionModel"]["languageModel"]["intents"]
    by_name = {i["name"]: i for i in intents}
    by_name["SelfCareIntent"]["samples"].append("What causes  twitching?")  # same as CausesIntent's
    by_name["UnsureIntent"]["samples"].append("yes")  # a built-in phrase of YesIntent
    by_name["ForgetMeIntent"]["samples"].append("{symptom}")
    by_name["ForgetMeIntent"]["slots"] = [{"name": "symptom", "type": "Symptom"}]
    report = coverage(load_model(_write_model(tmp_path, "en-US", json.dumps(model))))
    found = {(c.kind, c.intents) for c in report.collisions}
    assert ("identical", ("CausesIntent", "SelfCareIntent")) in found
    assert ("identical", ("UnsureIntent", "AMAZON.YesIntent")) in found
    assert ("identical", ("ReportSymptomIntent", "ForgetMeIntent")) in found


def test_coverage_reports_missing_required_built_ins(tmp_path: Path) -> None:
    model = json.loads(FIXTURE.read_text(encoding="utf-8"))
    language = model["interactionModel"]["languageModel"]
    language["intents"] = [i for i in language["intents"] if i["name"] != "AMAZON.NavigateHomeIntent"]
    report = coverage(load_model(_write_model(tmp_path, "en-US", json.dumps(model))))
    assert report.missing_builtins == ["AMAZON.NavigateHomeIntent"]


# -- locating and configuring the function --------------------------------------------------------------


def test_handler_location_reads_the_template_despite_cloudformation_tags(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(
        "Resources:\n"
        "  Table:\n    Type: AWS::DynamoDB::Table\n"
        "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      CodeUri: src/\n      Handler: main.entry\n      Role: !GetAtt Role.Arn\n"
        "      Environment:\n        Variables:\n          T: !Ref Table\n"
        "      Events:\n        Alexa:\n          Type: AlexaSkill\n          Properties:\n"
        "            SkillId: !Sub '${SkillId}'\n",
        encoding="utf-8",
    )
    assert handler_location(tmp_path) == (tmp_path / "src/", "main.entry")
    assert handler_location(tmp_path / "absent") == (tmp_path / "absent" / "lambda/", "app.handler")


def test_store_configuration_never_points_at_dynamodb(
    tmp_path: Path, isolated: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setenv("PREFERENCES_TABLE", "real-table")
    store = configure_store(tmp_path / "prefs.json")
    assert os.environ["LOCAL_PREFERENCES_FILE"] == str(tmp_path / "prefs.json") == str(store)
    assert "PREFERENCES_TABLE" not in os.environ
    assert configure_store(None, enabled=False) is None
    assert "LOCAL_PREFERENCES_FILE" not in os.environ
    assert fake_user_id(store) == fake_user_id(tmp_path / "prefs.json") != fake_user_id(None)


def test_screen_flag_adds_apl_to_the_device(skill: FakeSkill) -> None:
    chat = Conversation(load_model(FIXTURE), skill, identity=Identity(screen=True))
    chat.say("open muscle twitch guide")
    assert skill.requests[0].context.system.device.supported_interfaces.alexa_presentation_apl is not None


# -- the real skill, end to end -------------------------------------------------------------------------


def _run_real(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    assert cli.main(argv) == 0, capsys.readouterr().err
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.fixture
def real_store(tmp_path: Path, isolated: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A store of its own; app.py builds the skill (reading the store path) on import: import it afresh."""
    monkeypatch.delitem(sys.modules, "app", raising=False)
    yield ["--store", str(tmp_path / "preferences.json")]
    sys.modules.pop("app", None)  # monkeypatch then puts back any app imported before this test


@real_skill
def test_real_skill_launch_question_and_stop(
    real_store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    turns = _run_real(
        [*real_store, "--json", "open muscle twitch guide", "what causes muscle twitching", "stop"], capsys
    )
    launch, question, stop = turns
    assert (Path(real_store[1])).is_file()  # preferences went to the embedded local store
    assert launch["speech"]
    assert launch["end_session"] is False
    assert question["intent"] == "CausesIntent"
    assert question["speech"]
    assert stop["end_session"] is True


@real_skill
def test_real_skill_gives_emergency_advice_at_once(
    real_store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (turn,) = _run_real(
        [*real_store, "--json", "ask muscle twitch guide: I'm twitching and I'm having trouble breathing"],
        capsys,
    )
    assert turn["disposition"] == "emergency"
    assert "911" in turn["speech"] or "nine one one" in turn["speech"]


def _real_locales() -> Iterator[str]:
    models = REPO / "interaction_models"
    yield from sorted(p.stem for p in models.glob("*.json")) if models.is_dir() else []


@real_skill
@pytest.mark.parametrize("locale", list(_real_locales()))
def test_real_models_have_no_colliding_samples(locale: str, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["--locale", locale, "--coverage"])
    assert status == 0, capsys.readouterr().out


def test_a_slot_starting_inside_a_contraction_keeps_the_whole_typed_word() -> None:
    from skill_sim.text import normalise

    words = normalise("I haven't had a seizure")
    start = words.tokens.index("not")
    assert words.surface(start, len(words.tokens)) == "haven't had a seizure"


@pytest.mark.parametrize(
    ("spoken", "sample"),
    [
        ("why do your muscle twitch", "why do my muscles twitch"),  # "your" for "my", a singular for a plural
        (
            "why does my leg twitch is that normal",
            "why does my {bodyPart} twitch",
        ),  # a trailing check is ignored
    ],
)
def test_resolution_tolerates_what_alexa_ignores(spoken: str, sample: str | None) -> None:
    resolver = Resolver(
        load_model(model_path(Path(__file__).resolve().parent.parent / "interaction_models", "en-US"))
    )
    result = resolver.resolve(spoken)
    assert result.name == "CausesIntent"
    if sample is not None:
        assert result.sample == sample
