"""Whole conversations for the dangers that come with twitching and for callers who are not the patient.

Phrasings are written for these tests, not copied from the issue; every locale where the wording differs.
"""

from __future__ import annotations

import re

import pytest

from chat_support import LOCALES, ChatFactory, answer_no_until_done, card_text, launched
from twitch_guide.triage.rules import default_rules

CARE = {locale: default_rules().care_for(locale) for locale in LOCALES}

CRISIS_LINE = {
    "en-US": "nine eight eight", "en-CA": "nine eight eight", "en-GB": "one one six, one two three",
    "en-AU": "thirteen, eleven, fourteen", "en-IN": "one four four one six",
}  # fmt: skip
CRISIS_CARD = {"en-US": "988", "en-CA": "988", "en-GB": "116 123", "en-AU": "13 11 14", "en-IN": "14416"}
EMERGENCY = {
    "en-US": "nine one one", "en-CA": "nine one one", "en-GB": "nine nine nine", "en-AU": "triple zero",
    "en-IN": "one one two",
}  # fmt: skip


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "words",
    ["some days i think everyone would be better off without me", "i keep thinking about ending my life"],
)
def test_thoughts_of_suicide_get_the_crisis_line_first(chat: ChatFactory, locale: str, words: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say(words)
    assert turn.speech.startswith("I'm really sorry")
    assert CRISIS_LINE[locale] in turn.speech and EMERGENCY[locale] in turn.speech
    assert CRISIS_CARD[locale] in card_text(turn)
    assert "questions" not in turn.speech  # never the twitching check


@pytest.mark.parametrize("locale", LOCALES)
def test_a_crisis_in_the_middle_of_the_check_comes_first(chat: ChatFactory, locale: str) -> None:
    talk = chat(locale)
    talk.say("check my symptoms")
    turn = talk.say("honestly i just want it all to stop")
    assert CARE[locale].crisis_line[:40] in turn.speech and "questions" not in turn.speech
    assert turn.speech == talk.say("repeat").speech  # the line can be heard again


@pytest.mark.parametrize("locale", LOCALES)
def test_an_overdose_is_an_emergency_with_the_number_first(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("my flatmate swallowed a whole packet of paracetamol an hour ago")
    assert turn.disposition == "emergency"
    assert turn.speech.startswith(f"Please call {EMERGENCY[locale]}")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "words",
    [
        "i have swallowed all my sleeping tablets because i dont want to be here any more",
        "i want to end it all so i took a whole strip of my mums pills",
    ],
)
def test_an_overdose_told_in_a_crisis_gets_the_number_first_then_the_crisis_line(
    chat: ChatFactory, locale: str, words: str
) -> None:
    talk = launched(chat, locale)
    turn = talk.say(words)
    assert turn.disposition == "emergency"
    assert turn.speech.startswith(f"Please call {EMERGENCY[locale]}")
    assert turn.speech.index(EMERGENCY[locale]) < turn.speech.index(CRISIS_LINE[locale])


@pytest.mark.parametrize("locale", LOCALES)
def test_a_fever_with_new_confusion_is_an_emergency(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("my grandad is burning up with a temperature and hes all muddled")
    assert turn.disposition == "emergency"


def test_india_names_the_ambulance_number_beside_one_one_two(chat: ChatFactory) -> None:
    talk = launched(chat, "en-IN")
    turn = talk.say("my chest feels crushed and the pain goes into my jaw")
    assert "one one two" in turn.speech and "one zero eight" in turn.speech
    assert "108" in card_text(turn)


def test_australia_names_1800medicare_and_offers_a_repeat(chat: ChatFactory) -> None:
    talk = launched(chat, "en-AU")
    turn = talk.say("i keep going over on my ankle and landing on the floor")
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == "urgent"
    assert "six three three, four two two" in turn.speech and "repeat" in turn.speech
    assert "1800 633 422" in card_text(turn)


@pytest.mark.parametrize(
    ("words", "pronoun"),
    [
        ("my wife is grey and cant get her breath", "her"),
        ("my dad has just slumped over and wont wake", "him"),
    ],
)
@pytest.mark.parametrize("locale", LOCALES)
def test_emergency_advice_for_someone_else_is_worded_for_the_caller(
    chat: ChatFactory, words: str, pronoun: str, locale: str
) -> None:
    talk = launched(chat, locale)
    turn = talk.say(words)
    assert turn.disposition == "emergency"
    assert turn.speech.startswith(f"Please call {CARE[locale].emergency_number_spoken} for {pronoun} now")
    assert "because you have" not in turn.speech  # the reasons are the patient's, not the caller's


@pytest.mark.parametrize("locale", LOCALES)
def test_a_caller_who_has_already_called_is_told_to_stay_on_the_line(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("i've rung nine nine nine and the paramedics are on their way, he's twitching all over")
    assert "Stay on the line" in turn.speech and "unlock the door" in turn.speech
    assert f"call {EMERGENCY[locale]} again now" in turn.speech  # if things get worse, they ring again
    assert turn.end_session and turn.disposition is None


@pytest.mark.parametrize("locale", LOCALES)
def test_a_professional_is_pointed_to_local_protocols(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("i'm a nurse and one of my residents has twitching in both calves")
    assert "local protocols" in turn.speech and not turn.end_session


@pytest.mark.parametrize("locale", LOCALES)
def test_an_animal_is_for_the_vet(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("our cat keeps twitching her back leg in her sleep")
    assert "vet" in turn.speech and turn.disposition is None


@pytest.mark.parametrize("locale", LOCALES)
def test_a_child_gets_the_child_answer_never_the_adult_check(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("my little boy's eyelid has been flickering since yesterday")
    assert "for a baby or child" in turn.speech and "floppy" in turn.speech
    assert "?" not in turn.speech.split("today.")[0]  # no interview question before the advice
    assert "check your symptoms" not in turn.speech.lower()


@pytest.mark.parametrize("locale", LOCALES)
def test_a_child_with_an_emergency_sign_gets_the_emergency_number(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("my toddler has a high temperature and a rash that stays when i press a glass on it")
    assert turn.disposition == "emergency" and CARE[locale].emergency_number_spoken in turn.speech


@pytest.mark.parametrize(
    ("words", "level"),
    [
        ("i had a fit when i was nine and none since", "self_care"),  # history, not now
        ("my speech has got slowly more slurred over the last few months", "urgent"),
        ("i went to the gym and my wee is now the colour of cola and my thighs ache", "urgent"),
        ("i upped my sertraline on monday and now i'm sweaty and can't keep still", "urgent"),
        ("since my thyroid op my fingers keep cramping and my lips tingle", "urgent"),
        ("i'm seven months pregnant and my hands and face have swollen up", "urgent"),
        ("my heart keeps fluttering when i sit down in the evening", "see_doctor"),
        ("a tick bit me on a walk and now there's a widening red ring", "see_doctor"),
        ("i've been a bit lightheaded this week", "see_doctor"),
        ("since yesterday i see two of everything when i watch the telly", "urgent"),
    ],
)
@pytest.mark.parametrize("locale", LOCALES)
def test_second_round_findings_reach_their_level(
    chat: ChatFactory, words: str, level: str, locale: str
) -> None:
    talk = launched(chat, locale)
    turn = talk.say(words)
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == level, turn.speech


def test_poison_help_follows_the_emergency_number_in_the_us_only(chat: ChatFactory) -> None:
    us = launched(chat, "en-US")
    turn = us.say("my son drank some bleach from under the sink")
    assert turn.speech.startswith("Please call nine one one")
    assert turn.speech.index("nine one one") < turn.speech.index("Poison Help")
    gb = launched(chat, "en-GB")
    assert "Poison Help" not in gb.say("my son drank some bleach from under the sink").speech


@pytest.mark.parametrize(
    "words",
    [
        "my daughter's hand has gone numb and tingly",
        "the baby has gone stiff and is jerking her arms and legs",
    ],
)
def test_a_child_with_any_sign_is_answered_never_an_error(chat: ChatFactory, words: str) -> None:
    # Regression: a child with a sign below emergency once looped between the child answer and the check.
    talk = launched(chat, "en-US")
    turn = talk.say(words)
    assert "something went wrong" not in turn.speech
    assert "for a baby or child" in turn.speech or turn.disposition == "emergency"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "words",
    [
        "should i call an ambulance my chest is really tight",
        "do we need to ring for help he cant get his breath",
    ],
)
def test_asking_whether_to_call_is_not_having_called(chat: ChatFactory, locale: str, words: str) -> None:
    """A question about calling gets the emergency advice, never "stay on the line"."""
    turn = launched(chat, locale).say(words)
    assert turn.disposition == "emergency"
    assert turn.speech.startswith("Please call")
    assert "Stay on the line" not in turn.speech


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("en-AU", "we rang triple zero ten minutes ago and hes still jerking"),
        ("en-GB", "i called nine nine nine already and they're sending someone"),
        ("en-US", "my wife dialed 911 for my dad and we're waiting"),
    ],
)
def test_the_local_emergency_number_already_called_is_heard(
    chat: ChatFactory, locale: str, words: str
) -> None:
    turn = launched(chat, locale).say(words)
    assert "Stay on the line" in turn.speech and turn.end_session


def test_calling_a_non_emergency_number_is_not_having_called_for_help(chat: ChatFactory) -> None:
    turn = launched(chat, "en-GB").say("should i ring one one one about my twitching")
    assert "Stay on the line" not in turn.speech and not turn.end_session


@pytest.mark.parametrize("locale", LOCALES)
def test_an_overdose_only_thought_about_gets_the_crisis_answer(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("ive been thinking about taking all of my pills so it all goes away")
    assert turn.speech.startswith("I'm really sorry") and CRISIS_LINE[locale] in turn.speech
    assert "you may have taken" not in turn.speech


@pytest.mark.parametrize("locale", LOCALES)
def test_a_check_for_someone_else_says_whom_to_answer_for(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = talk.say("my wife keeps feeling dizzy and her calf is twitching")
    assert "please answer for her" in turn.speech
    assert turn.speech.index("answer for her") < turn.speech.index("?")  # before the first question


_YOU = re.compile(r"\byou(r)?\b", re.IGNORECASE)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_question_for_someone_else_names_them_not_you(chat: ChatFactory, locale: str) -> None:
    """A caller answering for her husband is asked about him, from the first question to the outcome."""
    talk = launched(chat, locale)
    turn = talk.say("my husbands shoulder has been jumping on and off all week")
    questions = []
    while turn.disposition is None:
        question = turn.speech.rsplit(". ", 1)[-1]
        questions.append(question)
        assert not _YOU.search(question), question
        assert not _YOU.search(turn.reprompt or ""), turn.reprompt
        turn = talk.say("no")
    assert len(questions) >= 6 and any(" he " in f" {q} " or " his " in f" {q} " for q in questions)
    assert turn.speech.startswith("Nothing you've told me about him points to something serious")
    assert "if he notices one, he should see his" in turn.speech


@pytest.mark.parametrize(
    ("story", "answers", "opening"),
    [
        ("my mum has had a twitchy eyelid for a few days", ["yes"], "Please call"),
        ("my neighbour's thigh keeps twitching since friday", ["no", "no", "no", "yes"],
         "Please get medical help for them today"),
        ("my dad says his arm muscle keeps flickering", ["no", "no", "no", "no", "yes", "no"],
         "Please help him see his"),
    ],
)  # fmt: skip
def test_the_outcome_of_a_check_for_someone_else_is_worded_for_the_caller(
    chat: ChatFactory, story: str, answers: list[str], opening: str
) -> None:
    talk = launched(chat, "en-US")
    turn = talk.say(story)
    for answer in answers:
        turn = talk.say(answer)
    assert turn.disposition is not None and turn.speech.startswith(opening), turn.speech
    assert "because of what you've told me about" in turn.speech


def test_a_check_for_yourself_after_one_for_someone_else_says_you_again(chat: ChatFactory) -> None:
    talk = launched(chat, "en-GB")
    turn = answer_no_until_done(talk, talk.say("my wifes calf keeps twitching at night"))
    assert turn.disposition == "self_care"
    turn = talk.say("check my symptoms")
    assert "Right now, do you have any chest pain" in turn.speech
    assert "answer for" not in turn.speech


def test_help_and_repeat_during_a_check_for_someone_else_keep_naming_them(chat: ChatFactory) -> None:
    talk = launched(chat, "en-AU")
    talk.say("my partner has a twitch in her foot")
    assert "does she have" in talk.say("help").speech
    assert "has her face suddenly drooped" in talk.say("no").speech
    assert "has her face suddenly drooped" in talk.say("repeat").speech
    turn = talk.say("stop")
    assert turn.end_session and "Take care" in turn.speech


@pytest.mark.parametrize("locale", LOCALES)
def test_a_caller_who_blames_a_medicine_is_told_not_to_stop_it_alone(chat: ChatFactory, locale: str) -> None:
    talk = launched(chat, locale)
    turn = answer_no_until_done(talk, talk.say("ever since the doctor upped my tablets my legs keep jumping"))
    assert turn.disposition == "see_doctor"
    assert (
        f"Don't stop a prescribed medicine on your own, though: ask your {CARE[locale].doctor}" in turn.speech
    )


def test_yes_to_the_question_that_names_medicines_also_warns_against_stopping_them(chat: ChatFactory) -> None:
    talk = launched(chat, "en-US")
    turn = talk.say("check my symptoms")
    while "could a medicine" not in turn.speech:
        turn = talk.say("no")
    turn = answer_no_until_done(talk, talk.say("yes"))
    assert turn.disposition == "see_doctor" and "Don't stop a prescribed medicine" in turn.speech
    calm = launched(chat, "en-US")
    turn = answer_no_until_done(calm, calm.say("check my symptoms"))
    assert turn.disposition == "self_care" and "prescribed medicine" not in turn.speech


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "words",
    [
        "my dad has gone down on the kitchen floor should i ring for the ambulance",
        "shes having a fit i dont know whether to get the ambulance or drive her",
    ],
)
def test_asking_whether_to_call_mid_sentence_is_not_having_called(
    chat: ChatFactory, locale: str, words: str
) -> None:
    turn = launched(chat, locale).say(words)
    assert turn.disposition == "emergency" and turn.speech.startswith(f"Please call {EMERGENCY[locale]}")
    assert "Stay on the line" not in turn.speech


@pytest.mark.parametrize("locale", LOCALES)
def test_an_overdose_taken_after_weeks_of_thinking_is_an_emergency_first(
    chat: ChatFactory, locale: str
) -> None:
    turn = launched(chat, locale).say(
        "ive wanted to die for a while and thought about it for ages and i swallowed all my pills ten minutes ago"
    )
    assert turn.disposition == "emergency" and turn.speech.startswith(f"Please call {EMERGENCY[locale]}")
    assert CRISIS_LINE[locale] in turn.speech  # the crisis line still follows the emergency advice


def test_a_family_carer_gets_the_answer_for_the_patient_not_the_professionals(chat: ChatFactory) -> None:
    talk = launched(chat, "en-GB")
    turn = talk.say("im a full time carer for my dad and he keeps falling over this week")
    assert "local protocols" not in turn.speech
    turn = answer_no_until_done(talk, turn)
    assert turn.disposition == "urgent" and turn.speech.startswith("Please get medical help for him today")


def test_the_callers_own_emergency_during_a_check_for_someone_else_is_worded_for_them(
    chat: ChatFactory,
) -> None:
    talk = launched(chat, "en-GB")
    talk.say("my husbands calf keeps twitching")
    turn = talk.say("ive got a crushing pain in my own chest now")
    assert turn.speech.startswith("Please call nine nine nine now.") and "for him" not in turn.speech
    later = talk.say("my wife is here with me now")
    assert later.speech.startswith("Please call nine nine nine now.") and "for her" not in later.speech


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_yes_or_no_after_the_emergency_advice_says_it_again(chat: ChatFactory, answer: str) -> None:
    talk = launched(chat, "en-US")
    turn = talk.say("my mouth has dropped on one side in the last ten minutes")
    assert turn.disposition == "emergency"
    again = talk.say(answer)
    assert again.speech == turn.speech and not again.end_session
