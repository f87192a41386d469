"""A conversation with the skill: turns typed text into requests, keeps the Alexa session, reads responses.

Dialog directives are honoured simply: after Dialog.ElicitSlot the next utterance is resolved for that
intent and slot first (its slot samples or a bare value); after Dialog.ConfirmIntent / ConfirmSlot a yes or
no confirms or denies; after Dialog.Delegate the simulator speaks the dialog model's elicitation prompt for
the first required empty slot, or sends the intent back with dialogState COMPLETED when none is left.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ask_sdk_model.response_envelope import ResponseEnvelope

from .envelopes import (
    SERIALIZER,
    Identity,
    SessionState,
    intent_envelope,
    intent_object,
    launch_envelope,
    session_ended_envelope,
)
from .invocation import parse_invocation
from .lambda_runner import FakeLambdaContext, Handler
from .model import InteractionModel
from .nlu import ER_MATCH, ResolvedIntent, ResolvedSlot, Resolver
from .render import ssml_problem, ssml_to_text

YES, NO = "AMAZON.YesIntent", "AMAZON.NoIntent"
_MAX_DELEGATE_ROUNDS = 5


class SkillError(Exception):
    """The skill raised or answered with something Alexa would reject; the session is closed."""


@dataclass
class Turn:
    """One exchange: what was said, the request sent (if any), and what the speaker says back.

    `intent` is the intent sent, or the request type (LaunchRequest, SessionEndedRequest) when no intent
    was; None when nothing was sent (Alexa repeating a reprompt). `dialog_prompt` is True when the speech is
    the dialog model's prompt spoken by Alexa rather than the skill's own words.
    """

    utterance: str | None
    intent: str | None
    resolved: ResolvedIntent | None = None
    request: dict[str, Any] | None = None
    response: dict[str, Any] | None = None
    speech: str = ""
    ssml: str | None = None
    reprompt: str | None = None
    card: dict[str, str | None] | None = None
    end_session: bool | None = None
    disposition: str | None = None
    directives: list[str] = field(default_factory=list)
    dialog_prompt: bool = False
    problems: list[str] = field(default_factory=list)

    def slots(self) -> dict[str, dict[str, str | None]]:
        """Filled slots as name -> {value, id}."""
        if self.resolved is None:
            return {}
        return {name: {"value": s.value, "id": s.id} for name, s in self.resolved.slots.items()}

    def to_json(self) -> dict[str, Any]:
        """The `--json` line for this turn."""
        return {
            "utterance": self.utterance,
            "intent": self.intent,
            "slots": self.slots(),
            "speech": self.speech,
            "ssml": self.ssml,
            "reprompt": self.reprompt,
            "card": self.card,
            "end_session": self.end_session,
            "disposition": self.disposition,
        }


@dataclass
class _Pending:
    """A dialog directive waiting for the user's next utterance."""

    kind: str  # "elicit", "confirm_intent" or "confirm_slot"
    intent: ResolvedIntent
    slot: str | None = None
    confirmations: dict[str, str] = field(default_factory=dict)


class Conversation:
    """Talk to a skill handler as Alexa would: `say(text) -> Turn`.

    `handler(event, context) -> dict` is the Lambda entry (or any callable standing in for it). Session
    attributes returned by the skill come back on the next request; a response with shouldEndSession true
    closes the session, and the next utterance opens a new one. Text without the invocation name outside a
    session is sent as a one-shot request, as if prefixed with "ask <invocation name>".
    """

    def __init__(
        self,
        model: InteractionModel,
        handler: Handler,
        *,
        locale: str = "en-US",
        identity: Identity | None = None,
        resolver: Resolver | None = None,
        context_factory: Callable[[], Any] = FakeLambdaContext,
        outcome_key: str | None = None,
    ) -> None:
        """`outcome_key`: the session attribute in which the skill reports an outcome (Turn.disposition)."""
        self.model = model
        self.outcome_key = outcome_key
        self.handler = handler
        self.locale = locale
        self.identity = identity or Identity()
        self.resolver = resolver or Resolver(model)
        self.context_factory = context_factory
        self.session: SessionState | None = None
        self.last: Turn | None = None
        self._pending: _Pending | None = None
        self._sent: ResolvedIntent | None = None
        self._reprompted = False

    @property
    def in_session(self) -> bool:
        """True while the skill keeps the session open."""
        return self.session is not None

    @property
    def attributes(self) -> dict[str, Any]:
        """The session attributes the skill returned last (empty outside a session)."""
        return dict(self.session.attributes or {}) if self.session else {}

    def say(self, text: str) -> Turn:
        """Send what the user says and return the turn with the skill's answer."""
        self._reprompted = False
        invocation = parse_invocation(text, self.model.invocation_name)
        if invocation.kind == "launch":
            session = self._start()
            return self._exchange(
                text, "LaunchRequest", None, launch_envelope(session, self.identity, self.locale)
            )
        if invocation.kind == "one_shot" or self.session is None:
            self._start()
            resolved = self.resolver.resolve_any(list(invocation.readings))
            return self._send_intent(text, resolved, "STARTED")
        return self._in_session(text)

    def silence(self) -> Turn | None:
        """The user says nothing: Alexa speaks the reprompt once, then ends the session. None outside one."""
        if self.session is None:
            return None
        last = self.last
        if not self._reprompted and last is not None and last.reprompt:
            self._reprompted = True
            return Turn(None, None, speech=last.reprompt, end_session=False)
        return self.end("EXCEEDED_MAX_REPROMPTS")

    def end(self, reason: str = "USER_INITIATED") -> Turn | None:
        """Close an open session with a SessionEndedRequest (the user quit); None when none is open."""
        if self.session is None:
            return None
        envelope = session_ended_envelope(self.session, self.identity, self.locale, reason)
        turn = self._exchange(None, "SessionEndedRequest", None, envelope)
        self._close()
        turn.end_session = True
        return turn

    def new_session(self) -> None:
        """Forget the current session without telling the skill (as when a device times out silently)."""
        self._close()

    # -- internals -------------------------------------------------------------------------------------

    def _start(self) -> SessionState:
        self._close()
        self.session = SessionState.fresh()
        return self.session

    def _close(self) -> None:
        self.session = None
        self._pending = None
        self._sent = None

    def _in_session(self, text: str) -> Turn:
        pending, self._pending = self._pending, None
        if pending is None:
            return self._send_intent(text, self.resolver.resolve(text), "STARTED")
        if pending.kind == "elicit" and pending.slot is not None:
            resolved = self.resolver.resolve(text, elicit=(pending.intent.name, pending.slot))
            if resolved.name == pending.intent.name:
                merged = ResolvedIntent(
                    resolved.name, {**pending.intent.slots, **resolved.slots}, resolved.sample
                )
                return self._send_intent(
                    text, merged, "IN_PROGRESS", slot_confirmations=pending.confirmations
                )
            return self._send_intent(text, resolved, "STARTED")
        resolved = self.resolver.resolve(text, prefer=pending.intent.name)
        if resolved.name in (YES, NO):
            verdict = "CONFIRMED" if resolved.name == YES else "DENIED"
            if pending.kind == "confirm_intent":
                return self._send_intent(text, pending.intent, "IN_PROGRESS", confirmation=verdict)
            if pending.slot is not None:
                confirmations = {**pending.confirmations, pending.slot: verdict}
                return self._send_intent(
                    text, pending.intent, "IN_PROGRESS", slot_confirmations=confirmations
                )
        return self._send_intent(text, resolved, "STARTED")

    def _send_intent(
        self,
        text: str | None,
        resolved: ResolvedIntent,
        dialog_state: str,
        *,
        confirmation: str = "NONE",
        slot_confirmations: dict[str, str] | None = None,
    ) -> Turn:
        if self.session is None:
            self.session = SessionState.fresh()
        state = dialog_state if self.model.has_dialog(resolved.name) else None
        intent = intent_object(self.model, resolved, self.identity.skill_id, confirmation, slot_confirmations)
        envelope = intent_envelope(self.session, self.identity, self.locale, intent, state)
        self._sent = resolved
        turn = self._exchange(text, resolved.name, resolved, envelope)
        for _ in range(_MAX_DELEGATE_ROUNDS):
            delegate = _directive(turn, "Dialog.Delegate")
            if delegate is None or self.session is None:
                return turn
            target = _intent_from_dict(delegate.get("updatedIntent")) or resolved
            prompt = self._elicitation(target)
            if prompt is not None:
                slot_name, words = prompt
                self._pending = _Pending("elicit", target, slot_name, dict(slot_confirmations or {}))
                ssml = words if words.lstrip().startswith("<speak>") else None
                turn.speech, turn.ssml = ssml_to_text(words), ssml
                turn.dialog_prompt, turn.end_session = True, False
                return turn
            intent = intent_object(self.model, target, self.identity.skill_id, "NONE", slot_confirmations)
            envelope = intent_envelope(self.session, self.identity, self.locale, intent, "COMPLETED")
            self._sent = target
            turn = self._exchange(text, target.name, target, envelope)
        raise SkillError(f"the skill kept answering Dialog.Delegate ({_MAX_DELEGATE_ROUNDS} rounds)")

    def _elicitation(self, target: ResolvedIntent) -> tuple[str, str] | None:
        """(slot, prompt) of the dialog model's first required slot that is still empty, if any."""
        for slot in self.model.dialog_slots.get(target.name, ()):
            variations = self.model.prompts.get(slot.elicitation_prompt or "", ())
            if slot.elicitation_required and slot.name not in target.slots and variations:
                words = variations[0]
                for name, value in target.slots.items():
                    words = words.replace("{" + name + "}", value.value)
                return slot.name, words
        return None

    def _exchange(
        self, text: str | None, label: str, resolved: ResolvedIntent | None, envelope: dict[str, Any]
    ) -> Turn:
        try:
            raw = self.handler(envelope, self.context_factory())
        except Exception as exc:
            self._close()
            raise SkillError(f"the skill raised {type(exc).__name__}: {exc}") from exc
        response = _checked(raw)
        turn = _read(text, label, resolved, envelope, response, self.outcome_key)
        self.last = turn
        self._after(turn, response)
        return turn

    def _after(self, turn: Turn, response: dict[str, Any]) -> None:
        if self.session is None:
            return
        if turn.intent == "SessionEndedRequest" or turn.end_session is True:
            self._close()
            return
        self.session.new = False
        self.session.attributes = dict(response.get("sessionAttributes") or {})
        sent = self._sent
        elicit = _directive(turn, "Dialog.ElicitSlot")
        confirm_intent = _directive(turn, "Dialog.ConfirmIntent")
        confirm_slot = _directive(turn, "Dialog.ConfirmSlot")
        if elicit is not None:
            target = _intent_from_dict(elicit.get("updatedIntent")) or sent
            if target is not None:
                self._pending = _Pending("elicit", target, str(elicit.get("slotToElicit")))
        elif confirm_intent is not None:
            target = _intent_from_dict(confirm_intent.get("updatedIntent")) or sent
            if target is not None:
                self._pending = _Pending("confirm_intent", target)
        elif confirm_slot is not None:
            target = _intent_from_dict(confirm_slot.get("updatedIntent")) or sent
            if target is not None:
                self._pending = _Pending("confirm_slot", target, str(confirm_slot.get("slotToConfirm")))


def _checked(raw: Any) -> dict[str, Any]:
    """The response dict, or SkillError when it does not deserialize into a ResponseEnvelope."""
    if not isinstance(raw, dict):
        raise SkillError(f"the skill returned {type(raw).__name__}, not a response envelope dict")
    try:
        payload = json.dumps(raw)
        envelope = SERIALIZER.deserialize(payload, ResponseEnvelope)
    except Exception as exc:
        raise SkillError(f"the skill's response is not a valid response envelope: {exc}") from exc
    if not isinstance(envelope, ResponseEnvelope) or envelope.response is None:
        raise SkillError("the skill's response envelope has no 'response'")
    return raw


def _speech(output: Any) -> tuple[str, str | None]:
    """(plain text, SSML or None) of an outputSpeech dict."""
    if not isinstance(output, dict):
        return "", None
    if output.get("type") == "SSML":
        ssml = str(output.get("ssml") or "")
        return ssml_to_text(ssml), ssml
    return str(output.get("text") or ""), None


def _read(
    text: str | None,
    label: str,
    resolved: ResolvedIntent | None,
    request: dict[str, Any],
    raw: dict[str, Any],
    outcome_key: str | None = None,
) -> Turn:
    body = raw.get("response") or {}
    speech, ssml = _speech(body.get("outputSpeech"))
    reprompt_text, reprompt_ssml = _speech((body.get("reprompt") or {}).get("outputSpeech"))
    card = body.get("card")
    card_out = None
    if isinstance(card, dict):
        card_out = {"title": card.get("title"), "text": card.get("content", card.get("text"))}
    end = body.get("shouldEndSession")
    disposition = (raw.get("sessionAttributes") or {}).get(outcome_key) if outcome_key else None
    directives = [d for d in body.get("directives") or [] if isinstance(d, dict)]
    problems = []
    for where, markup in (("speech", ssml), ("reprompt", reprompt_ssml)):
        problem = ssml_problem(markup) if markup else None
        if problem:
            problems.append(f"{where} SSML: {problem}")
    return Turn(
        utterance=text,
        intent=label,
        resolved=resolved,
        request=request,
        response=raw,
        speech=speech,
        ssml=ssml,
        reprompt=reprompt_text or None,
        card=card_out,
        end_session=end if isinstance(end, bool) else None,
        disposition=disposition if isinstance(disposition, str) else None,
        directives=[str(d.get("type")) for d in directives],
        problems=problems,
    )


def _directive(turn: Turn, kind: str) -> dict[str, Any] | None:
    body = (turn.response or {}).get("response") or {}
    found = (d for d in body.get("directives") or [] if isinstance(d, dict) and d.get("type") == kind)
    return next(found, None)


def _intent_from_dict(raw: Any) -> ResolvedIntent | None:
    """A ResolvedIntent from an intent dict in a directive (updatedIntent), keeping its filled slots."""
    if not isinstance(raw, dict) or not raw.get("name"):
        return None
    slots: dict[str, ResolvedSlot] = {}
    for name, slot in (raw.get("slots") or {}).items():
        if not isinstance(slot, dict) or slot.get("value") in (None, ""):
            continue
        authorities = (slot.get("resolutions") or {}).get("resolutionsPerAuthority") or []
        first = authorities[0] if authorities else {}
        status = (first.get("status") or {}).get("code")
        values = [v["value"] for v in first.get("values") or [] if isinstance(v, dict) and "value" in v]
        matches = tuple((str(v.get("name")), v.get("id")) for v in values)
        known = status == ER_MATCH or status is None
        slot_id = matches[0][1] if matches else None
        slot_name = matches[0][0] if matches else None
        slots[name] = ResolvedSlot(str(slot["value"]), slot_id, status, slot_name, matches, known)
    return ResolvedIntent(str(raw["name"]), slots)
