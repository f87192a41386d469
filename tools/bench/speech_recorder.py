"""pytest plugin for the benchmarks: with BENCH_RECORD_SPEECH=path, append every outputSpeech the ASK SDK
produces during the run to that file as JSON lines. Without the variable it does nothing.

Use: PYTHONPATH=tools/bench pytest -p speech_recorder tests/...  (answer_length.py does this).
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

ENV = "BENCH_RECORD_SPEECH"


def _speech(envelope: Any) -> tuple[str | None, bool | None]:
    response = getattr(envelope, "response", None)
    speech = getattr(response, "output_speech", None)
    ssml = getattr(speech, "ssml", None)
    text = getattr(speech, "text", None)
    end = getattr(response, "should_end_session", None)
    if isinstance(ssml, str):
        return ssml, end
    if isinstance(text, str):
        return f"<speak>{text}</speak>", end
    return None, end


def pytest_configure(config: pytest.Config) -> None:
    path = os.environ.get(ENV)
    if not path:
        return
    # Every request a test sends through the SDK (handler, app.handler or the simulator) passes here.
    from ask_sdk_core.skill import CustomSkill

    original = CustomSkill.invoke

    def invoke(self: CustomSkill, request_envelope: Any, context: Any) -> Any:
        envelope = original(self, request_envelope, context)
        ssml, end = _speech(envelope)
        if ssml is not None:
            request = getattr(request_envelope, "request", None)
            entry = {
                "test": os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0],
                "locale": getattr(request, "locale", None),
                "request": getattr(getattr(request, "intent", None), "name", None)
                or getattr(request, "object_type", None),
                "ssml": ssml,
                "end_session": end,
            }
            with open(path, "a", encoding="utf-8") as file:
                file.write(json.dumps(entry) + "\n")
        return envelope

    CustomSkill.invoke = invoke  # type: ignore[method-assign]
