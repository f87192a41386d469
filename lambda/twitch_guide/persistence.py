"""Preference stores behind the ASK SDK's persistence-adapter interface: DynamoDB in AWS, a JSON file locally.

Only non-health preferences are stored (see conversation.Preferences). Records are keyed by a hash of the
Alexa user ID, never the ID itself, and carry a time-to-live. boto3 is imported only when DynamoDB is first
used: importing it costs more than the whole ASK SDK, and a container that never needs it should not pay.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any, TypeGuard

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_model import RequestEnvelope

# A year: long enough that a returning caller is remembered, short enough that nothing lingers.
TTL_SECONDS = 365 * 24 * 3600
TTL_ATTRIBUTE = "expiresAt"

# DynamoDB answers in single-digit milliseconds in-region; these bounds keep a sick table from eating Alexa's
# 8 s, which also pay for a cold start's init. One call makes at most 2 attempts of (0.3 s connect + 0.5 s
# read) with botocore's standard-mode backoff (random, under 1 s) between them: 2.6 s at worst. The retry is
# worth it: a keep-alive connection dropped while Lambda froze the container fails once, then works. A request
# can make two calls (read at session start, write when something changed), and 5.2 s plus a cold start is
# too close to 8 s; so after a failure the adapter leaves the table alone for COOL_OFF_S, and a request waits
# on at most one failing call.
CONNECT_TIMEOUT_S = 0.3
READ_TIMEOUT_S = 0.5
MAX_ATTEMPTS = 2
COOL_OFF_S = 30.0

# The stored fields and their DynamoDB types; anything else in an item is ignored.
_FIELDS = {"disclaimer_heard": "BOOL", "rate": "S", "visits": "N", "last_visit": "S"}


def record_key(request_envelope: RequestEnvelope) -> str:
    """A stable, non-reversible key for the caller: SHA-256 of the Alexa user ID."""
    system = getattr(request_envelope.context, "system", None)
    user_id = getattr(getattr(system, "user", None), "user_id", None)
    if not isinstance(user_id, str) or not user_id:
        raise PersistenceException("request has no user id")
    import hashlib  # only a store keys records (~2 ms at a cold start without one)

    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()


class DynamoDbPreferences(AbstractPersistenceAdapter):
    """Preferences in the DynamoDB table that template.yaml declares (partition key `id`, TTL `expiresAt`)."""

    def __init__(
        self,
        table_name: str,
        client_factory: Callable[[], Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.table_name = table_name
        self._client_factory = client_factory or _default_client
        self._client: Any = None
        self._clock = clock
        self._resume_at = 0.0  # while the clock is before this, a recent failure keeps the table unasked

    @property
    def client(self) -> Any:
        """One boto3 client per container, created on first use."""
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        key = record_key(request_envelope)
        item = self._call("get_item", TableName=self.table_name, Key={"id": {"S": key}}).get("Item")
        if not item or _expired(item):
            return {}
        return _from_item(item)

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        item = _to_item(attributes)
        item["id"] = {"S": record_key(request_envelope)}
        item[TTL_ATTRIBUTE] = {"N": str(int(time.time()) + TTL_SECONDS)}
        self._call("put_item", TableName=self.table_name, Item=item)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        key = record_key(request_envelope)
        self._call("delete_item", TableName=self.table_name, Key={"id": {"S": key}})

    def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        if self._clock() < self._resume_at:
            raise PersistenceException(f"DynamoDB {operation} skipped: the table failed moments ago")
        try:
            result: dict[str, Any] = getattr(self.client, operation)(**kwargs)
            return result
        except Exception as error:  # botocore's errors are many; every one means "no preferences now"
            self._resume_at = self._clock() + COOL_OFF_S
            raise PersistenceException(f"DynamoDB {operation} failed: {_error_name(error)}") from error


def _error_name(error: Exception) -> str:
    """The AWS error code (ThrottlingException, AccessDeniedException...) or the exception's class. Never
    the message: AWS messages name ARNs and keys."""
    response = getattr(error, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    return code if isinstance(code, str) and code.isidentifier() else type(error).__name__


def _default_client() -> Any:
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=CONNECT_TIMEOUT_S,
        read_timeout=READ_TIMEOUT_S,
        retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
    )
    return boto3.client("dynamodb", config=config)


def _expired(item: dict[str, Any]) -> bool:
    # DynamoDB deletes expired items lazily (within days), so expiry is also checked on read.
    expires = item.get(TTL_ATTRIBUTE, {}).get("N")
    return expires is not None and expires.isdigit() and int(expires) < time.time()


def _to_item(attributes: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for name, kind in _FIELDS.items():
        value = attributes.get(name)
        if value is None:
            continue
        if kind == "BOOL" and isinstance(value, bool):
            item[name] = {"BOOL": value}
        elif kind == "N" and isinstance(value, int) and not isinstance(value, bool):
            item[name] = {"N": str(value)}
        elif kind == "S" and isinstance(value, str):
            item[name] = {"S": value}
    return item


def _from_item(item: dict[str, Any]) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for name, kind in _FIELDS.items():
        typed = item.get(name)
        if not isinstance(typed, dict) or kind not in typed:
            continue
        raw = typed[kind]
        if kind == "N":
            try:
                attributes[name] = int(raw)
            except (TypeError, ValueError):
                continue
        else:
            attributes[name] = raw
    return attributes


class LocalFilePreferences(AbstractPersistenceAdapter):
    """An embedded store for the simulator: one JSON file, written atomically, with the same TTL."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        from pathlib import Path  # the simulator's store only: a cold start in Lambda never imports pathlib

        self.path = Path(path)

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        record = self._load().get(record_key(request_envelope))
        if not _live(record):
            return {}
        return {k: v for k, v in record.items() if k in _FIELDS}

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        # Expired records go whenever the file is written: nothing outlives its time-to-live for long.
        records = {key: record for key, record in self._load().items() if _live(record)}
        record = {k: v for k, v in attributes.items() if k in _FIELDS}
        record[TTL_ATTRIBUTE] = int(time.time()) + TTL_SECONDS
        records[record_key(request_envelope)] = record
        self._store(records)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        records = self._load()
        if records.pop(record_key(request_envelope), None) is not None:
            self._store(records)

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise PersistenceException(
                f"local store {self.path} is unreadable: {type(error).__name__}"
            ) from error
        return data if isinstance(data, dict) else {}

    def _store(self, records: dict[str, Any]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile

            with tempfile.NamedTemporaryFile(
                "w", dir=self.path.parent, delete=False, encoding="utf-8"
            ) as tmp:
                json.dump(records, tmp)
            os.replace(tmp.name, self.path)
        except OSError as error:
            raise PersistenceException(
                f"local store {self.path} is not writable: {type(error).__name__}"
            ) from error


def _live(record: Any) -> TypeGuard[dict[str, Any]]:
    """A local record that is well formed and not past its expiry."""
    if not isinstance(record, dict):
        return False
    expires = record.get(TTL_ATTRIBUTE)
    return isinstance(expires, int) and not isinstance(expires, bool) and expires >= time.time()


def adapter_from_environment() -> AbstractPersistenceAdapter | None:
    """DynamoDB when PREFERENCES_TABLE is set (AWS), a local file when LOCAL_PREFERENCES_FILE is (laptop)."""
    table = os.environ.get("PREFERENCES_TABLE")
    if table:
        return DynamoDbPreferences(table)
    local = os.environ.get("LOCAL_PREFERENCES_FILE")
    if local:
        return LocalFilePreferences(local)
    return None
