"""The rule set loads, covers what the product brief requires, and rejects broken files by name."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from twitch_guide.triage.concepts import Concept
from twitch_guide.triage.language import segments, words_of
from twitch_guide.triage.rules import RULES_PATH, Level, RulesError, default_rules, load_rules

RULES = default_rules()
RAW = Path(RULES_PATH).read_text(encoding="utf-8")

REQUIRED_RED_FLAGS = {
    # the source article
    "breathing_difficulty", "swallowing_difficulty", "speaking_difficulty", "balance_falls", "weakness",
    "muscle_wasting", "numbness", "tingling", "pain", "weight_loss", "vision_changes", "spreading_or_worse",
    # NHS guidance
    "persistent", "stiffness", "medicine_suspected",
    # the emergency safety net
    "chest_pain", "face_drooping", "sudden_one_sided_weakness", "sudden_confusion", "sudden_vision_loss",
    "sudden_balance_loss", "seizure", "collapse",
    # dangers that can come with twitching (clinical coverage, second round)
    "overdose_poisoning", "meningitis_sepsis", "rhabdo_severe", "serotonin_severe", "alcohol_withdrawal_severe",
    "slow_bulbar", "double_vision", "rhabdomyolysis", "serotonin_toxicity", "tetany", "alcohol_withdrawal",
    "pregnancy_warning", "dizziness", "palpitations", "tick_bite",
}  # fmt: skip
REQUIRED_CAUSES = {
    "stress", "fatigue", "dehydration", "magnesium", "potassium", "calcium", "sodium", "caffeine", "alcohol",
    "medicines", "exercise", "bfs",
}  # fmt: skip
EMERGENCY_NUMBERS = {"en-US": "911", "en-CA": "911", "en-GB": "999", "en-AU": "000", "en-IN": "112"}


def test_every_required_red_flag_is_present_with_its_level() -> None:
    assert set(RULES.red_flags) == REQUIRED_RED_FLAGS
    emergency = {f for f, flag in RULES.red_flags.items() if flag.level is Level.EMERGENCY}
    assert emergency == {
        "breathing_difficulty", "swallowing_difficulty", "speaking_difficulty", "chest_pain", "face_drooping",
        "sudden_one_sided_weakness", "sudden_confusion", "sudden_vision_loss", "sudden_balance_loss", "seizure",
        "collapse", "overdose_poisoning", "meningitis_sepsis", "rhabdo_severe", "serotonin_severe",
        "alcohol_withdrawal_severe",
    }  # fmt: skip
    assert RULES.red_flags["balance_falls"].level is Level.URGENT
    assert RULES.red_flags["weakness"].level is Level.SEE_DOCTOR  # slow weakness; sudden is a stroke sign


def test_every_red_flag_has_at_least_eight_phrasings_and_a_source() -> None:
    for flag in RULES.red_flags.values():
        assert len(flag.synonyms) >= 8, flag.id
        assert flag.sources, flag.id


def test_causes_cover_the_brief_with_explanation_tip_and_source() -> None:
    assert set(RULES.causes) == REQUIRED_CAUSES
    for cause in RULES.causes.values():
        assert cause.explain and cause.tip and cause.synonyms and cause.sources


def test_every_locale_has_its_emergency_number() -> None:
    for locale, number in EMERGENCY_NUMBERS.items():
        assert RULES.locales[locale].emergency_number == number
    assert RULES.care_for("en-NZ").emergency_number == "your local emergency number"


def test_every_cited_source_has_a_name_and_address() -> None:
    for source in RULES.sources.values():
        assert source.name and source.url.startswith("https://")  # a public page a reviewer can open


def test_healing_answers_never_promise_healing() -> None:
    """docs/clinical-basis.md: never tell a caller that twitching means an injury is getting better."""
    for answer in RULES.healing.values():
        text = answer.say.lower()
        assert re.search(r"(isn't|not|doesn't) (proof|a sign|prove)", text), answer.id
        assert "means it's healing" not in text


def _spoken_texts() -> list[str]:
    texts = [d.say for d in RULES.dispositions.values()] + [d.do_now for d in RULES.dispositions.values()]
    texts += [q.ask for q in RULES.questions] + [
        a.say for a in (*RULES.healing.values(), *RULES.info.values())
    ]
    texts += [c.explain for c in RULES.causes.values()] + [c.tip for c in RULES.causes.values()]
    return texts


def test_spoken_texts_are_short_enough_to_remember() -> None:
    for text in _spoken_texts():
        filled = string.Formatter().vformat(text, (), _Anything())
        for sentence in re.split(r"(?<=[.?!])\s+", filled):
            assert len(sentence.split()) <= 30, sentence
        assert len(filled.split()) <= 60, text


class _Anything(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "nine one one"


# --- invalid files fail loading with a message naming file and entry ----------------------------------------


def _load_variant(tmp_path: Path, old: str, new: str) -> None:
    assert old in RAW, f"test is stale: {old!r} is not in rules.toml"
    path = tmp_path / "rules.toml"
    path.write_text(RAW.replace(old, new, 1), encoding="utf-8")
    load_rules(path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id = "chest_pain"\nlevel = "emergency"', 'id = "chest_pain"\nlevel = "emergancy"', "'chest_pain'.*level"),
        ('id = "pain"\nlevel = "see_doctor"', 'id = "pain"\nlevel = "see_doctor"\ncolour = "red"', "unknown key"),
        ('reason = "it\'s painful"\n', "", "'pain'.*missing key.*reason"),
        ('"pins and needles", ', '"pins and needles", "numb patch", ', "'tingling'.*numb patch.*'numbness'"),
        ('"tingling", "tingle",', '"tingling", "tingling",', "'tingling'.*repeats"),
        ('flags = ["balance_falls", "double_vision"]', 'flags = ["balance_fall", "double_vision"]', "'balance_and_falls'.*unknown red flag"),
        ('[locales.en-GB]\nemergency_number = "999"\n', "[locales.en-GB]\n", "en-GB.*emergency_number"),
        ('emergency_number = "000"', 'emergency_number = "triple zero"', "en-AU.*digits"),
        ('sources = ["nhs_heart_attack"]', 'sources = ["nhs_heart"]', "'chest_pain'.*unknown source"),
        ("call {emergency_number} now. I can't", "call {emergancy_number} now. I can't", "emergancy_number"),
        ('if_unsure = "urgent"\n\n[[questions]]\nid = "stroke_signs"', 'if_unsure = "self_care"\n\n[[questions]]\n'
         'id = "stroke_signs"', "'airway_and_chest'.*never lower"),
        ('ask = "Have you had new problems with your balance, any falls, or double vision?"\n', "", "'balance_and_falls'.*ask"),
        ("[info.als]\n", "[info.alz]\n", "missing answer.*als"),
        ('offer = "causes"', 'offer = "cures"', r"\[info.what_is\]: offer 'cures' is not in"),
        ('intent = "HowLongIntent"', 'intent = "SelfCareIntent"', "intent SelfCareIntent is already taken"),
        ('intent = "HowLongIntent"', 'intent = "how long"', "'intent' must be an intent name"),
        ("version = ", "version == ", "cannot be read"),
        ('ask_other = "Right now, does {they}', 'ask_before = "Right now, does {they}', "unknown key"),
        ('ask_other = "Today, has {they} had a fit or passed out, or suddenly lost {their} sight or balance?"\n',
         "", "'seizure_or_sudden_loss'.*'ask' says \"you\", so it needs 'ask_other'"),
        ('ask_other = "Has {they} had new problems with {their} balance',
         'ask_other = "Have you had new problems with your balance', "'ask_other' must name the patient"),
        ('say_for_other = "Please get medical help for {them} today."', 'say_for_other = "For {who} today."',
         "unknown placeholder|'who'"),
    ],
)  # fmt: skip
def test_a_broken_rule_file_fails_with_file_and_entry_named(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(RulesError, match=message) as failure:
        _load_variant(tmp_path, old, new)
    assert str(failure.value).startswith("rules.toml:")


def test_a_question_asked_out_of_order_is_rejected(tmp_path: Path) -> None:
    document = tomllib.loads(RAW)
    first, fourth = (
        RAW.index('[[questions]]\nid = "airway_and_chest"'),
        RAW.index('[[questions]]\nid = "balance'),
    )
    fifth = RAW.index('[[questions]]\nid = "weak_thin_or_stiff"')
    swapped = RAW[:first] + RAW[fourth:fifth] + RAW[first:fourth] + RAW[fifth:]
    assert len(tomllib.loads(swapped)["questions"]) == len(document["questions"])
    path = tmp_path / "rules.toml"
    path.write_text(swapped, encoding="utf-8")
    with pytest.raises(RulesError, match="most serious questions come first"):
        load_rules(path)


def test_a_red_flag_no_question_asks_about_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"\['stiffness'\] are never asked"):
        _load_variant(tmp_path, 'flags = ["weakness", "muscle_wasting", "stiffness"]',
                      'flags = ["weakness", "muscle_wasting"]')  # fmt: skip


def test_too_few_phrasings_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"'seizure'.*at least 8"):
        _load_variant(tmp_path, '"seizure", "had a seizure", "having a seizure", "a fit", "had a fit", ', "")


def test_a_broken_prompt_file_fails_with_file_and_key_named(tmp_path: Path) -> None:
    from twitch_guide.prompts import PROMPTS_PATH, load_prompts

    raw = Path(PROMPTS_PATH).read_text(encoding="utf-8")
    for old, new, message in [
        (
            "In an emergency, call {emergency_number}.",
            "In an emergency, call {emergency_number.",
            r"prompts.toml: \[text\]: '\w+' has a broken placeholder",
        ),
        (
            'goodbye = "Take care."',
            'goodbye = "Take care, {name}."',
            r"prompts.toml: \[text\]: 'goodbye' uses unknown placeholder",
        ),
        ('goodbye = "Take care."\n', "", r"\[text\].*missing key.*goodbye"),
    ]:
        assert old in raw
        path = tmp_path / "prompts.toml"
        path.write_text(raw.replace(old, new), encoding="utf-8")
        with pytest.raises(RulesError, match=message):
            load_prompts(path)


# --- the language tables: content checks (slow, so here rather than at every cold start) --------------------

_TOO_COMMON = frozenset(
    "a an the be have do go get it i my me you he she they we at in on of to and or so is was not no can "
    "will would this that there here with for up down out off just now".split()
)
_VOCABULARY = RULES.lexicon.grammar.vocabulary


def _concepts_everywhere() -> list[tuple[str, Concept]]:
    owners = [(f"red flag {f.id}", c) for f in RULES.red_flags.values() for c in f.concepts]
    owners += [(f"topic {t}", c) for t, concepts in RULES.lexicon.topics.items() for c in concepts]
    owners += [(f"caller {k}", c) for k, caller in RULES.callers.items() for c in caller.concepts]
    assert RULES.crisis is not None
    owners += [("crisis", c) for c in RULES.crisis.concepts]
    return owners


@pytest.mark.parametrize(("name", "phrases"), sorted(RULES.lexicon.vocab.items()))
def test_no_vocabulary_phrase_hides_a_filler(name: str, phrases: tuple[str, ...]) -> None:
    # Fillers are dropped before matching, so "like jelly" would only ever match "jelly" (and "what kind of",
    # a hypothetical, would be "what": every question).
    for phrase in phrases:
        dropped = _fillers_in(phrase)
        assert not dropped, f"{name}: {phrase!r} uses filler {dropped[0]!r}"
        assert words_of(phrase, _VOCABULARY), f"{name}: {phrase!r} has no word left"


def _fillers_in(phrase: str) -> list[str]:
    """Fillers of one or more words ("like", "i mean") that matching would drop from the phrase, and words
    that break a statement ("because"), which a phrase can never span."""
    padded = f" {phrase} "
    fillers = [" ".join(filler) for filler in _VOCABULARY.fillers if f" {' '.join(filler)} " in padded]
    return fillers + [word for word in phrase.split() if word in _VOCABULARY.breaks]


@pytest.mark.parametrize(("owner", "concept"), _concepts_everywhere(), ids=lambda value: str(value)[:40])
def test_no_literal_concept_part_hides_a_filler(owner: str, concept: Concept) -> None:
    # "=when i mean" would shrink to "when", which is in almost every sentence.
    for part in (p[1:] for p in concept.parts if p.startswith("=")):
        dropped = _fillers_in(part)
        assert not dropped, f"{owner}: {part!r} uses filler {dropped[0]!r}"


@pytest.mark.parametrize(("owner", "concept"), _concepts_everywhere(), ids=lambda value: str(value)[:40])
def test_a_concept_of_one_part_never_reads_as_a_common_word(owner: str, concept: Concept) -> None:
    # A one-part concept matches wherever its phrase does: "been well" shrinking to "be" would match anything.
    if len(concept.parts) != 1:
        return
    part = concept.parts[0]
    phrases = (part[1:],) if part.startswith("=") else RULES.lexicon.vocab[part]
    for phrase in phrases:
        lemmas = words_of(phrase, _VOCABULARY)
        assert not (len(lemmas) == 1 and lemmas[0] in _TOO_COMMON), f"{owner}: {phrase!r} reads as {lemmas}"


def test_the_fast_reading_of_rule_phrases_agrees_with_the_full_pipeline() -> None:
    # words_of skips the recogniser clean-up for plain phrases (it runs for every phrase at start-up); it must
    # read each of the rules' phrases exactly as an utterance would be read.
    phrases = [p for entries in RULES.lexicon.vocab.values() for p in entries]
    phrases += [s for c in RULES.causes.values() for s in c.synonyms]
    for phrase in phrases:
        full = tuple(lemma for segment in segments(phrase, _VOCABULARY) for lemma in segment.lemmas)
        assert words_of(phrase, _VOCABULARY) == full, phrase
