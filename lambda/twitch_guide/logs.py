"""Structured JSON logs with the request context. Never the user ID, device ID, slot values or speech."""

from __future__ import annotations

import json
import logging
import os
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

# Only these fields may appear in a log line; anything else passed in `extra` is dropped, so a careless
# call cannot leak what a caller said.
ALLOWED_FIELDS = (
    "request_id",
    "request_type",
    "intent",
    "locale",
    "new_session",
    "end_session",
    "error",
    "ms",
)

# Lambda's JSON log format reads "level" to filter by ApplicationLogLevel, but knows only its own names: an
# unknown one such as Python's WARNING is read as INFO, so a WARN filter would drop every warning.
LAMBDA_LEVELS = {"WARNING": "WARN", "CRITICAL": "FATAL"}

# Lambda sets the root logger to the function's log level, so LOG_LEVEL=DEBUG would also turn on these
# libraries' wire dumps: request bodies with item keys, signed headers and the role's session token.
QUIET_LIBRARIES = ("botocore", "boto3", "urllib3", "s3transfer")

_ENCODER = json.JSONEncoder(default=str)  # built once: json.dumps builds one per call given `default`
_context: ContextVar[dict[str, Any]] = ContextVar("log_context", default={})  # noqa: B039 - never mutated


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            # RFC 3339, as Lambda wants it (without a valid timestamp it also reads the level as INFO).
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": LAMBDA_LEVELS.get(record.levelname, record.levelname),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(_context.get())
        for name in ALLOWED_FIELDS:
            if name in record.__dict__:
                line[name] = record.__dict__[name]
        return _ENCODER.encode(line)


def setup_logging() -> None:
    """JSON lines on stderr for the skill's own loggers, at LOG_LEVEL (default INFO)."""
    logger = logging.getLogger("twitch_guide")
    if any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(os.environ.get("LOG_LEVEL", "INFO").upper())
    logger.propagate = False
    # Every record otherwise looks up its thread, process and (python 3.12+) asyncio task: ~8 us a line
    # under python3.13 for fields no line of ours prints (the logging HOWTO's "Optimization").
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logging.logAsyncioTasks = False  # type: ignore[attr-defined]  # new in 3.12; the typeshed lags
    for name in QUIET_LIBRARIES:
        library = logging.getLogger(name)
        if library.level < logging.INFO:  # NOTSET follows the root logger, DEBUG in a debugging deployment
            library.setLevel(logging.INFO)


def set_request_context(**fields: Any) -> None:
    """Fields added to every log line of the current request."""
    _context.set({k: v for k, v in fields.items() if k in ALLOWED_FIELDS and v is not None})


def clear_request_context() -> None:
    """Forget the last request's fields. Lambda reuses the thread, so a line logged before the next request's
    context is set (a refused or unreadable envelope) would otherwise carry the previous request's id."""
    _context.set({})
