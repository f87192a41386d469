"""Preferences through the ASK persistence adapter: DynamoDB (moto, the table from template.yaml) and the local
file store keep the same contract; only non-health preferences are stored; faults cost the caller nothing."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
import botocore.endpoint
import pytest
from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError
from botocore.stub import Stubber
from moto import mock_aws

from envelope_factory import (
    Answer,
    Caller,
    can_fulfill_request,
    envelope,
    launch_request,
    run_entry_in_fresh_interpreter,
    session_ended_request,
    slot,
)
from template_support import preferences_table_definition, ttl_attribute_name
from twitch_guide import persistence
from twitch_guide.logs import JsonFormatter, setup_logging
from twitch_guide.persistence import (
    CONNECT_TIMEOUT_S,
    COOL_OFF_S,
    MAX_ATTEMPTS,
    READ_TIMEOUT_S,
    TTL_ATTRIBUTE,
    TTL_SECONDS,
    DynamoDbPreferences,
    LocalFilePreferences,
    adapter_from_environment,
)
from twitch_guide.prompts import default_prompts, fill
from twitch_guide.skill import build_handler
from twitch_guide.triage.rules import Level, default_rules

TABLE = "twitch-guide-preferences"
USER = "amzn1.ask.account.AF4Q2PERSISTENCETESTUSER7XK"
OTHER_USER = "amzn1.ask.account.AHOTHERCALLERWHOSTAYS9"
PREFERENCE_FIELDS = {"disclaimer_heard", "rate", "visits", "last_visit"}
SYMPTOM_TEXT = "my calf is twitching and I have pins and needles"
# Emergency questions get "no" so the check runs to its end; every other question gets "yes".
ANSWER_NO = {"airway_and_chest", "stroke_signs", "seizure_or_sudden_loss", "weakness_sudden"}


def spoken(key: str, locale: str = "en-US") -> str:
    """A prompt exactly as the skill says it in `locale`."""
    return fill(default_prompts().text[key], default_rules().care_for(locale), spoken=True)


def key_of(user_id: str) -> str:
    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()


class SkillLog(logging.Handler):
    """The skill's own log lines, formatted by its JsonFormatter, kept for assertions."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def warnings(self) -> list[dict[str, Any]]:
        parsed = [json.loads(line) for line in self.lines]
        return [line for line in parsed if line["level"] == "WARN"]


@pytest.fixture
def skill_log() -> Iterator[SkillLog]:
    setup_logging()
    capture = SkillLog()
    logger = logging.getLogger("twitch_guide")
    logger.addHandler(capture)
    yield capture
    logger.removeHandler(capture)


# -- the two stores behind one contract --------------------------------------------------------------------


@dataclass
class Store:
    """A preference store under test, and ways to look inside it that bypass the skill."""

    kind: str
    adapter: AbstractPersistenceAdapter
    records: Callable[[], dict[str, dict[str, Any]]]  # record key -> attributes as plain values
    raw: Callable[[], str]  # everything the store holds, as text
    plant: Callable[[str, dict[str, Any]], None]  # write a record for a user id directly


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, Decimal) else value


@pytest.fixture
def dynamodb_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        # The table exactly as template.yaml declares it, TTL included: code and template cannot drift.
        client.create_table(TableName=TABLE, **preferences_table_definition())
        client.update_time_to_live(
            TableName=TABLE, TimeToLiveSpecification={"AttributeName": ttl_attribute_name(), "Enabled": True}
        )
        monkeypatch.delenv("LOCAL_PREFERENCES_FILE", raising=False)
        monkeypatch.setenv("PREFERENCES_TABLE", TABLE)
        adapter = adapter_from_environment()
        assert isinstance(adapter, DynamoDbPreferences)
        deserialize, serialize = TypeDeserializer().deserialize, TypeSerializer().serialize

        def items() -> list[dict[str, Any]]:
            return list(client.scan(TableName=TABLE)["Items"])

        def records() -> dict[str, dict[str, Any]]:
            plain = [{k: _plain(deserialize(v)) for k, v in item.items()} for item in items()]
            return {item.pop("id"): item for item in plain}

        def plant(user_id: str, record: dict[str, Any]) -> None:
            item = {k: serialize(v) for k, v in {**record, "id": key_of(user_id)}.items()}
            client.put_item(TableName=TABLE, Item=item)

        yield Store("dynamodb", adapter, records, lambda: json.dumps(items()), plant)


@pytest.fixture
def local_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    path = tmp_path / "data" / "muscle-twitch-guide" / "preferences.json"
    monkeypatch.delenv("PREFERENCES_TABLE", raising=False)
    monkeypatch.setenv("LOCAL_PREFERENCES_FILE", str(path))
    adapter = adapter_from_environment()
    assert isinstance(adapter, LocalFilePreferences)

    def records() -> dict[str, dict[str, Any]]:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def plant(user_id: str, record: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**records(), key_of(user_id): record}), encoding="utf-8")

    return Store("local", adapter, records, lambda: path.read_text("utf-8") if path.exists() else "", plant)


@pytest.fixture(params=["dynamodb", "local"])
def store(request: pytest.FixtureRequest) -> Store:
    chosen: Store = request.getfixturevalue(f"{request.param}_store")
    return chosen


def caller_for(store: Store, user_id: str = USER) -> Caller:
    return Caller(build_handler(persistence_adapter=store.adapter), user_id=user_id)


def run_symptom_check(caller: Caller) -> dict[str, Any]:
    """A volunteered symptom, then the whole check to its outcome; returns the final session attributes."""
    caller.intent(
        "ReportSymptomIntent",
        symptom=slot("symptom", SYMPTOM_TEXT, "tingling"),
        bodyPart=slot("bodyPart", "left calf", None, "BodyPart"),
        duration=slot("duration", "P3W", None, "AMAZON.DURATION"),
    )
    for _ in range(12):
        question = caller.attributes.get("question")
        if question is None:
            break
        caller.intent("AMAZON.NoIntent" if question in ANSWER_NO else "AMAZON.YesIntent")
    return caller.attributes


# -- the contract, for both stores ---------------------------------------------------------------------------


def test_the_template_and_the_code_name_the_same_ttl_attribute_and_key() -> None:
    assert ttl_attribute_name() == TTL_ATTRIBUTE
    assert preferences_table_definition()["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]


def test_first_visit_hears_the_full_disclaimer_and_later_visits_the_short_one(store: Store) -> None:
    caller = caller_for(store)
    first = caller.launch()
    assert spoken("disclaimer_full") in first.text
    assert spoken("disclaimer_short") not in first.text
    stored = store.records()[key_of(USER)]
    assert stored["disclaimer_heard"] is True
    assert stored["visits"] == 1
    caller.end()

    second = caller.launch()
    assert spoken("welcome_back") in second.text
    assert spoken("disclaimer_short") in second.text
    assert spoken("disclaimer_full") not in second.text
    assert store.records()[key_of(USER)]["visits"] == 2


def test_speak_slower_is_stored_and_later_answers_are_slower(store: Store) -> None:
    caller = caller_for(store)
    assert "<prosody" not in caller.launch().ssml
    slower = caller.intent("SpeakSlowerIntent")
    assert slower.ssml.startswith('<speak><prosody rate="85%">')
    assert store.records()[key_of(USER)]["rate"] == "slow"
    assert '<prosody rate="85%">' in caller.intent("WhatIsTwitchingIntent").ssml
    caller.end()
    # A new session reads the rate from the store, not from the old session.
    assert caller.launch().ssml.startswith('<speak><prosody rate="85%">')


def test_only_preferences_are_stored_even_after_a_whole_symptom_check(store: Store) -> None:
    caller = caller_for(store)
    caller.launch()
    final = run_symptom_check(caller)
    assert final.get("disposition") in {level.value for level in Level}, "the check must reach an outcome"
    caller.intent("SpeakSlowerIntent")  # a save while findings and a disposition sit in the session

    records = store.records()
    assert list(records) == [key_of(USER)]
    record = records[key_of(USER)]
    assert set(record) == PREFERENCE_FIELDS | {TTL_ATTRIBUTE}
    assert record["disclaimer_heard"] is True
    assert record["rate"] == "slow"
    assert record["visits"] == 1
    assert isinstance(record["last_visit"], str) and len(record["last_visit"]) == 10
    now = time.time()
    assert isinstance(record[TTL_ATTRIBUTE], int)
    assert now < record[TTL_ATTRIBUTE] <= now + TTL_SECONDS + 5

    everything = store.raw().lower()
    rules = default_rules()
    health_words = [*rules.red_flags, *(level.value for level in Level), *(q.id for q in rules.questions)]
    health_words += [
        SYMPTOM_TEXT.lower(),
        "left calf",
        "p3w",
        "findings",
        "disposition",
        "question",
        "replies",
    ]
    leaked = [word for word in health_words if word.lower() in everything]
    assert leaked == []
    assert USER.lower() not in everything
    assert "amzn1" not in everything


def test_forget_me_deletes_only_the_callers_record_and_says_so(store: Store) -> None:
    other = caller_for(store, OTHER_USER)
    other.launch()
    caller = caller_for(store)
    caller.launch()
    caller.intent("SpeakSlowerIntent")
    assert set(store.records()) == {key_of(USER), key_of(OTHER_USER)}

    answer = caller.intent("ForgetMeIntent")
    assert spoken("forgotten") in answer.text
    assert set(store.records()) == {key_of(OTHER_USER)}
    assert '<prosody rate="85%">' not in answer.ssml  # forgotten at once, not from the next session on
    caller.end()
    again = caller.launch()
    assert spoken("disclaimer_full") in again.text
    assert store.records()[key_of(USER)]["visits"] == 1


def test_an_expired_record_is_ignored_and_replaced(store: Store) -> None:
    store.plant(
        USER,
        {
            "disclaimer_heard": True,
            "rate": "slow",
            "visits": 7,
            "last_visit": "2020-01-01",
            TTL_ATTRIBUTE: int(time.time()) - 60,
        },
    )
    caller = caller_for(store)
    answer = caller.launch()
    assert spoken("disclaimer_full") in answer.text
    assert "<prosody" not in answer.ssml
    record = store.records()[key_of(USER)]
    assert record["visits"] == 1
    assert record["rate"] == "normal"
    assert record[TTL_ATTRIBUTE] > time.time()


def test_a_record_still_alive_is_read(store: Store) -> None:
    store.plant(
        USER,
        {
            "disclaimer_heard": True,
            "rate": "fast",
            "visits": 3,
            "last_visit": "2024-05-01",
            TTL_ATTRIBUTE: 2**40,
        },
    )
    answer = caller_for(store).launch()
    assert spoken("disclaimer_short") in answer.text
    assert answer.ssml.startswith('<speak><prosody rate="115%">')


# -- the local store ------------------------------------------------------------------------------------------


def test_local_store_drops_expired_and_malformed_records_when_it_writes(local_store: Store) -> None:
    local_store.plant("amzn1.ask.account.GONE", {"rate": "slow", TTL_ATTRIBUTE: int(time.time()) - 1})
    local_store.plant("amzn1.ask.account.BROKEN", {"rate": "slow", TTL_ATTRIBUTE: "soon"})
    local_store.plant(OTHER_USER, {"rate": "fast", TTL_ATTRIBUTE: 2**40})
    broken = caller_for(local_store, "amzn1.ask.account.BROKEN").launch()
    assert spoken("disclaimer_full") in broken.text  # a malformed record reads as none, not as an error
    assert set(local_store.records()) == {key_of(OTHER_USER), key_of("amzn1.ask.account.BROKEN")}


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_local_store_file_is_readable_by_its_owner_only(local_store: Store) -> None:
    caller_for(local_store).launch()
    assert isinstance(local_store.adapter, LocalFilePreferences)
    mode = stat.S_IMODE(local_store.adapter.path.stat().st_mode)
    assert mode & 0o077 == 0, oct(mode)


def test_an_unreadable_local_store_costs_the_caller_nothing(tmp_path: Path, skill_log: SkillLog) -> None:
    path = tmp_path / "preferences.json"
    path.write_text("{not json", encoding="utf-8")
    caller = Caller(build_handler(persistence_adapter=LocalFilePreferences(path)), user_id=USER)
    assert spoken("disclaimer_full") in caller.launch().text
    assert skill_log.warnings()
    assert all(USER not in line for line in skill_log.lines)


# -- DynamoDB: the client, its configuration, and cold start -------------------------------------------------


def test_the_client_is_created_once_per_adapter(dynamodb_store: Store) -> None:
    made: list[Any] = []

    def factory() -> Any:
        made.append(boto3.client("dynamodb", region_name="us-east-1"))
        return made[-1]

    adapter = DynamoDbPreferences(TABLE, client_factory=factory)
    assert made == []  # nothing at construction: a container that never asks pays nothing
    handler = build_handler(persistence_adapter=adapter)
    for user in (USER, OTHER_USER):
        caller = Caller(handler, user_id=user)
        caller.launch()
        caller.intent("SpeakSlowerIntent")
        caller.intent("ForgetMeIntent")
        caller.end()
        caller.launch()
    assert len(made) == 1


def test_the_default_client_has_tight_timeouts_and_bounded_retries() -> None:
    client = persistence._default_client()
    config = client.meta.config
    assert config.connect_timeout == CONNECT_TIMEOUT_S
    assert config.read_timeout == READ_TIMEOUT_S
    assert config.retries == {"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"}
    # The worst case of one call (every attempt hitting both timeouts, plus standard mode's backoff before
    # each retry, under 1 s for the first) must leave room for a cold start inside the function's 6 s.
    worst_call = MAX_ATTEMPTS * (CONNECT_TIMEOUT_S + READ_TIMEOUT_S) + (MAX_ATTEMPTS - 1) * 1.0
    assert worst_call <= 3.0


@pytest.mark.parametrize("store_env", ["none", "local"])
def test_boto3_is_not_imported_when_no_table_is_configured(store_env: str, tmp_path: Path) -> None:
    event = envelope(launch_request(), user_id=USER)
    env = {k: v for k, v in os.environ.items() if k not in ("PREFERENCES_TABLE", "LOCAL_PREFERENCES_FILE")}
    if store_env == "local":
        env["LOCAL_PREFERENCES_FILE"] = str(tmp_path / "preferences.json")
    script = (
        "import json, sys\n"
        "import app\n"
        "answer = app.handler(json.load(sys.stdin), None)\n"
        "assert 'outputSpeech' in answer['response'], answer\n"
        "print(json.dumps(sorted(m for m in ('boto3', 'botocore') if m in sys.modules)))\n"
    )
    result = run_entry_in_fresh_interpreter(script, event, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


# -- DynamoDB faults: the caller still gets the right answer, the log says what failed and nothing more ------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _stubbed_adapter() -> tuple[DynamoDbPreferences, Stubber, FakeClock]:
    client = persistence._default_client()  # the real client and configuration, answered by a Stubber
    stubber = Stubber(client)
    stubber.activate()
    clock = FakeClock()
    return DynamoDbPreferences(TABLE, client_factory=lambda: client, clock=clock), stubber, clock


FAULT_CODES = [
    ("ProvisionedThroughputExceededException", 400),
    ("ThrottlingException", 400),
    ("ResourceNotFoundException", 400),
    ("AccessDeniedException", 400),
    ("InternalServerError", 500),
]


def _assert_clean_warning(log: SkillLog, operation: str, code: str) -> None:
    """One warning names the failed operation and AWS's error code; any later ones say a call was skipped."""
    warnings = log.warnings()
    errors = [warning["error"] for warning in warnings]
    assert errors, log.lines
    assert errors[0] == f"DynamoDB {operation} failed: {code}"
    assert all(error.endswith("skipped: the table failed moments ago") for error in errors[1:]), errors
    assert all(warning["request_id"].startswith("amzn1.echo-api.request.") for warning in warnings)
    for line in log.lines:
        assert USER not in line
        assert key_of(USER) not in line  # not even the hashed key
        assert TABLE not in line


@pytest.mark.parametrize(("code", "status"), FAULT_CODES)
def test_a_failed_read_still_answers_with_the_full_disclaimer(
    code: str, status: int, skill_log: SkillLog
) -> None:
    adapter, stubber, _ = _stubbed_adapter()
    stubber.add_client_error(
        "get_item",
        service_error_code=code,
        service_message=f"user {key_of(USER)} on {TABLE}",
        http_status_code=status,
    )
    answer = Caller(build_handler(persistence_adapter=adapter), user_id=USER).launch()
    assert spoken("disclaimer_full") in answer.text
    assert spoken("menu") in answer.text
    assert not answer.ends_session
    _assert_clean_warning(skill_log, "get_item", code)
    # The save after a failed read is skipped rather than made to wait on the same sick table.
    stubber.assert_no_pending_responses()


@pytest.mark.parametrize(("code", "status"), FAULT_CODES)
def test_a_failed_save_still_answers(code: str, status: int, skill_log: SkillLog) -> None:
    adapter, stubber, _ = _stubbed_adapter()
    stubber.add_response("get_item", {}, {"TableName": TABLE, "Key": {"id": {"S": key_of(USER)}}})
    stubber.add_client_error("put_item", service_error_code=code, http_status_code=status)
    caller = Caller(build_handler(persistence_adapter=adapter), user_id=USER)
    answer = caller.launch()
    assert spoken("disclaimer_full") in answer.text
    _assert_clean_warning(skill_log, "put_item", code)
    stubber.assert_no_pending_responses()
    # Within the session the preference still applies, even though it could not be stored.
    assert caller.intent("SpeakSlowerIntent").ssml.startswith('<speak><prosody rate="85%">')


@pytest.mark.parametrize(("code", "status"), FAULT_CODES)
def test_a_failed_delete_says_it_could_not_forget(code: str, status: int, skill_log: SkillLog) -> None:
    adapter, stubber, _ = _stubbed_adapter()
    stubber.add_response("get_item", {})
    stubber.add_client_error("delete_item", service_error_code=code, http_status_code=status)
    answer = Caller(build_handler(persistence_adapter=adapter), user_id=USER).intent("ForgetMeIntent")
    assert spoken("forget_failed") in answer.text
    assert spoken("forgotten") not in answer.text
    _assert_clean_warning(skill_log, "delete_item", code)
    stubber.assert_no_pending_responses()


def test_after_a_failure_the_table_is_left_alone_for_a_while(skill_log: SkillLog) -> None:
    adapter, stubber, clock = _stubbed_adapter()
    stubber.add_client_error("get_item", service_error_code="ThrottlingException", http_status_code=400)
    handler = build_handler(persistence_adapter=adapter)
    Caller(handler, user_id=USER).launch()
    clock.now += COOL_OFF_S / 2
    # No stubbed response is queued: a call now would raise inside the Stubber and log a different error.
    answer = Caller(handler, user_id=OTHER_USER).launch()
    assert spoken("disclaimer_full") in answer.text
    assert [warning["error"] for warning in skill_log.warnings()] == [
        "DynamoDB get_item failed: ThrottlingException",
        "DynamoDB put_item skipped: the table failed moments ago",
        "DynamoDB get_item skipped: the table failed moments ago",
        "DynamoDB put_item skipped: the table failed moments ago",
    ]

    clock.now += COOL_OFF_S
    stubber.add_response("get_item", {})
    stubber.add_response("put_item", {})
    Caller(handler, user_id=OTHER_USER).launch()
    stubber.assert_no_pending_responses()


def test_name_free_probes_and_session_ends_never_read_the_table(skill_log: SkillLog) -> None:
    adapter, stubber, _ = _stubbed_adapter()  # nothing queued: any call would fail and log a warning
    handler = build_handler(persistence_adapter=adapter)
    probe = can_fulfill_request("CausesIntent", {"cause": slot("cause", "caffeine", "caffeine", "Cause")})
    verdict = Answer(handler(envelope(probe, user_id=USER), None))
    assert verdict.response["canFulfillIntent"]["canFulfill"] == "YES"
    ended = Answer(handler(envelope(session_ended_request(), user_id=USER), None))
    assert "outputSpeech" not in ended.response
    assert skill_log.warnings() == []
    stubber.assert_no_pending_responses()


# -- timeouts, through botocore's real retry machinery ------------------------------------------------------

TIMEOUTS: list[tuple[str, Callable[[], Exception]]] = [
    (
        "ConnectTimeoutError",
        lambda: ConnectTimeoutError(endpoint_url="https://dynamodb.us-east-1.amazonaws.com"),
    ),
    (
        "ReadTimeoutError",
        lambda: ReadTimeoutError(
            endpoint_url="https://dynamodb.us-east-1.amazonaws.com", error="read timed out"
        ),
    ),
]
OPERATIONS = {"get_item": "GetItem", "put_item": "PutItem", "delete_item": "DeleteItem"}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize(("name", "timeout"), TIMEOUTS)
def test_timeouts_are_retried_once_then_the_skill_answers_without_preferences(
    operation: str,
    name: str,
    timeout: Callable[[], Exception],
    skill_log: SkillLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = persistence._default_client()
    sent: list[str] = []
    sleeps: list[float] = []
    monkeypatch.setattr(botocore.endpoint.time, "sleep", sleeps.append)

    def network(request: Any, event_name: str, **_: Any) -> Any:
        sent.append(event_name.rsplit(".", 1)[-1])
        if event_name.endswith(OPERATIONS[operation]):
            raise timeout()
        body = b"{}"  # an empty item / a successful write: DynamoDB's JSON for both
        return AWSResponse(request.url, 200, {}, _Raw(body))

    client.meta.events.register("before-send.dynamodb", network)
    adapter = DynamoDbPreferences(TABLE, client_factory=lambda: client)
    caller = Caller(build_handler(persistence_adapter=adapter), user_id=USER)
    answer = caller.intent("ForgetMeIntent") if operation == "delete_item" else caller.launch()

    if operation == "delete_item":
        assert spoken("forget_failed") in answer.text
    else:
        assert spoken("disclaimer_full") in answer.text
    assert sent.count(OPERATIONS[operation]) == MAX_ATTEMPTS
    assert len(sleeps) == MAX_ATTEMPTS - 1
    assert all(0 <= delay <= 1.0 for delay in sleeps)  # standard mode's first backoff: random, under 1 s
    _assert_clean_warning(skill_log, operation, name)


class _Raw:
    """Just enough of a urllib3 response body for botocore to read."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


# -- the real timeouts on a real socket (localhost only) --------------------------------------------------


@pytest.fixture
def silent_server() -> Iterator[tuple[str, list[socket.socket]]]:
    """An HTTP endpoint that accepts connections and never answers: every read times out."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_hung_table_costs_a_launch_one_bounded_wait(
    silent_server: tuple[str, list[socket.socket]], monkeypatch: pytest.MonkeyPatch, skill_log: SkillLog
) -> None:
    url, accepted = silent_server
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", url)
    monkeypatch.setenv("PREFERENCES_TABLE", TABLE)
    handler = build_handler()  # the production path: adapter and client from the environment
    started = time.perf_counter()
    answer = Caller(handler, user_id=USER).launch()
    elapsed = time.perf_counter() - started

    assert spoken("disclaimer_full") in answer.text
    assert len(accepted) == MAX_ATTEMPTS  # one read, retried once; no save after it
    assert elapsed >= MAX_ATTEMPTS * READ_TIMEOUT_S
    assert elapsed < MAX_ATTEMPTS * (CONNECT_TIMEOUT_S + READ_TIMEOUT_S) + 1.0 + 0.5
    _assert_clean_warning(skill_log, "get_item", "ReadTimeoutError")


def test_an_unreachable_table_times_out_on_connect(
    monkeypatch: pytest.MonkeyPatch, skill_log: SkillLog
) -> None:
    # A listening socket whose accept queue is full drops new connections: connect() hangs, as it would to a
    # black-holed endpoint, without leaving this machine.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(16):
            probe = socket.socket()
            probe.settimeout(0.2)
            fillers.append(probe)
            try:
                probe.connect(("127.0.0.1", port))
            except TimeoutError:
                break
        else:
            pytest.skip("this kernel accepts connections beyond the listen backlog")
        monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", f"http://127.0.0.1:{port}")
        adapter = DynamoDbPreferences(TABLE)
        started = time.perf_counter()
        answer = Caller(build_handler(persistence_adapter=adapter), user_id=USER).launch()
        elapsed = time.perf_counter() - started
    finally:
        for probe in fillers:
            probe.close()
        server.close()
    assert spoken("disclaimer_full") in answer.text
    assert elapsed >= MAX_ATTEMPTS * CONNECT_TIMEOUT_S
    assert elapsed < MAX_ATTEMPTS * CONNECT_TIMEOUT_S + 1.0 + 0.5
    _assert_clean_warning(skill_log, "get_item", "ConnectTimeoutError")
