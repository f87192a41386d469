"""`skill-sim`: talk to the skill in a terminal, run scripted sessions as JSON, or check model coverage."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .coverage import coverage, format_report
from .envelopes import DEFAULT_SKILL_ID, Identity
from .lambda_runner import SkillLoadError, configure_store, fake_user_id, handler_location, load_handler
from .model import InteractionModel, ModelError, load_model, model_path
from .nlu import Resolver
from .session import Conversation, SkillError, Turn
from .voice import Speaker

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# What a device says when a skill fails; the real cause goes to stderr.
# The session attribute in which this project's skill reports its outcome (--outcome-key for another skill).
OUTCOME_KEY = "disposition"
DEVICE_ERROR = "There was a problem with the requested skill's response."
COMMANDS = {
    "/quit": "leave (the skill gets a SessionEndedRequest); Ctrl-D does the same",
    "/new": "drop the current session without telling the skill",
    "/state": "show the session attributes",
    "/help": "this list",
}


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="skill-sim",
        description="Talk to the Muscle Twitch Guide skill locally, as an Alexa device would.",
        epilog="Say 'open muscle twitch guide' or 'ask muscle twitch guide <question>'; an empty line is "
        "silence. Inside the chat: " + ", ".join(COMMANDS) + ".",
    )
    parser.add_argument("utterances", nargs="*", help="say these in one session instead of chatting")
    parser.add_argument("--locale", default="en-US", help="interaction model locale (default en-US)")
    parser.add_argument(
        "--outcome-key",
        default=OUTCOME_KEY,
        help=f"session attribute holding the skill's outcome, shown with -v (default {OUTCOME_KEY})",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per turn (needs utterances)"
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="also show intent, slots and disposition"
    )
    parser.add_argument("--speak", action="store_true", help="voice each answer through espeak-ng")
    parser.add_argument(
        "--coverage", action="store_true", help="samples and slot values per intent, collisions"
    )
    parser.add_argument("--screen", action="store_true", help="pretend the device has a screen (APL)")
    store = parser.add_mutually_exclusive_group()
    store.add_argument("--store", type=Path, metavar="PATH", help="the skill's local preferences file")
    store.add_argument("--no-store", action="store_true", help="run the skill without persistence")
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help=argparse.SUPPRESS)
    parser.add_argument(
        "--model", type=Path, metavar="FILE", help="use this model file instead of the locale's"
    )
    parser.add_argument("--models-dir", type=Path, metavar="DIR", help="where <locale>.json models live")
    parser.add_argument(
        "--code-uri", type=Path, metavar="DIR", help="the function's code (default: template.yaml)"
    )
    parser.add_argument("--handler", metavar="MODULE.FUNCTION", help="the entry (default: template.yaml)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (2 for bad input, 1 when the skill fails)."""
    args = build_parser().parse_args(argv)
    try:
        model = load_model(
            args.model or model_path(args.models_dir or args.root / "interaction_models", args.locale)
        )
    except ModelError as exc:
        return _fail(str(exc))
    resolver = Resolver(model)
    if args.coverage:
        report = coverage(model, resolver)
        print(format_report(report, model))
        return 1 if report.collisions else 0
    if args.json and not args.utterances:
        return _fail("--json needs the utterances to say, e.g. skill-sim --json 'open muscle twitch guide'")
    try:
        conversation = _conversation(args, model, resolver)
    except SkillLoadError as exc:
        if args.verbose and exc.__cause__ is not None:
            traceback.print_exception(exc.__cause__)
        return _fail(str(exc))
    speaker = Speaker(args.locale) if args.speak else None
    out = _Output(sys.stdout, verbose=args.verbose, as_json=args.json, speaker=speaker)
    try:
        if args.utterances:
            return _script(conversation, args.utterances, out)
        return _chat(conversation, out, args.locale)
    except BrokenPipeError:
        # The reader went away (`skill-sim --json ... | head`); stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> int:
    print(f"skill-sim: {message}", file=sys.stderr)
    return 2


def _conversation(args: argparse.Namespace, model: InteractionModel, resolver: Resolver) -> Conversation:
    store = configure_store(args.store, enabled=not args.no_store)
    # The skill's own INFO logs would drown the chat; LOG_LEVEL=INFO in the environment brings them back.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    code_dir, entry = handler_location(args.root)
    handler = load_handler(args.code_uri or code_dir, args.handler or entry)
    identity = Identity(
        skill_id=os.environ.get("SKILL_ID") or DEFAULT_SKILL_ID,
        user_id=fake_user_id(store),
        screen=args.screen,
    )
    return Conversation(
        model, handler, locale=args.locale, identity=identity, resolver=resolver, outcome_key=args.outcome_key
    )


class _Output:
    """Prints turns as text (speaker, reprompt, details) or JSON lines, and voices them if asked."""

    def __init__(self, stream: TextIO, *, verbose: bool, as_json: bool, speaker: Speaker | None) -> None:
        self.stream, self.verbose, self.as_json, self.speaker = stream, verbose, as_json, speaker

    def turn(self, turn: Turn) -> None:
        for problem in turn.problems:
            print(f"skill-sim: warning: {problem} (Alexa would reject this response)", file=sys.stderr)
        if self.as_json:
            print(json.dumps(turn.to_json(), ensure_ascii=False), file=self.stream, flush=True)
        else:
            self._text(turn)
        if self.speaker is not None:
            self.speaker.say(turn.speech)

    def _text(self, turn: Turn) -> None:
        write = self.stream.write
        if turn.speech or turn.intent != "SessionEndedRequest":
            who = "alexa" if turn.dialog_prompt else "speaker"
            write(f"{who}> {turn.speech or '(says nothing)'}\n")
        if turn.reprompt:
            write(f"  (reprompt: {turn.reprompt})\n")
        if self.verbose and turn.request is None:
            write("  (no request: Alexa repeats the reprompt)\n")
        elif self.verbose:
            slots = ", ".join(
                f"{name}={s['value']}" + (f" (id {s['id']})" if s["id"] else "")
                for name, s in turn.slots().items()
            )
            details = [f"intent={turn.intent}", f"slots={{{slots}}}", f"disposition={turn.disposition}"]
            if turn.directives:
                details.append("directives=" + ",".join(turn.directives))
            if turn.card:
                details.append(f"card={turn.card['title']}")
            write("  [" + ", ".join(details) + "]\n")
        if turn.end_session:
            write("  (session ended)\n")
        self.stream.flush()

    def failure(self, exc: SkillError) -> None:
        print(f"skill-sim: the skill failed: {exc}", file=sys.stderr)
        if self.verbose and exc.__cause__ is not None:
            traceback.print_exception(exc.__cause__)
        if not self.as_json:
            self.stream.write(f"speaker> {DEVICE_ERROR}\n  (session ended)\n")


def _script(conversation: Conversation, utterances: Sequence[str], out: _Output) -> int:
    for text in utterances:
        try:
            turn = conversation.say(text) if text.strip() else conversation.silence()
        except SkillError as exc:
            out.failure(exc)
            return 1
        if turn is not None:
            if turn.utterance is None:
                turn.utterance = text
            out.turn(turn)
    return 0


def _chat(conversation: Conversation, out: _Output, locale: str) -> int:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history for input())
    name = conversation.model.invocation_name
    print(
        f"Muscle Twitch Guide simulator ({locale}). Say 'open {name}' or ask a question; an empty line is "
        "silence; /help lists commands, Ctrl-D quits."
    )
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            text = "/quit"
        if text in ("/quit", "/exit"):
            return _quit(conversation, out)
        if text.startswith("/"):
            _command(conversation, text)
            continue
        try:
            turn = conversation.say(text) if text else conversation.silence()
        except SkillError as exc:
            out.failure(exc)
            continue
        if turn is not None:
            out.turn(turn)


def _quit(conversation: Conversation, out: _Output) -> int:
    try:
        turn = conversation.end("USER_INITIATED")
    except SkillError as exc:
        out.failure(exc)
        return 1
    if turn is not None and out.verbose:
        out.turn(turn)
    return 0


def _command(conversation: Conversation, text: str) -> None:
    if text == "/new":
        conversation.new_session()
        print("(new session: the next utterance starts one)")
    elif text == "/state":
        state = "open" if conversation.in_session else "closed"
        print(f"session {state}; attributes: {json.dumps(conversation.attributes, indent=2, sort_keys=True)}")
    else:
        for command, meaning in COMMANDS.items():
            print(f"  {command:<7} {meaning}")
