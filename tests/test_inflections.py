"""The generated inflection table: up to date with the rules, and free of the known false friends."""

from __future__ import annotations

import pytest

import build_inflections
from twitch_guide.triage.inflections import INFLECTIONS
from twitch_guide.triage.language import lemma


def test_the_committed_table_is_what_the_rules_generate() -> None:
    assert build_inflections.main(["--check"]) == 0, "run `make inflections`"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("fell", "fall"), ("fallen", "fall"), ("falling", "fall"), ("fainted", "faint"), ("drooping", "droop"),
     ("feet", "foot"), ("tripping", "trip"), ("weaker", "weak"), ("lost", "lose"), ("went", "go")],
)  # fmt: skip
def test_inflections_of_rule_words_fold_to_the_rule_word(word: str, expected: str) -> None:
    assert lemma(word, INFLECTIONS) == expected


@pytest.mark.parametrize("word", ["number", "bit", "left", "fitting", "stroking", "drunk", "footing"])
def test_false_friends_keep_their_own_meaning(word: str) -> None:
    # "number" is not "more numb", "a bit" is not "a bite", stroking a cat is not a stroke.
    assert word not in INFLECTIONS
    assert lemma(word, INFLECTIONS) == word


def test_numbers_and_years_are_placeholders_the_rules_can_name() -> None:
    words = ("12", "twelve", "2019", "1985", "300")
    assert [lemma(w, INFLECTIONS) for w in words] == ["#", "#", "#year", "#year", "#"]
