"""Writing a SkillReply into the Alexa response: SSML, reprompt, card, an optional screen, session state.

Saving changed preferences is not done here: the reply is left in the request attributes, and
interceptors.PreferencesInterceptor saves them once the response is built.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from . import speech
from .dialog import pack
from .request_reader import PREFS_KEY, turn_of
from .turns import Preferences, SkillReply

REPLY_KEY = "reply"  # request attribute: the reply just given, for the response interceptors


def respond(handler_input: HandlerInput, reply: SkillReply) -> Response:
    """Write the reply into the ASK response and the session."""
    handler_input.attributes_manager.request_attributes[REPLY_KEY] = reply
    turn = turn_of(handler_input)
    preferences = Preferences() if reply.forget else (reply.preferences or turn.preferences)
    if handler_input.request_envelope.session is not None:
        handler_input.attributes_manager.session_attributes = {
            **reply.state,
            PREFS_KEY: pack(preferences.to_stored()),
        }

    builder = handler_input.response_builder
    builder.speak(speech.to_ssml(reply.speech, reply.rate))
    if reply.reprompt and not reply.end_session:
        builder.ask(speech.to_ssml([reply.reprompt], reply.rate))
    builder.set_card(SimpleCard(title=reply.title, content=speech.card_text(reply.card)))
    if _has_screen(handler_input):
        # Imported here: the APL model package costs ~9 ms of cold start, and most speakers have no screen.
        from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

        document, datasources = speech.apl_document(reply.title, reply.card)
        builder.add_directive(
            RenderDocumentDirective(token=speech.APL_TOKEN, document=document, datasources=datasources)
        )
    builder.set_should_end_session(reply.end_session)
    response: Response = builder.response
    return response


def _has_screen(handler_input: HandlerInput) -> bool:
    try:
        return get_supported_interfaces(handler_input).alexa_presentation_apl is not None
    except (AttributeError, TypeError):
        return False
