"""Recall on the corpus (tests/corpus), end to end through the simulator, as `make recall` reports it.

The issue's targets are printed by the report; these tests hold the line at what the skill reaches today, so
that no change to the rules can lower it unnoticed. Raise a floor when the skill improves; never lower one to
make a change pass. The emergency floor is the one that matters most: every emergency miss is listed by
`make recall`, and closing them is the open work.
"""

from __future__ import annotations

import pytest

import recall
from twitch_guide.triage.levels import Level
from twitch_guide.triage.rules import default_rules

RULES = default_rules()
EXAMPLES = recall.load_corpus()

# What the skill reached when these floors were last raised (tools/recall.py, whole corpus).
FLOORS = {
    "red_flag": 0.995,  # heard at once at the expected level or higher
    "emergency": 1.0,
    "question": 0.96,  # information questions answered on topic
    "caller": 0.98,  # callers who are not the patient, on their own path
    "truthful": 0.998,  # a truthful caller reaches the level by the end of the check
}
HARMLESS_RAISED_AT_MOST = (
    0.02  # the target; 1.9 % with the borderline set (traps written to be over-triaged)
)


@pytest.fixture(scope="module")
def listener() -> recall.SkillListener:
    return recall.SkillListener(RULES)


@pytest.fixture(scope="module")
def report(listener: recall.SkillListener) -> recall.Report:
    return recall.run(EXAMPLES, listener.hear)


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    assert len(EXAMPLES) >= 1500
    kinds = {example.kind for example in EXAMPLES}
    assert kinds == {"red_flag", "harmless", "question", "caller"}
    expected = {example.expect for example in EXAMPLES}
    assert {level.value for level in Level} <= expected
    topics = {e.expect for e in EXAMPLES if e.kind == "question"}
    assert len(topics) >= 9  # every information topic


def test_every_expected_label_is_one_the_skill_can_give() -> None:
    answers = {f"topic:{t}" for t in RULES.lexicon.topics} | {"topic:cause"}
    answers |= {f"route:{r}" for r in (*RULES.callers, "child", "animal")}
    for example in EXAMPLES:
        assert example.expect in {*answers, *(lv.value for lv in Level), "crisis"}, example.source
        if example.expect == "topic:cause":
            assert example.concept in RULES.causes, example.source


@pytest.mark.parametrize("kind", ["red_flag", "question", "caller"])
def test_recall_holds_its_floor(report: recall.Report, kind: str) -> None:
    assert report.share(kind) >= FLOORS[kind], "see `make recall` for every miss"


def test_emergencies_hold_their_floor(report: recall.Report) -> None:
    row = report.by_expect["emergency"]
    assert row.heard / row.total >= FLOORS["emergency"]


def test_harmless_stories_are_rarely_raised(report: recall.Report) -> None:
    assert report.over_share("harmless") <= HARMLESS_RAISED_AT_MOST


def test_a_truthful_caller_reaches_the_level_by_the_end(listener: recall.SkillListener) -> None:
    stories = [e for e in EXAMPLES if e.kind == "red_flag" and e.expect in recall.LEVELS]
    reached = sum(recall.truthful_caller(listener, e).rank <= Level(e.expect).rank for e in stories)
    assert reached / len(stories) >= FLOORS["truthful"]


def test_a_miss_is_judged_as_a_miss() -> None:
    # The verdict itself: an emergency heard as see_doctor is a miss; a harmless story raised is over-triage.
    emergency = recall.Example("x", "emergency", "chest_pain")
    assert recall.verdict(emergency, recall.Heard(Level.SEE_DOCTOR, None)) == (False, False)
    assert recall.verdict(emergency, recall.Heard(Level.EMERGENCY, None)) == (True, False)
    harmless = recall.Example("x", "self_care", "harmless")
    assert recall.verdict(harmless, recall.Heard(Level.URGENT, None)) == (False, True)
    question = recall.Example("x", "topic:cause", "caffeine")
    assert recall.verdict(question, recall.Heard(Level.SELF_CARE, "topic:cause:caffeine"))[0]
    assert not recall.verdict(question, recall.Heard(Level.SELF_CARE, "topic:causes"))[0]
