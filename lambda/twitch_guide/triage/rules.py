"""Load and strictly validate the shared triage rule set (rules.toml) into immutable objects.

A typo in the rules must fail the tests, never a caller, so every check names the file and the entry.
"""

import os
import re
from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from .concepts import Concept
from .levels import Level
from .lexicon import Lexicon, load_lexicon
from .validation import Entry, FilePath, RulesError, read_toml

RULES_PATH = os.path.join(os.path.dirname(__file__), "rules.toml")


def _name(path: FilePath) -> str:
    """The file's name, as every error message starts."""
    return os.path.basename(path)


class Source(NamedTuple):
    id: str
    name: str
    url: str


class Disposition(NamedTuple):
    level: Level
    title: str
    say: str
    do_now: str
    # Worded for a caller answering for another adult ("call 911 for him"); None: `say`/`do_now` fit both.
    say_for_other: str | None = None
    do_now_for_other: str | None = None


class RedFlag(NamedTuple):
    id: str
    level: Level
    reason: str
    # Everyday phrasings: they feed the Symptom slot type; the tests check each is understood at this level.
    synonyms: tuple[str, ...]
    sources: tuple[str, ...]
    # How the flag is recognised in free text: any one concept met in one statement.
    concepts: tuple[Concept, ...] = ()
    # Vocabularies that, in the same statement, make the concepts not apply (soreness after the gym).
    unless: tuple[str, ...] = ()
    # Where a concept's parts must be found: one "statement" (the default), one "clause", or anywhere in
    # the "utterance" (a background such as a new antidepressant, said in another sentence).
    scope: str = "statement"
    # False: heard whenever it is said, but not one of the check's questions (rare dangers; see rules.toml).
    asked: bool = True
    # Said after the outcome's advice when this flag is among the findings (a poison line after "call 911").
    also_say: str | None = None


class Question(NamedTuple):
    id: str
    ask: str
    reprompt: str
    flags: tuple[str, ...]
    level: Level
    reason: str
    if_unsure: Level
    ask_when_present: tuple[str, ...] = ()
    parent: str | None = None
    # The question for a caller answering for another adult; None where `ask`/`reprompt` say no "you".
    ask_other: str | None = None
    reprompt_other: str | None = None
    # What a described answer is about ("the weakness"): "it came on in minutes, my whole left side" is read
    # as "the weakness came on in minutes, my whole left side", for this question's flags only.
    answers_describe: str | None = None

    @property
    def is_clarifying(self) -> bool:
        return self.parent is not None


class Cause(NamedTuple):
    id: str
    name: str
    explain: str
    tip: str
    synonyms: tuple[str, ...]
    sources: tuple[str, ...]
    # A red flag that a caller reporting this cause raises ("I'm on steroids" -> a medicine may be the cause).
    red_flag: str | None = None


class Answer(NamedTuple):
    """A spoken information answer (healing context or general information), the intent that asks for it
    by name, and the one follow-up offered after it."""

    id: str
    say: str
    synonyms: tuple[str, ...]
    sources: tuple[str, ...]
    intent: str | None = None
    offer: str | None = None


class LocaleCare(NamedTuple):
    locale: str
    emergency_number: str
    emergency_number_spoken: str
    doctor: str
    emergency_department: str
    advice_line: str
    southern: bool = False  # seasons are the other way round ("since the summer")
    # Spoken and written forms (cards show numbers as digits) of the other lines a locale names.
    advice_line_written: str = ""
    crisis_line: str = ""
    crisis_line_written: str = ""
    poison_line: str = ""
    poison_line_written: str = ""
    emergency_extra: str = ""
    emergency_extra_written: str = ""
    als_name: str = "A L S"  # "motor neurone disease" where that is the usual name


class CallerAnswer(NamedTuple):
    """An answer of its own for a caller in a particular situation (a crisis, an ambulance already called)."""

    id: str
    say: str
    concepts: tuple[Concept, ...]
    sources: tuple[str, ...]
    # Said after the emergency advice when an emergency sign comes with it (an overdose taken in a crisis).
    after_emergency: str | None = None


class DurationRule(NamedTuple):
    flag: str
    more_than_days: int
    # Vocabularies whose clause a duration is not about the twitch in ("the same tablets for years").
    not_about: tuple[str, ...] = ()


class Rules(NamedTuple):
    version: str
    dispositions: Mapping[Level, Disposition]
    red_flags: Mapping[str, RedFlag]
    questions: tuple[Question, ...]
    duration: DurationRule
    lexicon: Lexicon
    causes: Mapping[str, Cause]
    healing: Mapping[str, Answer]
    info: Mapping[str, Answer]
    locales: Mapping[str, LocaleCare]
    sources: Mapping[str, Source]
    crisis: CallerAnswer | None = None
    callers: Mapping[str, CallerAnswer] = {}  # a shared default, never mutated (picklable)
    safety_line: str = ""  # the emergency line every fallback, early stop and error says

    @property
    def served_locales(self) -> tuple[str, ...]:
        """The locales the skill is built and published for: one [locales.<code>] table each (the one home
        of that list; the interaction models, the manifest and the tests follow it)."""
        return tuple(code for code in self.locales if code != "default")

    def care_for(self, locale: str) -> LocaleCare:
        """Local care services; an unknown locale gets the generic wording, never another country's number."""
        return self.locales.get(locale) or self.locales["default"]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


MIN_RED_FLAG_SYNONYMS = 8
MAX_QUESTIONS = 7
# Searched only while loading the TOML (a build step or the fallback): re.search compiles it on first use
# and caches it, rather than every cold start compiling it at import (~0.1 ms).
_SAYS_YOU = r"\byou(?:r|rs|rself|'re|'ve|'d|'ll)?\b"


def load_rules(path: FilePath = RULES_PATH, inflections: Mapping[str, str] | None = None) -> Rules:
    """Read and validate a rule file. Raises RulesError naming the file and entry on any problem.
    `inflections`: the word forms table, when not the generated module's (snapshot.py's fallback)."""
    document = read_toml(path)
    top = Entry(path, "top level", document)
    top.only(
        {
            "version",
            "safety_line",
            "dispositions",
            "red_flags",
            "questions",
            "duration",
            "language",
            "vocab",
            "topics",
            "causes",
            "healing",
            "info",
        }
        | {"locales", "sources", "crisis", "callers"}
    )
    sources = _sources(path, document["sources"])
    lexicon = load_lexicon(path, document, inflections)
    red_flags = _red_flags(path, document["red_flags"], sources, lexicon)
    rules = Rules(
        version=top.text("version"),
        safety_line=top.text("safety_line", spoken=True),
        dispositions=_dispositions(path, document["dispositions"]),
        red_flags=red_flags,
        questions=_questions(path, document["questions"], red_flags),
        duration=_duration(path, document["duration"], red_flags, lexicon),
        lexicon=lexicon,
        causes=_causes(path, document["causes"], sources, red_flags),
        healing=_answers(path, "healing", document["healing"], sources, with_synonyms=True),
        info=_answers(path, "info", document["info"], sources, with_synonyms=False),
        locales=_locales(path, document["locales"], sources),
        sources=sources,
        crisis=_caller(path, "[crisis]", "crisis", document["crisis"], sources, lexicon),
        callers={
            key: _caller(path, f"[callers.{key}]", key, table, sources, lexicon)
            for key, table in Entry(path, "[callers]", document["callers"]).table.items()
        },
    )
    _check_coverage(path, rules)
    return rules


def _claim(entry: Entry, synonyms: tuple[str, ...], owner_of: dict[str, str], kind: str, owner: str) -> None:
    """A phrase may belong to one entry only, or matching could not tell which entry was meant."""
    for synonym in synonyms:
        key = " ".join(synonym.lower().split())
        if key in owner_of:
            entry.fail(f"synonym {synonym!r} is already claimed by {kind} '{owner_of[key]}'")
        owner_of[key] = owner


@cache
def default_rules() -> Rules:
    """The shipped rule set, loaded once per process (once per Lambda container)."""
    return load_rules()


def _array(path: FilePath, name: str, value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise RulesError(f"{_name(path)}: [[{name}]] must be a non-empty array of tables")
    return value


def _unique_id(entry: Entry, seen: set[str]) -> str:
    identifier = entry.text("id")
    if not identifier.replace("_", "").isalnum() or not identifier.islower():
        entry.fail(f"id {identifier!r} must be lower-case letters, digits and underscores")
    if identifier in seen:
        entry.fail(f"id {identifier!r} is used twice")
    seen.add(identifier)
    return identifier


def _sources(path: FilePath, table: Any) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for key, value in Entry(path, "[sources]", table).table.items():
        entry = Entry(path, f"[sources.{key}]", value)
        entry.only({"name", "url"})
        sources[key] = Source(key, entry.text("name"), entry.text("url"))
    return sources


def _dispositions(path: FilePath, value: Any) -> dict[Level, Disposition]:
    result: dict[Level, Disposition] = {}
    for index, table in enumerate(_array(path, "dispositions", value)):
        entry = Entry(path, f"[[dispositions]] #{index + 1}", table)
        entry.only({"id", "title", "say", "do_now"}, frozenset({"say_for_other", "do_now_for_other"}))
        level = entry.level("id")
        if level in result:
            entry.fail(f"level {level.value!r} is defined twice")
        result[level] = Disposition(
            level,
            entry.text("title"),
            entry.text("say", spoken=True),
            entry.text("do_now", spoken=True),
            entry.optional_text("say_for_other", spoken=True),
            entry.optional_text("do_now_for_other", spoken=True),
        )
    if list(result) != list(Level):
        raise RulesError(
            f"{_name(path)}: [[dispositions]] must list {[lv.value for lv in Level]} in that order"
        )
    return result


def _red_flags(
    path: FilePath, value: Any, sources: Mapping[str, Source], lexicon: Lexicon
) -> dict[str, RedFlag]:
    flags: dict[str, RedFlag] = {}
    owner_of: dict[str, str] = {}
    for index, table in enumerate(_array(path, "red_flags", value)):
        entry = Entry(path, f"[[red_flags]] #{index + 1}", table)
        entry.only(
            {"id", "level", "reason", "synonyms", "sources", "concepts"},
            frozenset({"unless", "scope", "asked", "also_say"}),
        )
        asked = entry.table.get("asked", True)
        if not isinstance(asked, bool):
            entry.fail("'asked' must be true or false")
        scope = entry.table.get("scope", "statement")
        if scope not in ("statement", "clause", "utterance"):
            entry.fail("'scope' must be 'statement', 'clause' or 'utterance'")
        flag_id = _unique_id(entry, set(flags))
        synonyms = entry.texts("synonyms", min_count=MIN_RED_FLAG_SYNONYMS)
        _claim(entry, synonyms, owner_of, "red flag", flag_id)
        flags[flag_id] = RedFlag(
            flag_id,
            entry.level("level"),
            entry.text("reason"),
            synonyms,
            entry.sources(sources),
            lexicon.concepts(entry),
            lexicon.names(entry, "unless") if "unless" in entry.table else (),
            scope,
            asked,
            entry.text("also_say", spoken=True) if "also_say" in entry.table else None,
        )
    return flags


def _questions(path: FilePath, value: Any, flags: Mapping[str, RedFlag]) -> tuple[Question, ...]:
    questions: list[Question] = []
    seen: set[str] = set()
    asked: set[str] = set()
    for index, table in enumerate(_array(path, "questions", value)):
        entry = Entry(path, f"[[questions]] #{index + 1}", table)
        entry.only(
            {"id", "ask", "reprompt", "flags", "reason", "if_unsure"},
            frozenset({"ask_when_present", "parent", "ask_other", "reprompt_other", "answers_describe"}),
        )
        _check_worded_for_others(entry, ("ask", "reprompt"))
        question_id = _unique_id(entry, seen)
        flag_ids = entry.texts("flags")
        unknown = [f for f in flag_ids if f not in flags]
        if unknown:
            entry.fail(f"asks about unknown red flag(s) {unknown}")
        levels = {flags[f].level for f in flag_ids}
        if len(levels) != 1:
            entry.fail("groups red flags of different levels; a group must share one level")
        level = levels.pop()
        if_unsure = entry.level("if_unsure")
        if level is Level.EMERGENCY and Level.URGENT.is_more_serious_than(if_unsure):
            entry.fail("'if_unsure' of an emergency question must be urgent or emergency, never lower")
        if if_unsure.is_more_serious_than(level):
            entry.fail("'if_unsure' may not be more serious than a yes")
        parent = entry.table.get("parent")
        when_present = entry.texts("ask_when_present") if "ask_when_present" in entry.table else ()
        if (parent is None) != (not when_present):
            entry.fail("a clarifying question needs both 'parent' and 'ask_when_present'")
        if parent is not None:
            earlier = {q.id: q for q in questions}
            if parent not in earlier:
                entry.fail(f"parent {parent!r} must be an earlier question")
            elif not level.is_more_serious_than(earlier[parent].level):
                entry.fail("a clarifying question must be able to change the level of its parent")
        if [f for f in when_present if f not in flags]:
            entry.fail("'ask_when_present' names an unknown red flag")
        asked.update(flag_ids)
        questions.append(
            Question(
                question_id,
                entry.text("ask"),
                entry.text("reprompt"),
                flag_ids,
                level,
                entry.text("reason"),
                if_unsure,
                when_present,
                parent,
                entry.optional_text("ask_other", spoken=True),
                entry.optional_text("reprompt_other", spoken=True),
                entry.optional_text("answers_describe"),
            )
        )
    _check_question_order(path, questions)
    missing = sorted({f.id for f in flags.values() if f.asked} - asked)
    if missing:
        raise RulesError(f"{_name(path)}: [[questions]]: red flag(s) {missing} are never asked about")
    unasked = sorted(asked & {f.id for f in flags.values() if not f.asked})
    if unasked:
        raise RulesError(
            f"{_name(path)}: [[questions]]: red flag(s) {unasked} say asked = false but are asked"
        )
    main_questions = [q for q in questions if not q.is_clarifying]
    if len(main_questions) > MAX_QUESTIONS:
        raise RulesError(
            f"{_name(path)}: [[questions]]: {len(main_questions)} questions; at most {MAX_QUESTIONS}"
        )
    return tuple(questions)


def _check_worded_for_others(entry: Entry, keys: tuple[str, ...]) -> None:
    """A question that says "you" to the patient needs its form for a caller answering for another adult,
    and that form must not say "you" (it names the patient with {they}, {their} or {them})."""
    for key in keys:
        other = entry.table.get(f"{key}_other")
        if other is None and re.search(_SAYS_YOU, str(entry.table.get(key, "")), re.IGNORECASE):
            entry.fail(f"'{key}' says \"you\", so it needs '{key}_other' for a caller asking for another")
        if other is not None and re.search(_SAYS_YOU, str(other), re.IGNORECASE):
            entry.fail(f"'{key}_other' must name the patient with {{they}} or {{their}}, not \"you\"")


def _check_question_order(path: FilePath, questions: list[Question]) -> None:
    """Main questions must run from most to least serious, so emergencies are asked first."""
    previous: Question | None = None
    for question in questions:
        if question.is_clarifying:
            continue
        if previous is not None and question.level.is_more_serious_than(previous.level):
            raise RulesError(
                f"{_name(path)}: [[questions]] '{question.id}' ({question.level.value}) is asked after "
                f"'{previous.id}' ({previous.level.value}): most serious questions come first"
            )
        previous = question


def _duration(path: FilePath, value: Any, flags: Mapping[str, RedFlag], lexicon: Lexicon) -> DurationRule:
    entry = Entry(path, "[duration]", value)
    entry.only({"flag", "more_than_days", "not_about"})
    flag = entry.text("flag")
    if flag not in flags:
        entry.fail(f"names unknown red flag {flag!r}")
    days = entry.table["more_than_days"]
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        entry.fail("'more_than_days' must be a positive whole number")
    return DurationRule(flag, days, lexicon.names(entry, "not_about"))


def _causes(
    path: FilePath, value: Any, sources: Mapping[str, Source], flags: Mapping[str, RedFlag]
) -> dict[str, Cause]:
    causes: dict[str, Cause] = {}
    owner_of: dict[str, str] = {}
    for index, table in enumerate(_array(path, "causes", value)):
        entry = Entry(path, f"[[causes]] #{index + 1}", table)
        entry.only({"id", "name", "explain", "tip", "synonyms", "sources"}, frozenset({"red_flag"}))
        cause_id = _unique_id(entry, set(causes))
        synonyms = entry.texts("synonyms")
        _claim(entry, synonyms, owner_of, "cause", cause_id)
        red_flag = entry.text("red_flag") if "red_flag" in entry.table else None
        if red_flag is not None and red_flag not in flags:
            entry.fail(f"'red_flag' names unknown red flag {red_flag!r}")
        causes[cause_id] = Cause(
            cause_id,
            entry.text("name"),
            entry.text("explain", spoken=True),
            entry.text("tip", spoken=True),
            synonyms,
            entry.sources(sources),
            red_flag,
        )
    return causes


def _answers(
    path: FilePath, section: str, value: Any, sources: Mapping[str, Source], *, with_synonyms: bool
) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for key, table in Entry(path, f"[{section}]", value).table.items():
        entry = Entry(path, f"[{section}.{key}]", table)
        # The general healing answer is the fallback when no context was named, so it has no synonyms.
        needs_synonyms = with_synonyms and key != "general"
        entry.only(
            {"say", "sources"} | ({"synonyms"} if needs_synonyms else set()), frozenset({"intent", "offer"})
        )
        synonyms = entry.texts("synonyms") if needs_synonyms else ()
        intent = entry.text("intent") if "intent" in entry.table else None
        if intent is not None and not re.fullmatch(r"[A-Z][A-Za-z]*Intent", intent):
            entry.fail(f"'intent' must be an intent name such as 'HowLongIntent', not {intent!r}")
        offer = entry.text("offer") if "offer" in entry.table else None
        answers[key] = Answer(
            key, entry.text("say", spoken=True), synonyms, entry.sources(sources), intent=intent, offer=offer
        )
    return answers


def _caller(
    path: FilePath, where: str, key: str, value: Any, sources: Mapping[str, Source], lexicon: Lexicon
) -> CallerAnswer:
    entry = Entry(path, where, value)
    entry.only({"concepts", "say", "sources"}, frozenset({"after_emergency"}))
    after = entry.text("after_emergency", spoken=True) if "after_emergency" in entry.table else None
    return CallerAnswer(
        key, entry.text("say", spoken=True), lexicon.concepts(entry), entry.sources(sources), after
    )


_LOCALE_LINES = (
    "advice_line_written", "crisis_line", "crisis_line_written", "poison_line", "poison_line_written",
    "emergency_extra", "emergency_extra_written",
)  # fmt: skip


def _locale_lines(entry: Entry) -> tuple[str, str, str, str, str, str, str]:
    """The lines of _LOCALE_LINES, in that order (empty where a locale has no such service)."""
    a, b, c, d, e, f, g = (str(entry.table[key]).strip() for key in _LOCALE_LINES)
    return a, b, c, d, e, f, g


def _locales(path: FilePath, value: Any, sources: Mapping[str, Source]) -> dict[str, LocaleCare]:
    locales: dict[str, LocaleCare] = {}
    for locale, table in Entry(path, "[locales]", value).table.items():
        entry = Entry(path, f"[locales.{locale}]", table)
        entry.only(
            {"emergency_number", "emergency_number_spoken", "doctor", "emergency_department", "advice_line"}
            | {"sources", "als_name", *_LOCALE_LINES},
            frozenset({"seasons"}),
        )
        # Every line is text; a locale without that service has an empty one.
        for key in _LOCALE_LINES:
            if not isinstance(entry.table[key], str):
                entry.fail(f"'{key}' must be text")
        seasons = entry.table.get("seasons", "northern")
        if seasons not in ("northern", "southern"):
            entry.fail("'seasons' must be 'northern' or 'southern'")
        number = entry.text("emergency_number")
        if not number.isdigit() and locale != "default":
            entry.fail(f"'emergency_number' {number!r} must be digits")
        entry.sources(sources)
        locales[locale] = LocaleCare(
            locale,
            number,
            entry.text("emergency_number_spoken"),
            entry.text("doctor"),
            entry.text("emergency_department"),
            entry.text("advice_line"),
            seasons == "southern",
            *_locale_lines(entry),
            als_name=entry.text("als_name"),
        )
    return locales


SYMPTOM_CHECK = "symptom_check"  # the offer to run the spoken symptom check
CAUSES_OFFER = "causes"  # the offer to hear what commonly causes twitching ([info.causes_overview])
REQUIRED_INFO = frozenset(
    {"what_is", "how_long", "causes_overview", "self_care", "bfs", "als", "when_to_see_doctor"}
)


def _check_coverage(path: FilePath, rules: Rules) -> None:
    missing_info = REQUIRED_INFO - set(rules.info)
    if missing_info:
        raise RulesError(f"{_name(path)}: [info]: missing answer(s) {sorted(missing_info)}")
    # An offer is a check or another answer; each intent asks for one answer.
    offers = {SYMPTOM_CHECK, CAUSES_OFFER, *rules.info}
    intents: dict[str, str] = {}
    for section, answers in (("info", rules.info), ("healing", rules.healing)):
        for answer in answers.values():
            if answer.offer is not None and answer.offer not in offers:
                raise RulesError(
                    f"{_name(path)}: [{section}.{answer.id}]: offer {answer.offer!r} "
                    f"is not in {sorted(offers)}"
                )
            if answer.intent is not None and intents.setdefault(answer.intent, answer.id) != answer.id:
                raise RulesError(
                    f"{_name(path)}: [{section}.{answer.id}]: intent {answer.intent} is already taken"
                )
    if "general" not in rules.healing:
        raise RulesError(f"{_name(path)}: [healing]: missing the 'general' answer")
    if "default" not in rules.locales or not rules.served_locales:
        raise RulesError(f"{_name(path)}: [locales]: needs the locales served and a 'default' for any other")
