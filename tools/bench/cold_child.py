"""One cold start, in a fresh process: import a skill's entry, handle its first LaunchRequest, print timings.

Run by cold_start.py as `python cold_child.py VARIANT EVENT.json`; prints one JSON line. Before the clock
starts, the child imports what the Lambda runtime has already imported when it imports a function's module:
its bootstrap (awslambdaric, the runtime interface client the python3.13 runtime runs) imports importlib,
json, logging, os, sys, time and traceback, and its log utilities and marshaller enum, decimal and math.
DynamoDB is a moto server on loopback that cold_start.py runs (AWS_ENDPOINT_URL_DYNAMODB points boto3 at
it): boto3 is imported, the client created and GetItem and PutItem sent over HTTP, as in Lambda.
"""

import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# cold_start.py points these at the built packages to start the functions as deployed (sam build artifacts).
HELLO_DIR = os.environ.get("BENCH_HELLO_DIR") or os.path.join(HERE, "hello_world")
LAMBDA_DIR = os.environ.get("BENCH_SKILL_DIR") or os.path.join(ROOT, "lambda")


def _skill_dynamodb() -> object:
    # Exactly what Lambda runs: app.py builds DynamoDbPreferences(PREFERENCES_TABLE) on the default client.
    sys.path.insert(0, LAMBDA_DIR)
    import app

    return app.handler


def _skill_no_store() -> object:
    sys.path.insert(0, LAMBDA_DIR)
    os.environ.pop("PREFERENCES_TABLE", None)
    import app

    return app.handler


def _hello() -> object:
    sys.path.insert(0, HELLO_DIR)
    import lambda_function

    return lambda_function.lambda_handler


def _hello_dynamodb() -> object:
    sys.path.insert(0, HELLO_DIR)
    import lambda_function_dynamodb

    return lambda_function_dynamodb.lambda_handler


# Loaded by the Lambda runtime's bootstrap before it imports the handler's module (see the docstring).
LAMBDA_RUNTIME_IMPORTS = (
    "importlib",
    "json",
    "logging",
    "os",
    "sys",
    "time",
    "traceback",
    "enum",
    "decimal",
    "math",
)

# Installed in the dev venv (by aws-sam-cli and moto), absent from the Lambda runtime, and picked up by
# botocore and urllib3 when present: hidden, so boto3 imports as it does in Lambda.
NOT_IN_LAMBDA_RUNTIME = ("awscrt", "OpenSSL", "cryptography")

VARIANTS = {
    "skill": _skill_dynamodb,
    "skill_no_store": _skill_no_store,
    "hello": _hello,
    "hello_dynamodb": _hello_dynamodb,
}


def main() -> None:
    variant, event_path = sys.argv[1], sys.argv[2]
    with open(event_path, encoding="utf-8") as file:
        event = json.load(file)
    for name in NOT_IN_LAMBDA_RUNTIME:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" now raises ImportError
    for name in LAMBDA_RUNTIME_IMPORTS:
        __import__(name)
    # The skill's logs go to stderr as in Lambda; the parent discards them.
    started = time.perf_counter_ns()
    handler = VARIANTS[variant]()
    imported = time.perf_counter_ns()
    response = handler(event, None)
    answered = time.perf_counter_ns()
    speech = (response.get("response") or {}).get("outputSpeech") or {}
    print(
        json.dumps(
            {
                "variant": variant,
                "import_ms": (imported - started) / 1e6,
                "first_request_ms": (answered - imported) / 1e6,
                "total_ms": (answered - started) / 1e6,
                "boto3_loaded": "boto3" in sys.modules,
                "answered": bool(speech.get("ssml") or speech.get("text")),
            }
        )
    )


if __name__ == "__main__":
    main()
