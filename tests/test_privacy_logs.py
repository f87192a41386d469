"""The logs of a whole symptom conversation: JSON lines with the request id and intent name, and never the user
ID, the device ID, a slot value, a word of speech or a disposition, even when a store fails."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from envelope_factory import (
    SKILL_ID,
    Answer,
    Caller,
    envelope,
    launch_request,
    run_entry_in_fresh_interpreter,
    slot,
)
from template_support import preferences_table_definition
from twitch_guide.conversation import Conversation, SkillReply, Turn
from twitch_guide.logs import ALLOWED_FIELDS, JsonFormatter, setup_logging
from twitch_guide.persistence import DynamoDbPreferences
from twitch_guide.skill import WrongSkillError, build_conversation, build_handler
from twitch_guide.triage.rules import Level, default_rules

TABLE = "privacy-preferences"
USER = "amzn1.ask.account.AGZPRIVACYCANARYUSER5EXAMPLEQ3M7TT2W"
DEVICE = "amzn1.ask.device.AHDEVICECANARY9K4PZ2XWQ7LL"
SYMPTOM = "my calf is twitching and I have pins and needles"
BODY_PART = "my left calf near the shin"
CAUSE = "that strong espresso I drink"
ANSWER_NO = {"airway_and_chest", "stroke_signs", "seizure_or_sudden_loss", "weakness_sudden"}
LINE_FIELDS = {"timestamp", "level", "logger", "message", *ALLOWED_FIELDS}


@pytest.fixture
def skill_stderr() -> Iterator[io.StringIO]:
    """What the skill's own log handler writes (the handler setup_logging installs, its stream swapped)."""
    setup_logging()
    logger = logging.getLogger("twitch_guide")
    ours = [h for h in logger.handlers if isinstance(h.formatter, JsonFormatter)]
    assert len(ours) == 1 and isinstance(ours[0], logging.StreamHandler)
    stream = io.StringIO()
    previous = ours[0].setStream(stream)
    yield stream
    if previous is not None:
        ours[0].setStream(previous)


class Everything(logging.Handler):
    """Every record any other logger (the ASK SDK, botocore, moto) passes to the root logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += " " + repr(record.exc_info[1])
        self.records.append(text)


@pytest.fixture
def root_log() -> Iterator[Everything]:
    root = logging.getLogger()
    capture = Everything()
    level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)  # what Lambda sets when the function's log level is DEBUG
    logging.getLogger("probe").debug("probe")
    assert capture.records == ["probe"]  # the capture sees DEBUG records from any library
    capture.records.clear()
    yield capture
    root.removeHandler(capture)
    root.setLevel(level)


class FlakyDelete:
    """A real (moto) DynamoDB client whose first delete is refused, with an AWS message that names the user."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.refused = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def delete_item(self, **kwargs: Any) -> Any:
        if not self.refused:
            self.refused = True
            message = f"User arn:aws:sts::123456789012:assumed-role/skill is not authorized; caller {USER}"
            raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": message}}, "DeleteItem")
        return self._client.delete_item(**kwargs)


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def _whole_conversation(caller: Caller, clock: Clock) -> list[Answer]:
    """Launch, a cause question, a volunteered symptom, the whole check with yes answers, slower speech,
    a failed and then a successful 'forget me', and goodbye."""
    answers = [caller.launch()]
    answers.append(caller.intent("CausesIntent", cause=slot("cause", CAUSE, None, "Cause")))
    answers.append(
        caller.intent(
            "ReportSymptomIntent",
            symptom=slot("symptom", SYMPTOM, "tingling"),
            bodyPart=slot("bodyPart", BODY_PART, None, "BodyPart"),
            duration=slot("duration", "P3W", None, "AMAZON.DURATION"),
        )
    )
    for _ in range(12):
        question = caller.attributes.get("question")
        if question is None:
            break
        answers.append(caller.intent("AMAZON.NoIntent" if question in ANSWER_NO else "AMAZON.YesIntent"))
    assert caller.attributes.get("disposition") in {level.value for level in Level}
    answers.append(caller.intent("SpeakSlowerIntent"))
    answers.append(caller.intent("ForgetMeIntent"))  # refused by the table
    clock.now += 3600
    answers.append(caller.intent("ForgetMeIntent"))
    answers.append(caller.intent("AMAZON.StopIntent"))
    return answers


def _sentences(answer: Answer) -> list[str]:
    texts = [answer.text, *(s for s in re.split(r"(?<=[.?!])\s+", answer.text))]
    return [text for text in texts if len(text) >= 12]


def test_a_whole_symptom_conversation_logs_nothing_about_the_caller(
    skill_stderr: io.StringIO, root_log: Everything
) -> None:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(TableName=TABLE, **preferences_table_definition())
        flaky = FlakyDelete(client)
        clock = Clock()
        adapter = DynamoDbPreferences(TABLE, client_factory=lambda: flaky, clock=clock)
        caller = Caller(
            build_handler(persistence_adapter=adapter, skill_id=SKILL_ID), user_id=USER, device_id=DEVICE
        )
        answers = _whole_conversation(caller, clock)
    assert flaky.refused

    lines = skill_stderr.getvalue().splitlines()
    assert len(lines) >= len(caller.sent)  # one INFO line per answered request, plus warnings
    parsed = [json.loads(line) for line in lines]  # every line is one JSON object

    # Each request is logged under its own id and, for intents, its intent name.
    sent_ids = {
        event["request"]["requestId"]: event["request"].get("intent", {}).get("name") for event in caller.sent
    }
    for line in parsed:
        assert set(line) <= LINE_FIELDS, line
        assert line["request_id"] in sent_ids, line
        assert line.get("intent") == sent_ids[line["request_id"]], line
    assert {line["request_id"] for line in parsed} == set(sent_ids)
    warnings = [line for line in parsed if line["level"] == "WARN"]
    assert [line["error"] for line in warnings] == ["DynamoDB delete_item failed: AccessDeniedException"]

    secrets = [USER, DEVICE, hashlib.sha256(USER.encode()).hexdigest(), SYMPTOM, BODY_PART, CAUSE, "P3W"]
    secrets += [event["session"]["sessionId"] for event in caller.sent]
    secrets += [sentence for answer in answers for sentence in _sentences(answer)]
    rules = default_rules()
    health = [*(level.value for level in Level), *rules.red_flags, *(q.id for q in rules.questions)]
    skill_text = "\n".join(lines)
    assert [s for s in secrets if s.lower() in skill_text.lower()] == []
    assert [word for word in health if re.search(rf"\b{word}\b", skill_text)] == []

    # Nor do the libraries underneath (the SDK, botocore, moto) log any of it, with the root logger at DEBUG;
    # botocore's wire dumps (signed headers, the session token, item keys) stay off.
    other_text = "\n".join(root_log.records)
    assert [s for s in secrets if s in other_text] == []
    assert "X-Amz-Security-Token" not in other_text
    assert "Signature=" not in other_text


def test_fields_outside_the_whitelist_and_tracebacks_never_reach_a_line(skill_stderr: io.StringIO) -> None:
    logger = logging.getLogger("twitch_guide.preference_store")
    logger.warning(
        "careless call", extra={"user_id": USER, "slots": {"symptom": SYMPTOM}, "error": "KeyError"}
    )
    try:
        raise ValueError(f"bad slot {SYMPTOM} for {USER}")
    except ValueError:
        logger.exception("failed")
    lines = [json.loads(line) for line in skill_stderr.getvalue().splitlines()]
    assert [line["message"] for line in lines] == ["careless call", "failed"]
    assert lines[0]["error"] == "KeyError"
    assert all(set(line) <= LINE_FIELDS for line in lines)
    assert USER not in skill_stderr.getvalue()
    assert SYMPTOM not in skill_stderr.getvalue()


def test_levels_and_timestamps_are_the_ones_lambda_filters_on(skill_stderr: io.StringIO) -> None:
    logger = logging.getLogger("twitch_guide.test")
    for level in (logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL):
        logger.log(level, "x")
    lines = [json.loads(line) for line in skill_stderr.getvalue().splitlines()]
    # Lambda's JSON log filter knows TRACE DEBUG INFO WARN ERROR FATAL; any other name reads as INFO.
    assert [line["level"] for line in lines] == ["INFO", "WARN", "ERROR", "FATAL"]
    for line in lines:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["timestamp"]), line


def test_the_entry_logs_json_to_stderr_only_through_its_own_handler(tmp_path: Path) -> None:
    """A fresh interpreter, as in a new Lambda container: import app, answer a launch, read the streams."""
    script = (
        "import json, logging, sys\n"
        "import app\n"
        "logger = logging.getLogger('twitch_guide')\n"
        "from twitch_guide.logs import setup_logging\n"
        "setup_logging()\n"  # a second call must not add a second handler
        "assert len(logger.handlers) == 1 and logger.handlers[0].stream is sys.stderr\n"
        "assert logger.propagate is False and logger.level == logging.INFO\n"
        "app.handler(json.load(sys.stdin), None)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PREFERENCES_TABLE", "LOG_LEVEL", "SKILL_ID")}
    env["LOCAL_PREFERENCES_FILE"] = str(tmp_path / "preferences.json")
    event = envelope(launch_request(), user_id=USER, device_id=DEVICE)
    result = run_entry_in_fresh_interpreter(script, event, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert [line["message"] for line in lines] == ["response"]  # one line per request at INFO
    assert {line["request_id"] for line in lines} == {event["request"]["requestId"]}
    assert USER not in result.stderr and DEVICE not in result.stderr


# -- log context: a line belongs to the request it was written for ---------------------------------------------


class FailingLaunch(Conversation):
    """A conversation whose launch fails, so the SDK's exception handler answers instead."""

    def launch(self, turn: Turn) -> SkillReply:
        raise RuntimeError(f"boom for {USER}")


def _refused_line_after(handler: Any, skill_stderr: io.StringIO) -> tuple[str, dict[str, Any]]:
    first = envelope(launch_request(), user_id=USER)
    handler(first, None)
    stranger = envelope(
        launch_request(), user_id=USER, skill_id="amzn1.ask.skill.00000000-0000-0000-0000-0000000000ff"
    )
    with pytest.raises(WrongSkillError):
        handler(stranger, None)
    last = json.loads(skill_stderr.getvalue().splitlines()[-1])
    assert last["message"] == "request refused: not addressed to this skill"
    return first["request"]["requestId"], last


def test_a_refused_request_does_not_carry_the_previous_answered_requests_id(
    skill_stderr: io.StringIO,
) -> None:
    handler = build_handler(persistence_adapter=None, skill_id=SKILL_ID)
    previous_id, refused = _refused_line_after(handler, skill_stderr)
    assert refused.get("request_id") != previous_id


def test_a_refused_request_does_not_carry_the_previous_failed_requests_id(skill_stderr: io.StringIO) -> None:
    conversation = build_conversation()
    failing = FailingLaunch(conversation.rules, conversation.prompts)
    handler = build_handler(conversation=failing, persistence_adapter=None, skill_id=SKILL_ID)
    previous_id, refused = _refused_line_after(handler, skill_stderr)
    assert "request failed" in skill_stderr.getvalue()  # the exception handler really ran
    assert USER not in skill_stderr.getvalue()
    assert refused.get("request_id") != previous_id
