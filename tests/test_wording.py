"""How the answers sound: no sentence lists more than three things, and the safety line has one home.

A list is hard to hold in your head when you only hear it. `things_listed` counts the items of the longest
list in a sentence, the way a listener hears them: items joined by commas, "or" and "and" ("chest pain, or
trouble breathing, swallowing or speaking" is four). It is a heuristic for this skill's own sentences, so
its own tests below pin what it counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from twitch_guide.prompts import PROMPTS_PATH, default_prompts
from twitch_guide.triage.rules import default_rules

MOST_THINGS = 3
# A comma chunk that starts a clause of its own ends the list before it ("..., call 911 now").
_CLAUSE = ("if ", "so ", "call ", "see ", "please ", "but ", "which ", "then ", "because ", "when ")
_CLAUSE += ("otherwise ", "i ", "you ", "it ", "they ", "this ", "that ", "never ", "try ")
# A chunk that opens a phrase of its own ("from heavy sweating") is no item of the clause before it.
_PHRASE = ("from ", "with ", "after ", "for ", "in ", "on ", "to ", "such ", "often ", "over ", "within ")
_PHRASE += ("sometimes ", "like ")
# Pairs that name one thing, or the answer options of a question.
ONE_THING = ("weak or numb", "your sight or your balance", "yes, no, or not sure", "yes, no or not sure")


def _body(chunk: str) -> str:
    return re.sub(r"^(?:or|and)\s+", "", chunk)


def _joined(chunk: str) -> bool:
    return chunk.startswith(("or ", "and "))


def _short(chunk: str) -> bool:
    return len(_body(chunk).split()) <= 4


def _pairs(chunk: str) -> int:
    return len(re.findall(r"\s(?:or|and)\s", f" {_body(chunk)} "))


def things_listed(sentence: str) -> int:
    """The number of items in the sentence's longest list (1 for a sentence without one)."""
    text = sentence.strip().rstrip(".?!").lower()
    for phrase in ONE_THING:
        text = text.replace(phrase, "one thing")
    chunks = [c.strip() for c in text.split(",") if c.strip()]
    if len(chunks) > 1 and len(chunks[0].split()) <= 3 and not _joined(chunks[1]) and not _short(chunks[1]):
        chunks = chunks[1:]  # an opening phrase: "right now, ..."
    best = run = 0
    for i, chunk in enumerate(chunks):
        following = chunks[i + 1] if i + 1 < len(chunks) else ""
        if i and chunk.startswith(_CLAUSE):
            run = 0
        elif _joined(chunk) or (i and _short(chunk)):
            run += 1 + (_pairs(chunk) if _short(chunk) else 0)
        elif run and re.match(r"^\S+(?: \S+){0,2} (?:and|or) ", chunk):
            run += 2  # a list that ends inside its clause: "..., estrogen and some antihistamines can do it"
        elif following and (
            _joined(following) or (_short(following) and not following.startswith(_PHRASE + _CLAUSE))
        ):
            run = 1  # a clause that ends in the first item: "do you have trouble breathing, swallowing ..."
        else:
            run = 0
        best = max(best, run)
    return max(best, 1)


@pytest.mark.parametrize(
    ("sentence", "things"),
    [
        ("If you have chest pain, or trouble breathing, swallowing or speaking, call 911 now.", 4),
        ("Right now, do you have trouble breathing, swallowing or speaking, or any chest pain?", 4),
        ("Water tablets, steroids, estrogen and some antihistamines can do it.", 4),
        ("Has it lasted over two weeks, spread, or got worse, or might a medicine be the cause?", 4),
        ("Rest the muscle, stretch gently, drink water, and build up slowly.", 4),
        ("When you lose fluid, from heavy sweating, vomiting or diarrhoea, the salts go out of balance.", 3),
        (
            "Has your face drooped, or one side of your body gone weak or numb, or your speech become muddled?",
            3,
        ),
        ("Did that weakness come on suddenly, on one side of your body, within minutes or hours?", 2),
        ("Please say yes, no, or not sure.", 1),
        ("Twitching is common.", 1),
    ],
)
def test_things_listed_counts_as_a_listener_hears(sentence: str, things: int) -> None:
    assert things_listed(sentence) == things


def _spoken_texts() -> Iterator[tuple[str, str]]:
    rules, prompts = default_rules(), default_prompts()
    yield "safety_line", rules.safety_line
    for key, text in {**prompts.text, **prompts.offers}.items():
        yield f"prompts.{key}", text
    for question in rules.questions:
        yield f"question {question.id}", question.ask
        yield f"question {question.id} reprompt", question.reprompt
    for disposition in rules.dispositions.values():
        yield f"{disposition.level.value}", f"{disposition.say} {disposition.do_now}"
    for cause in rules.causes.values():
        yield f"cause {cause.id}", f"{cause.explain} {cause.tip}"
    for key, answer in {**rules.info, **rules.healing}.items():
        yield f"answer {key}", answer.say
    for key, caller in {**rules.callers, **({"crisis": rules.crisis} if rules.crisis else {})}.items():
        yield f"caller {key}", caller.say
    for flag in rules.red_flags.values():
        yield f"reason {flag.id}", flag.reason


@pytest.mark.parametrize(("where", "text"), list(_spoken_texts()), ids=lambda v: v if " " not in v else None)
def test_no_spoken_sentence_lists_more_than_three_things(where: str, text: str) -> None:
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        assert things_listed(sentence) <= MOST_THINGS, f"{where}: {sentence!r}"


def test_the_safety_line_lives_in_the_rules_once() -> None:
    """prompts.toml says {safety_line} where it goes; the clinical wording itself is the rules'."""
    raw = Path(PROMPTS_PATH).read_text(encoding="utf-8")
    assert "{safety_line}" in raw
    assert "chest pain" not in raw.lower()
    assert "chest pain" in default_rules().safety_line
