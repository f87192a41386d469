"""SkillBuilder wiring: handlers, interceptors, persistence adapter, and the Lambda entry built once."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from typing import Any, cast

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope, ResponseEnvelope
from ask_sdk_model.response import Response
from ask_sdk_model.ui import SsmlOutputSpeech

from . import speech
from .conversation import Conversation
from .handlers.builtins import (
    FallbackHandler,
    ForgetMeHandler,
    GoodbyeHandler,
    HelpHandler,
    LaunchHandler,
    RepeatHandler,
    SessionEndedHandler,
    SpeakingRateHandler,
    UnhandledRequestHandler,
)
from .handlers.errors import CatchAllExceptionHandler
from .handlers.info import CausesIntentHandler, HealingIntentHandler, InfoIntentHandler
from .handlers.interview import AnswerHandler, ReportSymptomHandler, StartOverHandler, SymptomCheckHandler
from .handlers.name_free import CanFulfillIntentHandler
from .interceptors import (
    PreferencesInterceptor,
    RequestLogInterceptor,
    ResponseLogInterceptor,
    TurnLoaderInterceptor,
)
from .logs import clear_request_context, setup_logging
from .persistence import adapter_from_environment
from .snapshot import load_conversation

logger = logging.getLogger(__name__)

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


class WrongSkillError(PermissionError):
    """The request names another skill: refused without an answer."""


def build_conversation() -> Conversation:
    """The shipped conversation: the build's snapshot when it matches the package, else compiled now."""
    return load_conversation()


def build_skill_builder(
    conversation: Conversation,
    persistence_adapter: AbstractPersistenceAdapter | None,
    skill_id: str | None,
) -> CustomSkillBuilder:
    builder = CustomSkillBuilder(persistence_adapter=cast(AbstractPersistenceAdapter, persistence_adapter))
    builder.skill_id = skill_id  # type: ignore[assignment]  # the SDK annotates it from its None default
    builder.add_global_request_interceptor(RequestLogInterceptor())
    builder.add_global_request_interceptor(TurnLoaderInterceptor())
    builder.add_global_response_interceptor(PreferencesInterceptor())
    builder.add_global_response_interceptor(ResponseLogInterceptor())
    for handler in (
        CanFulfillIntentHandler(conversation),
        LaunchHandler(conversation),
        InfoIntentHandler(conversation),
        HealingIntentHandler(conversation),
        CausesIntentHandler(conversation),
        SymptomCheckHandler(conversation),
        ReportSymptomHandler(conversation),
        AnswerHandler(conversation),
        StartOverHandler(conversation),
        HelpHandler(conversation),
        GoodbyeHandler(conversation),
        RepeatHandler(conversation),
        FallbackHandler(conversation),
        SpeakingRateHandler(conversation),
        ForgetMeHandler(conversation),
        SessionEndedHandler(),
        UnhandledRequestHandler(conversation),  # last: takes whatever nothing else did
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler(conversation))
    return builder


def build_handler(
    conversation: Conversation | None = None,
    persistence_adapter: AbstractPersistenceAdapter | None = None,
    skill_id: str | None = None,
) -> LambdaHandler:
    """The Lambda handler. Defaults come from the environment (SKILL_ID, PREFERENCES_TABLE, ...)."""
    setup_logging()
    conversation = conversation or build_conversation()
    if persistence_adapter is None:
        persistence_adapter = adapter_from_environment()
    skill_id = skill_id if skill_id is not None else (os.environ.get("SKILL_ID") or None)
    # One CustomSkill per container: the SDK's own lambda_handler() rebuilds it (and its configuration)
    # on every request, which is pure overhead on the warm path.
    skill = build_skill_builder(conversation, persistence_adapter, skill_id).create()
    serializer = skill.serializer

    def skill_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        envelope = serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        return cast(
            dict[str, Any], serializer.serialize(skill.invoke(request_envelope=envelope, context=context))
        )

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        clear_request_context()  # a failed request must not lend its id to the next one's logs
        if skill_id is not None and _application_id(event) != skill_id:
            logger.warning("request refused: not addressed to this skill")
            raise WrongSkillError("request is not addressed to this skill")
        try:
            result: dict[str, Any] = skill_handler(event, context)
            return result
        except Exception as error:  # a malformed envelope fails before any handler runs
            logger.error("request could not be handled", extra={"error": type(error).__name__})
            reply = conversation.error(_locale(event))
            response = Response(
                output_speech=SsmlOutputSpeech(ssml=f"<speak>{speech.to_ssml(reply.speech)}</speak>"),
                should_end_session=True,
            )
            envelope = ResponseEnvelope(version="1.0", response=response)
            return cast(dict[str, Any], serializer.serialize(envelope))

    return handler


def _application_id(event: Any) -> str | None:
    try:
        return str(event["context"]["System"]["application"]["applicationId"])
    except (KeyError, TypeError):
        try:
            return str(event["session"]["application"]["applicationId"])
        except (KeyError, TypeError):
            return None


def _locale(event: Any) -> str:
    try:
        locale = event["request"]["locale"]
    except (KeyError, TypeError):
        return "en-US"
    return locale if isinstance(locale, str) else "en-US"
