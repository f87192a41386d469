"""Find the skill's Lambda handler from template.yaml, import it in process, and fake the Lambda context."""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import yaml

Handler = Callable[[dict[str, Any], Any], Any]

DEFAULT_CODE_URI = "lambda/"
DEFAULT_HANDLER = "app.handler"
APP_NAME = "muscle-twitch-guide"


class SkillLoadError(Exception):
    """The handler cannot be found or imported; the message is meant for the user as is."""


@dataclass
class FakeLambdaContext:
    """The attributes and method of the Lambda context object that handlers commonly use."""

    function_name: str = "muscle-twitch-guide-local"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 1024
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:000000000000:function:muscle-twitch-guide-local"
    log_group_name: str = "/aws/lambda/muscle-twitch-guide-local"
    log_stream_name: str = "local"
    timeout_ms: int = 6000

    def get_remaining_time_in_millis(self) -> int:
        """Time left before the (simulated) timeout; the simulator does not enforce it."""
        return self.timeout_ms


def _any_tag(loader: Any, _suffix: str, node: Any) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


# A safe loader that reads CloudFormation tags (!Ref, !GetAtt, !Sub ...) as their plain values.
_TolerantLoader: Any = type("_TolerantLoader", (yaml.SafeLoader,), {})
_TolerantLoader.add_multi_constructor("!", _any_tag)


def handler_location(root: Path) -> tuple[Path, str]:
    """(code directory, "module.function") of the skill's function in `root`/template.yaml.

    Picks the function with an AlexaSkill event (else the first function), takes CodeUri and Handler from
    it or from Globals, and falls back to lambda/ and app.handler when the template is absent.
    """
    template = root / "template.yaml"
    if not template.is_file():
        return root / DEFAULT_CODE_URI, DEFAULT_HANDLER
    try:
        data = yaml.load(template.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise SkillLoadError(f"{template}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SkillLoadError(f"{template}: not a template (expected a mapping at the top)")
    defaults = ((data.get("Globals") or {}).get("Function")) or {}
    functions = [
        r.get("Properties") or {}
        for r in (data.get("Resources") or {}).values()
        if isinstance(r, dict) and r.get("Type") in ("AWS::Serverless::Function", "AWS::Lambda::Function")
    ]
    if not functions:
        raise SkillLoadError(f"{template}: declares no function")
    alexa = [
        f for f in functions if any(e.get("Type") == "AlexaSkill" for e in (f.get("Events") or {}).values())
    ]
    chosen = (alexa or functions)[0]
    code_uri = chosen.get("CodeUri", defaults.get("CodeUri", DEFAULT_CODE_URI))
    handler = chosen.get("Handler", defaults.get("Handler", DEFAULT_HANDLER))
    if not isinstance(code_uri, str) or not isinstance(handler, str):
        raise SkillLoadError(f"{template}: the function's CodeUri and Handler must be plain strings")
    return root / code_uri, handler


def load_handler(code_dir: Path, handler: str) -> Handler:
    """Import `module.function` from `code_dir` (put first on sys.path) and return the function."""
    module_name, _, function_name = handler.rpartition(".")
    if not module_name:
        raise SkillLoadError(f"handler '{handler}' must look like module.function")
    if not code_dir.is_dir():
        raise SkillLoadError(f"the skill's code directory {code_dir} does not exist")
    path = str(code_dir.resolve())
    if path not in sys.path:
        sys.path.insert(0, path)
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
        raise SkillLoadError(f"cannot import {module_name} from {code_dir}: {problem}") from exc
    function = getattr(module, function_name, None)
    if not callable(function):
        raise SkillLoadError(f"{module_name} has no function {function_name}")
    loaded: Handler = function
    return loaded


def default_store() -> Path:
    """Where the simulator keeps the skill's local preferences between runs."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "preferences.json"


def configure_store(store: Path | None, *, enabled: bool = True) -> Path | None:
    """Point the skill at an embedded local store (before it is imported); None when disabled.

    PREFERENCES_TABLE is removed from this process's environment so the local run can never reach DynamoDB.
    """
    os.environ.pop("PREFERENCES_TABLE", None)
    if not enabled:
        os.environ.pop("LOCAL_PREFERENCES_FILE", None)
        return None
    path = store or default_store()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SkillLoadError(f"cannot create the store's folder {path.parent}: {exc.strerror}") from None
    os.environ["LOCAL_PREFERENCES_FILE"] = str(path)
    return path


def fake_user_id(store: Path | None) -> str:
    """A fixed fake Alexa user id per store, so the skill finds its own preferences again (nothing real)."""
    digest = hashlib.sha256(str(store.resolve() if store else "no-store").encode()).hexdigest()[:40].upper()
    return f"amzn1.ask.account.SIM{digest}"
