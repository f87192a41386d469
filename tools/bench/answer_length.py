"""Answer length: words and estimated spoken seconds (150 words a minute) of every distinct answer.

Answers come from two places. The scripted tour below drives the skill with envelopes in every locale that
has an interaction model: every intent one-shot and in session, for a first-time and a returning caller,
every custom slot value, every offer taken and declined, and the whole symptom-check tree (yes, no and not
sure at every question, with help, repeat, fallback, stop, start over, an aside and a volunteered symptom at
each one). If conversation tests exist (tests/test_conversation*.py), pytest runs them with the
speech_recorder plugin, which records every outputSpeech the ASK SDK produces during those tests.
"""

from __future__ import annotations

import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alexa_requests import MODELS_DIR, AlexaSession, Fill, intent_slots, output_ssml

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WORDS_PER_MINUTE = 150
PYTEST_TIMEOUT_S = 150
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-z0-9]")
ANSWERS = ("AMAZON.YesIntent", "AMAZON.NoIntent", "UnsureIntent")
# Said at every question of the symptom check; their answers are recorded, not explored further.
ASIDES: tuple[tuple[str, dict[str, Fill]], ...] = (
    ("AMAZON.HelpIntent", {}),
    ("AMAZON.RepeatIntent", {}),
    ("AMAZON.FallbackIntent", {}),
    ("AMAZON.StopIntent", {}),
    ("AMAZON.CancelIntent", {}),
    ("AMAZON.StartOverIntent", {}),
    ("WhatIsTwitchingIntent", {}),
    ("SpeakSlowerIntent", {}),
    ("ForgetMeIntent", {}),
    ("ReportSymptomIntent", {"symptom": Fill("weak", "weakness")}),
    ("ReportSymptomIntent", {"symptom": Fill("chest pain", "chest_pain")}),
    ("ReportSymptomIntent", {"symptom": Fill("it's been three weeks")}),
)
AFTER_OUTCOME = ("AMAZON.RepeatIntent", "AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.HelpIntent")


def plain_text(ssml: str) -> str:
    """What the listener hears: tags dropped, entities decoded, spaces normalised."""
    return " ".join(html.unescape(_TAG.sub(" ", ssml)).split())


def count_words(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))


def spoken_seconds(words: int) -> float:
    return words * 60 / WORDS_PER_MINUTE


@dataclass
class Answer:
    """One distinct answer, the first place it was heard, and how often it came up."""

    text: str
    words: int
    seconds: float
    source: str
    count: int = 1


@dataclass
class Collection:
    answers: dict[str, Answer]
    requests: int
    notes: list[str]

    def add(self, ssml: str | None, source: str) -> None:
        if ssml is None:
            return
        text = plain_text(ssml)
        if not text:
            return
        if text in self.answers:
            self.answers[text].count += 1
            return
        words = count_words(text)
        self.answers[text] = Answer(text, words, spoken_seconds(words), source)

    def merge(self, other: Collection) -> None:
        for text, answer in other.answers.items():
            if text in self.answers:
                self.answers[text].count += answer.count
            else:
                self.answers[text] = answer
        self.requests += other.requests
        self.notes += other.notes

    def longest(self) -> Answer:
        return max(self.answers.values(), key=lambda a: (a.words, a.text))

    def median_seconds(self) -> float:
        return statistics.median(a.seconds for a in self.answers.values())


def _slot_values(locale: str) -> dict[str, list[Fill]]:
    """Slot type -> the fills worth trying: every custom value with its id, and words matching none."""
    path = MODELS_DIR / f"{locale}.json"
    language_model = json.loads(path.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    fills: dict[str, list[Fill]] = {
        "AMAZON.DURATION": [Fill("P3W"), Fill("P2D")],
        "AMAZON.NUMBER": [Fill("3")],
    }
    for slot_type in language_model.get("types", []):
        values = [Fill(v["name"]["value"], v.get("id") or None) for v in slot_type["values"]]
        fills[slot_type["name"]] = [*values, Fill("purple monkey dishwasher")]
    return fills


class Tour:
    """Drives one handler through the scripted conversations of one locale, recording every answer."""

    def __init__(self, handler: Handler, locale: str, collection: Collection) -> None:
        self.handler = handler
        self.locale = locale
        self.collection = collection
        self.declared = intent_slots(locale)
        self.returning = f"amzn1.ask.account.BENCH-RETURNING-{locale}"
        known = self.session(self.returning)
        known.send(handler, known.launch())  # from now on the store knows this caller

    def session(self, user_id: str | None = None) -> AlexaSession:
        """A caller: a first-time one (a new user id) unless `user_id` is given."""
        user = user_id or f"amzn1.ask.account.BENCH-NEW-{uuid.uuid4()}"
        return AlexaSession(locale=self.locale, user_id=user, declared=self.declared)

    def send(self, session: AlexaSession, event: dict[str, Any], source: str) -> dict[str, Any]:
        response = session.send(self.handler, event)
        self.collection.requests += 1
        self.collection.add(output_ssml(response), f"{self.locale}: {source}")
        return response

    def run(self) -> None:
        intents = [name for name in self.declared if name != "AMAZON.FallbackIntent"]
        intents.append("AMAZON.FallbackIntent")  # sent by Alexa whether or not the model declares it
        fills = _slot_values(self.locale)
        for caller, user in (("first-time caller", None), ("returning caller", self.returning)):
            session = self.session(user)
            self.send(session, session.launch(), f"{caller}, launch")
            for name in intents:
                session = self.session(user)
                self.send(session, session.intent(name), f"{caller}, one-shot {name}")
                session = self.session(user)
                self.send(session, session.launch(), f"{caller}, launch")
                first = self.send(session, session.intent(name), f"{caller}, launch > {name}")
                self._offers(session, first, f"{caller}, launch > {name}")
            for name, slots in self.declared.items():
                for slot, slot_type in slots.items():
                    for fill in fills.get(slot_type, [Fill("something")]):
                        label = f"{name}({slot}={fill.value!r})"
                        session = self.session(user)
                        self.send(
                            session, session.intent(name, **{slot: fill}), f"{caller}, one-shot {label}"
                        )
                        session = self.session(user)
                        self.send(session, session.launch(), f"{caller}, launch")
                        answer = self.send(
                            session, session.intent(name, **{slot: fill}), f"{caller}, {label}"
                        )
                        self._offers(session, answer, f"{caller}, {label}")
        session = self.session(self.returning)
        self.send(session, session.launch(), "launch")
        self.send(session, session.intent("SymptomCheckIntent"), "SymptomCheckIntent")
        self._explore(session, "SymptomCheckIntent")
        session = self.session()
        self.send(
            session,
            session.intent("ReportSymptomIntent", symptom=Fill("weak", "weakness")),
            "one-shot report",
        )
        self._explore(session, "first-time caller, one-shot ReportSymptomIntent(weakness)")

    def _offers(self, session: AlexaSession, response: dict[str, Any], path: str) -> None:
        """If the answer made an offer, take it and decline it."""
        attributes = dict(response.get("sessionAttributes") or {})
        if "offer" not in attributes or session.new:
            return
        for answer in ("AMAZON.YesIntent", "AMAZON.NoIntent"):
            self._resume(session, attributes)
            self.send(session, session.intent(answer), f"{path} > {answer}")

    def _resume(self, session: AlexaSession, attributes: dict[str, Any]) -> None:
        session.new = False
        session.attributes = dict(attributes)

    def _explore(self, session: AlexaSession, path: str, depth: int = 0) -> None:
        """Every answer at every question of the check, depth first, with the asides at each question."""
        attributes = dict(session.attributes)
        if session.new or "question" not in attributes or depth > 20:
            return
        for name, slots in ASIDES:
            self._resume(session, attributes)
            self.send(session, session.intent(name, **slots), f"{path} > {name}")
        for answer in ANSWERS:
            self._resume(session, attributes)
            response = self.send(session, session.intent(answer), f"{path} > {answer}")
            if session.new:  # the answer ended the session (an emergency)
                continue
            after = dict(response.get("sessionAttributes") or {})
            if "question" in after:
                self._explore(session, f"{path} > {answer}", depth + 1)
                continue
            for name in AFTER_OUTCOME:  # the check is over: what callers say next
                self._resume(session, after)
                self.send(session, session.intent(name), f"{path} > {answer} > {name}")


def locales() -> list[str]:
    found = sorted(p.stem for p in MODELS_DIR.glob("*.json"))
    return found or ["en-US"]


def collect_scripted(handler: Handler) -> Collection:
    collection = Collection({}, 0, [])
    for locale in locales():
        Tour(handler, locale, collection).run()
    collection.notes.append(f"scripted tour: {len(locales())} locales ({', '.join(locales())})")
    return collection


def conversation_tests() -> list[Path]:
    return sorted((ROOT / "tests").glob("test_conversation*.py"))


def collect_from_tests() -> Collection:
    """Run the conversation tests with the speech recorder; an empty collection when there are none."""
    collection = Collection({}, 0, [])
    tests = conversation_tests()
    if not tests:
        collection.notes.append("conversation tests: none yet (tests/test_conversation*.py)")
        return collection
    with tempfile.TemporaryDirectory(prefix="bench-speech-") as tmp:
        record = Path(tmp) / "speech.jsonl"
        env = dict(os.environ)
        env["BENCH_RECORD_SPEECH"] = str(record)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
        command = [sys.executable, "-m", "pytest", "-q", "-p", "speech_recorder", "-p", "no:cacheprovider"]
        command += [str(t) for t in tests]
        try:
            done = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=PYTEST_TIMEOUT_S,
                check=False,
            )
            summary = (done.stdout.strip().splitlines() or ["no output"])[-1]
        except subprocess.TimeoutExpired:
            summary = f"stopped after {PYTEST_TIMEOUT_S} s"
        lines = record.read_text(encoding="utf-8").splitlines() if record.exists() else []
    for line in lines:
        entry = json.loads(line)
        collection.requests += 1
        collection.add(entry.get("ssml"), f"test {entry.get('test') or '?'}")
    names = ", ".join(t.name for t in tests)
    collection.notes.append(f"conversation tests ({names}): {summary}; {len(lines)} answers recorded")
    return collection
