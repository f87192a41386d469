"""Whole conversations, end to end: typed text -> the simulator's real request envelopes -> the Lambda handler.

Every response is checked on the way (tests/chat_support.py): it deserializes as an ask-sdk-model
ResponseEnvelope and its SSML is well-formed XML.
"""

from __future__ import annotations

import re

import pytest

from chat_support import LOCALES, Chat, ChatFactory, answer_no_until_done
from twitch_guide.dialog import unpack
from twitch_guide.triage.rules import default_rules

RULES = default_rules()
SPOKEN_NUMBER = {loc: RULES.locales[loc].emergency_number_spoken for loc in LOCALES}
ALL_NO = ["no"] * 7


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]


# --- launch and information ----------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_launch_welcomes_with_the_disclaimer_and_the_local_number(chat: ChatFactory, locale: str) -> None:
    turn = chat(locale).say("open muscle twitch guide")
    assert turn.intent == "LaunchRequest"
    assert "not a substitute for a doctor" in turn.speech
    assert f"call {SPOKEN_NUMBER[locale]}" in turn.speech
    assert turn.reprompt and not turn.end_session


def test_later_visits_hear_the_short_disclaimer(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    talk.say("stop")
    second = talk.say("open muscle twitch guide")
    assert second.speech.startswith("Welcome back")
    assert "not a substitute" not in second.speech
    assert "general information" in second.speech and "nine one one" in second.speech


@pytest.mark.parametrize(
    ("utterance", "intent", "expected"),
    [
        ("what is muscle twitching", "WhatIsTwitchingIntent", "fasciculation"),
        ("is a twitch the same as a spasm", "WhatIsTwitchingIntent", "cramp or spasm is different"),
        ("how long does twitching last", "HowLongIntent", "within a few days"),
        ("is twitching a sign of healing", "HealingIntent", "isn't proof"),
        ("is twitching normal after a workout", "HealingIntent", "hard workout"),
        ("is it normal to twitch after an injury", "HealingIntent", "strain or injury"),
        ("does twitching mean a nerve is healing", "HealingIntent", "regrows"),
        ("what causes muscle twitching", "CausesIntent", "stress, tiredness and caffeine"),
        ("can caffeine cause twitching", "CausesIntent", "Caffeine stimulates"),
        ("can coffee cause twitching", "CausesIntent", "Caffeine stimulates"),
        ("does stress cause twitching", "CausesIntent", "Stress hormones"),
        ("can magnesium cause twitching", "CausesIntent", "Magnesium helps"),
        ("can lack of sleep cause twitching", "CausesIntent", "short of sleep"),
        ("can antidepressants cause twitching", "CausesIntent", "Never stop a prescribed medicine"),
        ("why does my eyelid twitch", "CausesIntent", "stress, tiredness and caffeine"),
        ("how do i stop twitching", "SelfCareIntent", "stretch or massage"),
        ("what is benign fasciculation syndrome", "BenignFasciculationIntent", "normal strength"),
        (
            "does twitching mean i have a. l. s.",
            "AlsWorryIntent",
            "weakness, muscle wasting, or speech or swallowing",
        ),
        ("does twitching mean motor neurone disease", "AlsWorryIntent", "very rarely"),
        ("when should i see a doctor", "WhenToSeeDoctorIntent", "more than two weeks"),
        ("is it serious", "WhenToSeeDoctorIntent", "nine one one"),
        ("my baby is twitching", "ChildTwitchingIntent", "for adults"),
    ],
)
@pytest.mark.parametrize("locale", LOCALES)
def test_information_answers_are_short_and_offer_one_next_step(
    chat: ChatFactory, utterance: str, intent: str, expected: str, locale: str
) -> None:
    talk = chat(locale)
    talk.say("open muscle twitch guide")
    turn = talk.say(utterance)
    assert turn.intent == intent
    assert expected.replace("nine one one", SPOKEN_NUMBER[locale]) in turn.speech
    assert turn.speech.rstrip().endswith("?"), "an answer ends with one follow-up offer"
    assert turn.disposition is None
    assert len(turn.speech.split()) <= 75


def test_a_sign_named_as_the_cause_asked_about_is_answered_not_checked(chat: ChatFactory) -> None:
    talk = chat("en-GB")
    talk.say("open muscle twitch guide")
    turn = talk.say("can side effects from medication cause twitching")
    assert turn.intent == "CausesIntent"
    assert "Never stop a prescribed medicine" in turn.speech
    assert "quick questions" not in turn.speech


def test_an_unknown_cause_is_not_dropped_silently(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    turn = talk.say("can moonlight cause twitching")
    assert turn.intent == "CausesIntent"
    assert turn.slots()["cause"]["id"] is None
    assert "don't have information on that" in turn.speech
    assert "stress, tiredness and caffeine" in turn.speech


def test_the_als_answer_reassures_without_promising(chat: ChatFactory) -> None:
    turn = chat("en-GB").say("ask muscle twitch guide does twitching mean i have a. l. s.")
    assert "can't rule anything out" in turn.speech
    assert "see your GP" in turn.speech
    for promise in ("you don't have", "you do not have", "nothing to worry", "definitely", "certainly"):
        assert promise not in turn.speech.lower()
    assert "check your symptoms" in turn.speech


def test_yes_to_an_offer_takes_it_and_no_moves_on(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    assert "self-care tips" in talk.say("what causes twitching").speech
    assert "stretch or massage" in talk.say("yes").speech
    talk.say("what is a twitch")
    assert talk.say("no").speech == "What else would you like to know?"


def test_yes_or_no_when_nothing_was_asked_is_handled_gracefully(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    turn = talk.say("yes")
    assert "didn't ask a yes or no question" in turn.speech
    assert not turn.end_session


def test_one_shot_answers_and_offers_a_follow_up(chat: ChatFactory) -> None:
    turn = chat("en-US").say("ask muscle twitch guide what causes twitching")
    assert turn.intent == "CausesIntent"
    assert "not a substitute for a doctor" in turn.speech  # the first answer ever carries the disclaimer
    assert "stress, tiredness and caffeine" in turn.speech
    assert turn.speech.endswith("?") and not turn.end_session


# --- the symptom check ---------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_all_no_ends_in_self_care_within_seven_questions(chat: ChatFactory, locale: str) -> None:
    talk = chat(locale)
    talk.say("open muscle twitch guide")
    first = talk.say("check my symptoms")
    assert "trouble breathing" in first.speech and first.reprompt
    questions = 1
    turn = first
    while turn.disposition is None and questions <= 7:
        turn = talk.say("no")
        questions += turn.disposition is None
    assert questions <= 7
    assert turn.disposition == "self_care"
    assert "Nothing you've told me points to something serious" in turn.speech
    assert not turn.end_session


@pytest.mark.parametrize("locale", LOCALES)
def test_yes_to_the_first_question_is_an_emergency_with_the_local_number_first(
    chat: ChatFactory, locale: str
) -> None:
    talk = chat(locale)
    talk.say("open muscle twitch guide")
    talk.say("check my symptoms")
    turn = talk.say("yes")
    assert turn.disposition == "emergency"
    assert f"call {SPOKEN_NUMBER[locale]} now" in _first_sentence(turn.speech)
    assert "I can't call for you" in turn.speech
    assert turn.reprompt == "Say repeat to hear the number again."
    again = talk.say("repeat")
    assert again.speech == turn.speech and not again.end_session
    assert turn.card and RULES.locales[locale].emergency_number in (turn.card["text"] or "")


@pytest.mark.parametrize("answer", ["not sure", "i don't know", "maybe"])
def test_not_sure_on_an_emergency_question_is_never_no(chat: ChatFactory, answer: str) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    turn = talk.say(answer)
    assert turn.intent == "UnsureIntent"
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == "urgent"
    assert "nine one one" in _first_sentence(turn.speech)


def test_a_sudden_weakness_clarifier_can_raise_see_doctor_to_emergency(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    for _ in range(4):
        talk.say("no")
    assert "weak or stiff" in talk.last.speech  # type: ignore[union-attr]
    clarifier = talk.say("yes")
    assert "come on suddenly" in clarifier.speech
    assert talk.say("yes").disposition == "emergency"


@pytest.mark.parametrize(
    ("yes_at", "level"), [(0, "emergency"), (1, "emergency"), (2, "emergency"), (3, "urgent"), (5, "see_doctor"),
                          (6, "see_doctor")]
)  # fmt: skip
def test_each_question_answered_yes_gives_its_level(chat: ChatFactory, yes_at: int, level: str) -> None:
    talk = chat("en-GB")
    turn = talk.say("check my symptoms")
    for _ in range(yes_at):
        turn = talk.say("no")
    turn = talk.say("yes")
    assert turn.disposition == level
    if level == "see_doctor":
        assert "see your GP soon" in turn.speech
        assert "That's because" in turn.speech
    if level == "urgent":
        assert "NHS one one one" in turn.speech


# --- volunteered symptoms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "utterance",
    [
        "i'm twitching and i'm having trouble breathing",
        "i can't catch my breath",
        "i have chest pain",
        "my face is drooping",
        "i had a seizure",
    ],
)
def test_an_emergency_symptom_at_launch_gets_emergency_advice_first(
    chat: ChatFactory, utterance: str
) -> None:
    turn = chat("en-AU").say(f"ask muscle twitch guide {utterance}")
    assert turn.disposition == "emergency"
    assert _first_sentence(turn.speech) == "Please call triple zero now."
    assert not turn.end_session and "repeat" in (turn.reprompt or "")


def test_my_leg_is_twitching_and_feels_weak_starts_the_emergency_screen(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    turn = talk.say("my leg keeps twitching and it feels weak")
    assert turn.intent == "ReportSymptomIntent"
    assert "Thanks for telling me" in turn.speech and "trouble breathing" in turn.speech
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == "see_doctor"
    assert "the muscle feels weak" in turn.speech


@pytest.mark.parametrize(
    ("flag_id", "synonym"),
    [(flag.id, synonym) for flag in RULES.red_flags.values() for synonym in flag.synonyms],
)
def test_every_red_flag_synonym_volunteered_mid_interview_escalates(
    chat: ChatFactory, flag_id: str, synonym: str
) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    talk.say("no")
    turn = talk.say(f"i have {synonym}")
    level = RULES.red_flags[flag_id].level
    attributes = talk.attributes if talk.in_session else {}
    if level.value == "emergency":
        assert turn.disposition == "emergency" and attributes.get("question") is None
    else:
        findings = unpack(attributes["findings"])["flags"]
        assert flag_id in findings or turn.disposition == level.value, (synonym, turn.intent, turn.slots())


def test_a_symptom_inside_a_question_about_causes_is_applied(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    turn = talk.say("can stress cause chest pain")
    assert turn.disposition == "emergency"


def test_an_emergency_after_an_information_answer_interrupts_it(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("what causes twitching")
    turn = talk.say("i'm having trouble swallowing")
    assert turn.disposition == "emergency"


def test_a_duration_over_two_weeks_raises_and_a_few_days_does_not(chat: ChatFactory) -> None:
    long = chat("en-US")
    long.say("open muscle twitch guide")
    turn = long.say("it's been twitching for three weeks")
    turn = answer_no_until_done(long, turn)
    assert turn.disposition == "see_doctor"
    short = chat("en-US")
    short.say("open muscle twitch guide")
    turn = short.say("it's been twitching for two days")
    turn = answer_no_until_done(short, turn)
    assert turn.disposition == "self_care"


@pytest.mark.parametrize(
    "story",
    [
        ["can coffee cause twitching", "yes"],
        ["is twitching normal after a workout", "no", "my calf twitches"],
        ["it's been twitching for two days"],
        ["does stress cause twitching", "no", "i've been twitching for a few days"],
    ],
)
def test_harmless_stories_stay_self_care_through_the_whole_conversation(
    chat: ChatFactory, story: list[str]
) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    for line in story:
        talk.say(line)
    turn = talk.say("check my symptoms") if talk.attributes.get("question") is None else talk.last
    assert turn is not None
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == "self_care"


# --- built-ins -----------------------------------------------------------------------------------------


def test_repeat_repeats_the_last_thing_said(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    question = talk.say("check my symptoms")
    again = talk.say("repeat that")
    assert again.intent == "AMAZON.RepeatIntent"
    assert again.speech == question.speech
    assert talk.say("no").intent == "AMAZON.NoIntent"  # the check carries on after a repeat
    assert "suddenly" in talk.last.speech  # type: ignore[union-attr]


def test_help_differs_inside_and_outside_the_check(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    outside = talk.say("help")
    talk.say("check my symptoms")
    inside = talk.say("help")
    assert outside.speech != inside.speech
    assert "yes, no, or not sure" in inside.speech and "trouble breathing" in inside.speech


def test_stop_during_a_check_leaves_a_safety_line(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    turn = talk.say("stop")
    assert turn.end_session
    assert "call nine one one" in turn.speech
    plain = chat("en-US")
    plain.say("open muscle twitch guide")
    assert plain.say("cancel").speech == "Take care."


def test_stopping_after_a_volunteered_symptom_still_gives_its_advice(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    talk.say("i have pins and needles")
    turn = talk.say("stop")
    assert "see your doctor soon" in turn.speech


def test_fallback_reprompts_and_in_a_check_gives_the_safety_net(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    outside = talk.say("blah blah fishcakes")  # the catch-all carries the words; none of them is placed
    assert "call nine one one now" in outside.speech
    assert "check my symptoms" in outside.speech and not outside.end_session
    talk.say("check my symptoms")
    inside = talk.say("blah blah fishcakes")
    assert "call nine one one now" in inside.speech and "trouble breathing" in inside.speech


def test_start_over_restarts_the_questions_but_keeps_yes_answers(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    for _ in range(6):
        talk.say("no")
    talk.say("start over")
    assert "trouble breathing" in talk.last.speech  # type: ignore[union-attr]
    kept = chat("en-US")
    kept.say("check my symptoms")
    for _ in range(4):
        kept.say("no")
    kept.say("yes")  # weak, stiff or thinner
    kept.say("no")  # not sudden
    turn = kept.say("start over")
    turn = answer_no_until_done(kept, turn)
    assert turn.disposition == "see_doctor"


def test_navigate_home_ends_politely(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    turn = talk.say("go home")
    assert turn.intent == "AMAZON.NavigateHomeIntent" and turn.end_session


def test_speaking_rate_is_applied_through_prosody(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    turn = talk.say("speak slower")
    assert '<prosody rate="85%">' in (turn.ssml or "")
    assert '<prosody rate="85%">' in (talk.say("what is a twitch").ssml or "")
    assert "<prosody" not in (talk.say("speak normally").ssml or "")


def test_unknown_locale_never_names_another_countrys_number(chat: ChatFactory) -> None:
    talk = Chat.for_locale_with_model("en-NZ", "en-AU")
    talk.say("check my symptoms")
    turn = talk.say("yes")
    assert turn.disposition == "emergency"
    assert "your local emergency number" in _first_sentence(turn.speech)
    assert "triple zero" not in turn.speech


def test_session_attributes_carry_the_disposition_once_given(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    assert "disposition" not in talk.attributes
    turn = talk.say("no")
    turn = answer_no_until_done(talk, turn)
    assert talk.attributes["disposition"] == "self_care"
    assert talk.say("what is a twitch").disposition == "self_care"


# --- regressions from the safety review --------------------------------------------------------------


@pytest.mark.parametrize(
    ("utterances", "level"),
    [
        (["my chest hurts"], "emergency"),
        (["my leg suddenly went weak"], "emergency"),
        (["my arm went weak all of a sudden"], "emergency"),
        (["my face is numb on one side"], "emergency"),
        (["one side of my face is numb"], "emergency"),
        (["my baby is twitching and not breathing"], "emergency"),
        (["i passed out"], "emergency"),
        (["i'm choking"], "emergency"),
        (["my chest is tight"], "emergency"),
        (["i think i'm having a stroke"], "emergency"),
        (["i've fallen twice this week"], "urgent"),
        (["my balance is off"], "urgent"),
        (["i'm getting weaker"], "see_doctor"),
        (["my vision is blurry"], "see_doctor"),
        (["i've lost ten pounds without trying"], "see_doctor"),
        (["i think my medication is causing it"], "see_doctor"),
        (["i don't have chest pain or trouble breathing"], "self_care"),
        (["i have no numbness or tingling"], "self_care"),
        (["my calf is sore and twitching after a long run"], "self_care"),
        # second safety review
        (["i'm wheezing"], "emergency"),
        (["my chest is aching"], "emergency"),
        (["i've had a blackout"], "emergency"),
        (["food keeps getting stuck"], "emergency"),
        (["the room is spinning"], "see_doctor"),
        (["i feel dizzy"], "see_doctor"),
        (["my hand is clumsy"], "see_doctor"),
        (["i can't hold a cup"], "see_doctor"),
        (["tingly fingers"], "see_doctor"),
        (["things look double"], "urgent"),
        (["the twitching has moved to my other leg"], "see_doctor"),
        (["i started steroids last week"], "see_doctor"),
        (["i started new pills last week"], "see_doctor"),
        (["i'm not on any new pills"], "self_care"),
        (["i don't think it's spreading"], "self_care"),
        (["i fell asleep and my leg twitched"], "self_care"),
    ],
)
def test_natural_phrasings_reach_their_level(chat: ChatFactory, utterances: list[str], level: str) -> None:
    talk = chat("en-US")  # the phrasings come from two red-team reviews through the simulator
    talk.say("open muscle twitch guide")
    for utterance in utterances:
        turn = talk.say(utterance)
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == level, turn.speech


def test_a_partial_yes_to_an_emergency_question_counts_as_yes(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    assert talk.say("a little").disposition == "emergency"


def test_fallback_outside_a_check_carries_the_safety_line(chat: ChatFactory) -> None:
    talk = chat("en-GB")
    talk.say("open muscle twitch guide")
    assert "call nine nine nine now" in talk.say("blah blah fishcakes").speech


def test_stopping_after_not_sure_keeps_the_emergency_number(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    talk.say("not sure")
    turn = talk.say("stop")
    assert "call nine one one" in turn.speech  # the doubt about an emergency sign keeps its number
    assert turn.end_session


def test_no_to_what_else_says_goodbye(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("what causes twitching")
    talk.say("no")
    turn = talk.say("no")
    assert turn.speech == "Take care."
    assert turn.end_session


def test_a_second_check_asks_again_what_was_not_sure(chat: ChatFactory) -> None:
    talk = chat("en-US")
    talk.say("check my symptoms")
    turn = talk.say("not sure")
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == "urgent"
    again = talk.say("check my symptoms")
    assert again.speech.endswith(RULES.questions[0].ask)  # the first question is asked again
    answers = 1
    while talk.attributes.get("question"):
        turn = talk.say("no")
        answers += 1
    assert answers <= 8
    assert turn.disposition == "self_care"  # the caller has now ruled the emergency signs out


def test_an_emergency_first_contact_does_not_count_as_hearing_the_disclaimer(chat: ChatFactory) -> None:
    talk = chat("en-US")
    assert talk.say("ask muscle twitch guide i have chest pain").disposition == "emergency"
    assert "not a substitute for a doctor" in talk.say("open muscle twitch guide").speech


@pytest.mark.parametrize("utterance", ["i haven't had a seizure", "i haven't fallen", "it isn't painful"])
def test_a_denied_symptom_keeps_its_negation_through_the_simulator(chat: ChatFactory, utterance: str) -> None:
    talk = chat("en-US")
    talk.say("open muscle twitch guide")
    turn = talk.say(utterance)
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == "self_care"


@pytest.mark.parametrize(
    ("locale", "name"),
    [("en-US", "A L S"), ("en-CA", "A L S"), ("en-GB", "motor neurone disease"), ("en-AU", "motor neurone disease"),
     ("en-IN", "motor neurone disease")],
)  # fmt: skip
def test_the_als_answer_uses_the_name_each_country_uses(chat: ChatFactory, locale: str, name: str) -> None:
    talk = chat(locale)
    turn = talk.say("ask muscle twitch guide does twitching mean i have a. l. s.")
    assert f"a sign of {name}" in turn.speech
    assert "speech or swallowing that slowly gets worse" in turn.speech


def test_the_self_care_outcome_does_not_sound_like_a_diagnosis(chat: ChatFactory) -> None:
    talk = chat("en-GB")
    talk.say("check my symptoms")
    turn = answer_no_until_done(talk, talk.say("no"))
    assert turn.disposition == "self_care"
    assert (
        "harmless kind" not in turn.speech
        and "Nothing you've told me points to something serious" in turn.speech
    )
    assert "Watch for weakness" in turn.speech and "call nine nine nine" in turn.speech


@pytest.mark.parametrize(
    "answer",
    ["it came on in a few minutes and its my whole right side", "it started at breakfast down my left side"],
)
def test_a_described_answer_to_the_sudden_weakness_question_is_an_answer(
    chat: ChatFactory, answer: str
) -> None:
    """The clarifying question reads a described answer as being about the weakness it asks about."""
    talk = chat("en-GB")
    talk.say("open muscle twitch guide")
    turn = talk.say("check my symptoms")
    while "weak or stiff" not in turn.speech:
        turn = talk.say("no")
    assert "on one side of the body" in talk.say("yes").speech
    turn = talk.say(answer)
    assert turn.disposition == "emergency" and turn.speech.startswith("Please call nine nine nine now")
