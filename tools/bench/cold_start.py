"""Cold start: fresh processes that each import a function's entry and answer its first LaunchRequest.

Variants run interleaved (one of each per round) so that anything else slowing the machine hits all alike.
The child (cold_child.py) times from just before the import to just after the first answer; interpreter start
is not counted. "dev" runs import from the source tree and the venv, with bytecode caches. "As deployed" runs
import the skill and the hello world from their `sam build` artifacts (lambda/Makefile) under python3.13, the
runtime's version, with the bytecode the build compiled for it and bytecode writing off (/var/task is
read-only); the skill also finds the build's conversation snapshot there. boto3 comes from a python3.13 venv
that holds it alone (runtime.py), as the Lambda runtime provides it. The variants that read and save at launch
(the skill with its store, the hello world with the SDK's DynamoDbAdapter) reach a moto server on 127.0.0.1
over HTTP (LoopbackDynamoDB), never AWS.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alexa_requests import AlexaSession
from runtime import run_json_child

CHILD = Path(__file__).resolve().parent / "cold_child.py"
TABLE = "bench-preferences"
CHILD_TIMEOUT_S = 60
DYNAMODB_ADAPTER = "ask_sdk_dynamodb"
DYNAMODB_ADAPTER_PIN = "ask-sdk-dynamodb-persistence-adapter==1.19.0"


@dataclass
class Variant:
    """One way of starting a function: which entry (cold_child.VARIANTS) and from which code folder."""

    name: str
    entry: str
    skill_dir: Path | None = None
    hello_dir: Path | None = None
    python: str | None = None  # the interpreter (runtime.runtime_python for "as deployed"); else this one


@dataclass
class Runs:
    """The child's timings (milliseconds) over all runs of one variant."""

    variant: str
    total: list[float] = field(default_factory=list)
    imported: list[float] = field(default_factory=list)
    first_request: list[float] = field(default_factory=list)
    boto3_loaded: bool = False
    errors: list[str] = field(default_factory=list)

    def median(self) -> float | None:
        return statistics.median(self.total) if self.total else None


def uses_dynamodb(variant: Variant) -> bool:
    return variant.entry in ("skill", "hello_dynamodb")


class LoopbackDynamoDB:
    """A moto server on 127.0.0.1 with the preferences table, for the variants that read and save at launch.
    Between runs the table is emptied, so each start is a new caller and must save one item."""

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.endpoint = ""
        self.client: Any = None

    def __enter__(self) -> LoopbackDynamoDB:
        import logging

        import boto3

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request on the bench's output
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.client = boto3.client("dynamodb", endpoint_url=self.endpoint, region_name="us-east-1")
        self.client.create_table(
            TableName=TABLE,
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            BillingMode="PAY_PER_REQUEST",
        )
        return self

    def __exit__(self, *_: object) -> None:
        self.server.stop()

    def items(self) -> list[dict[str, Any]]:
        return list(self.client.scan(TableName=TABLE)["Items"])

    def empty(self) -> None:
        for item in self.items():
            self.client.delete_item(TableName=TABLE, Key={"id": item["id"]})


def has_dynamodb_adapter() -> bool:
    return importlib.util.find_spec(DYNAMODB_ADAPTER) is not None


def child_env(variant: Variant, endpoint: str = "") -> dict[str, str]:
    """Fake credentials, no metadata probe, no AWS config files: nothing can reach AWS. `endpoint`: the
    loopback DynamoDB for the variants that use it."""
    env = dict(os.environ)
    env.update(
        {
            "PREFERENCES_TABLE": TABLE,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": env.get("AWS_DEFAULT_REGION") or "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "LOG_LEVEL": "INFO",
        }
    )
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
    if endpoint and uses_dynamodb(variant):
        env["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if variant.skill_dir is not None or variant.hello_dir is not None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    if variant.skill_dir is not None:
        env["BENCH_SKILL_DIR"] = str(variant.skill_dir)
    if variant.hello_dir is not None:
        env["BENCH_HELLO_DIR"] = str(variant.hello_dir)
    return env


def run_child(variant: Variant, event_path: Path, store: LoopbackDynamoDB | None) -> dict[str, Any]:
    if store is not None and uses_dynamodb(variant):
        store.empty()
    result: dict[str, Any] = run_json_child(
        [variant.python or sys.executable, str(CHILD), variant.entry, str(event_path)],
        child_env(variant, store.endpoint if store is not None else ""),
        CHILD_TIMEOUT_S,
        variant.name,
    )
    if not result.get("answered"):
        raise RuntimeError(f"{variant.name}: the first LaunchRequest got no speech")
    if store is not None and uses_dynamodb(variant) and len(store.items()) != 1:
        raise RuntimeError(f"{variant.name}: the first LaunchRequest did not save to the loopback DynamoDB")
    return result


def measure(variants: list[Variant], rounds: int = 9) -> dict[str, Runs]:
    """Run every variant `rounds` times, interleaved; a variant whose child fails keeps its error."""
    results = {v.name: Runs(v.name) for v in variants}
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(LoopbackDynamoDB()) if any(map(uses_dynamodb, variants)) else None
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-cold-"))
        event_path = Path(tmp) / "launch.json"
        event_path.write_text(json.dumps(AlexaSession().launch()), encoding="utf-8")
        # One unmeasured start each: the first process after a build pays for the disk cache.
        for variant in variants:
            try:
                run_child(variant, event_path, store)
            except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
                results[variant.name].errors.append(str(error))
        live = [v for v in variants if not results[v.name].errors]
        for _ in range(rounds):
            for variant in live:
                runs = results[variant.name]
                try:
                    child = run_child(variant, event_path, store)
                except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
                    runs.errors.append(str(error))
                    continue
                runs.total.append(child["total_ms"])
                runs.imported.append(child["import_ms"])
                runs.first_request.append(child["first_request_ms"])
                runs.boto3_loaded = bool(child["boto3_loaded"])
    return results
