"""The dialog's state between turns, and the one place session attributes are read, written and validated.

Alexa hands the attributes back on every request, and anything in them may have been damaged or forged, so
`DialogState.from_session` trusts nothing it did not write: an unknown question or offer is dropped, and
findings that don't parse drop the whole state. Health information lives only here, for one session; it is
never persisted or logged.

The nested parts (findings, the last reply, the preferences) travel as compact JSON text: the ASK SDK
deep-copies the session attributes and walks them again to serialise the response, in Python, on every
request, so each nested list and dict costs a warm request time, and a string costs one step.
"""

import json
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from .triage.concepts import PATIENT_PRONOUNS
from .triage.engine import Findings, Reply
from .triage.levels import Level
from .triage.rules import Question, Rules
from .turns import DEFAULT_TITLE

LEVELS = frozenset(level.value for level in Level)
DISPOSITION_KEY = "disposition"  # the session attribute holding the outcome given (read by the simulator)
FAREWELL = "farewell"  # the pending offer after "What else would you like to know?": a "no" ends the session


class LastReply(NamedTuple):
    """What was said last, for Repeat; `answer` names what was answered ("topic:als"): no health detail."""

    speech: tuple[str, ...]
    card: tuple[str, ...]
    reprompt: str | None = None
    title: str = DEFAULT_TITLE
    answer: str | None = None

    @classmethod
    def from_session(cls, value: Any) -> "LastReply | None":
        if not isinstance(value, dict):
            return None
        speech = value.get("speech")
        card = value.get("card", speech)  # left out when it is the speech word for word (to_session)
        if not (isinstance(speech, list) and isinstance(card, list) and _texts(speech) and _texts(card)):
            return None
        if not any(_sayable(part) for part in speech):
            return None
        reprompt, title, answer = value.get("reprompt"), value.get("title"), value.get("answer")
        return cls(
            tuple(speech),
            tuple(card),
            reprompt if isinstance(reprompt, str) and _sayable(reprompt) else None,
            title if isinstance(title, str) and title.strip() else DEFAULT_TITLE,
            answer if isinstance(answer, str) else None,
        )

    def to_session(self) -> dict[str, Any]:
        """Only what differs from the defaults: the session travels with every request."""
        last: dict[str, Any] = {"speech": self.speech}
        if self.card != self.speech:  # the card differs where it writes a number the speech says in words
            last["card"] = self.card
        if self.reprompt is not None:
            last["reprompt"] = self.reprompt
        if self.title != DEFAULT_TITLE:
            last["title"] = self.title
        if self.answer:
            last["answer"] = self.answer
        return last


class DialogState(NamedTuple):
    """Where the dialog stands: the question waiting for an answer, the offer just made, what the check has
    found, the disposition given, the last reply, and whom the check is for: None for the caller, else the
    pronoun of the adult they answer for ("him", "her", "them")."""

    question: Question | None = None
    offer: str | None = None
    findings: Findings = Findings()
    disposition: Level | None = None
    last: LastReply | None = None
    patient: str | None = None

    def ask(self) -> tuple[str, str]:
        """The question under way and its reprompt, worded for whom the check is for."""
        assert self.question is not None  # callers ask only while a question is under way
        question = self.question
        if self.patient is None:
            return question.ask, question.reprompt
        return question.ask_other or question.ask, question.reprompt_other or question.reprompt

    @classmethod
    def from_session(
        cls, attributes: Mapping[str, Any], rules: Rules, offers: Collection[str]
    ) -> "DialogState":
        """Read the session attributes; `offers` are the follow-ups the conversation can make."""
        packed = attributes.get("findings")
        try:
            findings = Findings() if packed is None else Findings.from_state(unpack(packed), rules)
        except ValueError:
            return cls()  # findings we did not write: nothing in this state is trusted
        question_id = attributes.get("question")
        offer = attributes.get("offer")
        disposition = attributes.get(DISPOSITION_KEY)
        disposition = disposition if isinstance(disposition, str) else None  # a list can't be looked up
        patient = attributes.get("patient")
        return cls(
            question=next((q for q in rules.questions if q.id == question_id), None),
            offer=offer if isinstance(offer, str) and (offer in offers or offer == FAREWELL) else None,
            findings=findings,
            disposition=Level(disposition) if disposition in LEVELS else None,
            last=LastReply.from_session(unpack(attributes.get("last"))),
            patient=patient if isinstance(patient, str) and patient in PATIENT_PRONOUNS else None,
        )

    def to_session(self) -> dict[str, Any]:
        attributes: dict[str, Any] = {"findings": pack(self.findings.to_state())}
        if self.question is not None:
            attributes["question"] = self.question.id
        if self.offer is not None:
            attributes["offer"] = self.offer
        if self.disposition is not None:
            attributes[DISPOSITION_KEY] = self.disposition.value
        if self.last is not None:
            attributes["last"] = pack(self.last.to_session())
        if self.patient is not None:
            attributes["patient"] = self.patient
        return attributes

    def relaunched(self) -> "DialogState":
        """A launch inside a session keeps only what safety needs: the findings and any disposition given."""
        return DialogState(findings=self.findings, disposition=self.disposition, patient=self.patient)

    def for_a_new_check(self) -> "DialogState":
        """A new check asks again what was answered no or not sure; symptoms and yes answers stay."""
        kept = {q: r for q, r in self.findings.replies.items() if r is Reply.YES}
        findings = Findings(self.findings.flags, kept)
        return DialogState(findings=findings, disposition=self.disposition, patient=self.patient)


def pack(value: Any) -> str:
    """A nested session attribute as compact JSON text."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def unpack(value: Any) -> Any:
    """The value `pack` wrote, or None for anything else (not text, not JSON, nested beyond reason). A dict
    is the form sessions open before this release kept: read as it is, so a deploy loses no caller's check."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        return None
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        return None


def _texts(values: list[Any]) -> bool:
    return all(isinstance(item, str) for item in values)


def _sayable(text: str) -> bool:
    if text.isprintable():  # the usual case, without a Python loop over every character
        return bool(text.strip())
    return bool("".join(ch for ch in text if ch.isprintable()).strip())
