"""The caller's stored preferences (speaking rate, whether the disclaimer was heard, visits) through the ASK
attributes manager: read at the start of a session, saved after a reply that changed them, deleted on request.

Only non-health data is ever stored. A store fault never costs the caller an answer: it is logged by its
operation or error class only, and defaults are used.
"""

from __future__ import annotations

import logging

from ask_sdk_core.exceptions import AttributesManagerException, PersistenceException
from ask_sdk_core.handler_input import HandlerInput

from .turns import Preferences

logger = logging.getLogger(__name__)


def stored_preferences(handler_input: HandlerInput) -> Preferences:
    try:
        return Preferences.from_stored(handler_input.attributes_manager.persistent_attributes)
    except AttributesManagerException:
        return Preferences()  # no store configured
    except Exception as error:  # a store fault must not cost the caller an answer
        logger.warning("preferences unavailable, using defaults", extra={"error": _describe(error)})
    return Preferences()


def save_preferences(handler_input: HandlerInput, preferences: Preferences) -> None:
    manager = handler_input.attributes_manager
    try:
        manager.persistent_attributes = preferences.to_stored()
        manager.save_persistent_attributes()
    except AttributesManagerException:
        pass  # no store configured
    except Exception as error:
        logger.warning("preferences not saved", extra={"error": _describe(error)})


def delete_preferences(handler_input: HandlerInput) -> bool:
    """Delete the caller's stored preferences; False if the store could not be reached."""
    try:
        handler_input.attributes_manager.delete_persistent_attributes()
    except AttributesManagerException:
        return True  # no store configured: nothing is kept
    except Exception as error:
        logger.warning("preferences not deleted", extra={"error": _describe(error)})
        return False
    return True


def _describe(error: Exception) -> str:
    """Our own persistence messages name only the operation; anything else is reduced to its class."""
    return str(error) if isinstance(error, PersistenceException) else type(error).__name__
