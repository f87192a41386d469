"""dialog.py and the conversation driven directly: a Turn in, a SkillReply out, the state typed in between."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from twitch_guide.conversation import Conversation
from twitch_guide.dialog import FAREWELL, DialogState, LastReply, pack
from twitch_guide.prompts import default_prompts
from twitch_guide.triage.engine import Findings, Reply
from twitch_guide.triage.levels import Level
from twitch_guide.triage.rules import SYMPTOM_CHECK, default_rules
from twitch_guide.turns import Preferences, Said, SkillReply, Turn

RULES = default_rules()
PROMPTS = default_prompts()
CONVERSATION = Conversation(RULES, PROMPTS)
LAMBDA = Path(__file__).resolve().parents[1] / "lambda"


def _turn(state: dict[str, Any] | None = None, **changes: Any) -> Turn:
    return Turn(locale="en-GB", state=state or {}, preferences=Preferences(disclaimer_heard=True), **changes)


def _dialog(reply: SkillReply) -> DialogState:
    return DialogState.from_session(reply.state, RULES, PROMPTS.offers)


def test_a_dialog_state_survives_the_session_round_trip() -> None:
    state = DialogState(
        question=RULES.questions[1],
        offer="self_care",
        findings=Findings(frozenset({"numbness"}), {RULES.questions[0].id: Reply.NO}),
        disposition=Level.SEE_DOCTOR,
        last=LastReply(("Hello.",), ("Hello.",), "Anything else?", "Title", "topic:als"),
        patient="her",
    )
    assert DialogState.from_session(state.to_session(), RULES, PROMPTS.offers) == state


def test_state_from_before_packing_is_still_read() -> None:
    """Sessions open at a deploy kept nested attributes as objects: their checks go on."""
    attributes = {
        "findings": {"flags": ["numbness"], "replies": {}},
        "last": {"speech": ["Hi."], "card": ["Hi."]},
    }
    dialog = DialogState.from_session(attributes, RULES, PROMPTS.offers)
    assert dialog.findings.flags == {"numbness"} and dialog.last is not None


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"question": "not_a_question"}, DialogState()),
        ({"offer": "a free holiday"}, DialogState()),
        ({"offer": FAREWELL}, DialogState(offer=FAREWELL)),
        ({"disposition": ["emergency"]}, DialogState()),
        ({"disposition": "panic"}, DialogState()),
        ({"patient": "the king"}, DialogState()),
        ({"patient": ["him"]}, DialogState()),
        ({"last": pack({"speech": [1, 2], "card": []})}, DialogState()),
        ({"last": pack({"speech": ["\u200b"], "card": []})}, DialogState()),
        ({"last": "{not json"}, DialogState()),
        ({"last": "[" * 100_000}, DialogState()),
        (
            {"findings": pack({"flags": ["made_up"]}), "disposition": "self_care"},
            DialogState(),
        ),  # nothing is trusted
        ({"findings": {"flags": ["made_up"]}, "disposition": "self_care"}, DialogState()),  # unpacked too
        ({"findings": "[1", "disposition": "self_care"}, DialogState()),
    ],
)
def test_damaged_or_forged_state_is_dropped_not_trusted(
    attributes: dict[str, Any], expected: DialogState
) -> None:
    assert DialogState.from_session(attributes, RULES, PROMPTS.offers) == expected


def test_a_red_flag_volunteered_mid_check_ends_it_at_once() -> None:
    first = CONVERSATION.start_check(_turn())
    assert _dialog(first).question == RULES.questions[0]
    reply = CONVERSATION.report_symptom(_turn(first.state), Said(words="my left arm has just gone dead"))
    assert reply.disposition is Level.EMERGENCY
    assert _dialog(reply).question is None and reply.reprompt == "Say repeat to hear the number again."
    assert "999" in reply.card[0]


def test_no_to_every_question_ends_in_self_care_with_the_state_cleared() -> None:
    reply = CONVERSATION.start_check(_turn())
    for _ in range(10):
        if _dialog(reply).question is None:
            break
        reply = CONVERSATION.reply(_turn(reply.state), Reply.NO)
    dialog = _dialog(reply)
    assert reply.disposition is Level.SELF_CARE
    assert dialog.question is None and dialog.disposition is Level.SELF_CARE


def test_an_answer_makes_its_rules_offer_and_yes_takes_it() -> None:
    reply = CONVERSATION.info(_turn(), "als")
    assert _dialog(reply).offer == RULES.info["als"].offer == SYMPTOM_CHECK
    taken = CONVERSATION.reply(_turn(reply.state), Reply.YES)
    assert _dialog(taken).question == RULES.questions[0]


def test_no_to_an_offer_then_no_to_what_else_says_goodbye() -> None:
    reply = CONVERSATION.info(_turn(), "what_is")
    reply = CONVERSATION.reply(_turn(reply.state), Reply.NO)
    assert _dialog(reply).offer == FAREWELL
    assert CONVERSATION.reply(_turn(reply.state), Reply.NO).end_session


def test_repeat_says_the_last_reply_again_from_the_state() -> None:
    reply = CONVERSATION.causes(_turn(), Said(words="coffee"))
    again = CONVERSATION.repeat(_turn(reply.state))
    assert again.speech == reply.speech and again.reprompt == reply.reprompt


def test_every_offer_the_rules_make_has_a_spoken_line() -> None:
    offers = {a.offer for a in (*RULES.info.values(), *RULES.healing.values()) if a.offer}
    assert offers | {SYMPTOM_CHECK} <= set(PROMPTS.offers)


def _classes(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]


@pytest.mark.parametrize("module", sorted(LAMBDA.rglob("*.py")), ids=lambda p: str(p.relative_to(LAMBDA)))
def test_no_class_in_the_skill_grows_past_about_two_hundred_lines(module: Path) -> None:
    for name, lines in _classes(module):
        assert lines <= 210, f"{module.name}: class {name} is {lines} lines; split it"
