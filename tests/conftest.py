"""Shared fixtures: no test may reach AWS, whatever the developer's own shell or ~/.aws holds."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from chat_support import Chat, ChatFactory

# Fake credentials and a fixed region, no instance-metadata probe, and no profile or config file from the
# developer's machine (a real profile could point boto3 at a real account).
FAKE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}


@pytest.fixture(autouse=True, scope="session")
def fake_aws_environment() -> Iterator[None]:
    """Set once for the whole run (session scope, so hypothesis tests may use it too)."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in FAKE_AWS_ENVIRONMENT.items():
            patch.setenv(name, value)
        for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"):
            patch.delenv(name, raising=False)
        yield


@pytest.fixture
def chat(tmp_path: Path) -> ChatFactory:
    """A new caller per test, with a preference store of their own."""
    return lambda locale: Chat(locale, store=tmp_path / "preferences.json")
