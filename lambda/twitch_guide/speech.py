"""Turn plain sentences into what a device shows and says: SSML, card text and an APL screen.

Escaping happens here and only here, so no caller text can reach SSML as markup. Length is capped below
Alexa's limits by dropping whole sentences from the end, never the first one (the emergency advice).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Alexa rejects outputSpeech over 8,000 characters; stay well inside it.
MAX_SSML_CHARS = 6000
MAX_CARD_CHARS = 6000
MAX_SENTENCE_CHARS = 600

PROSODY_RATES = {"slow": "85%", "fast": "115%"}
APL_TOKEN = "twitchGuideAnswer"  # noqa: S105 - an APL document token, not a secret


def escape(text: str) -> str:
    """XML-escape text for SSML. (xml.sax.saxutils would import urllib and email: ~20 ms of cold start.)"""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def _clean(sentence: str) -> str:
    """One sentence, stripped of control characters and capped, so no input can bloat a response."""
    printable = (
        sentence if sentence.isprintable() else "".join(c if c.isprintable() else " " for c in sentence)
    )
    text = " ".join(printable.split())
    return text if len(text) <= MAX_SENTENCE_CHARS else text[: MAX_SENTENCE_CHARS - 3].rstrip() + "..."


def _fit(sentences: Sequence[str], limit: int, render: Any) -> list[str]:
    kept = [_clean(s) for s in sentences if s and s.strip()]
    while len(kept) > 1 and len(render(kept)) > limit:
        kept.pop()
    return kept


def to_ssml(sentences: Sequence[str], rate: str = "normal") -> str:
    """The inner SSML for outputSpeech (the ASK SDK adds the <speak> element)."""

    def render(parts: list[str]) -> str:
        body = " ".join(escape(part) for part in parts)
        prosody = PROSODY_RATES.get(rate)
        return f'<prosody rate="{prosody}">{body}</prosody>' if prosody else body

    return render(_fit(sentences, MAX_SSML_CHARS, render))


def card_text(sentences: Sequence[str]) -> str:
    """Plain text for the Alexa app card: the same advice, one sentence per line."""

    def render(parts: list[str]) -> str:
        return "\n".join(parts)

    return render(_fit(sentences, MAX_CARD_CHARS, render))


def apl_document(title: str, sentences: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A simple APL screen (document, datasources) with the title and the answer's text."""
    document = {
        "type": "APL",
        "version": "2023.3",
        "mainTemplate": {
            "parameters": ["payload"],
            "items": [
                {
                    "type": "Container",
                    "width": "100vw",
                    "height": "100vh",
                    "paddingLeft": "5vw",
                    "paddingRight": "5vw",
                    "paddingTop": "5vh",
                    "items": [
                        {
                            "type": "Text",
                            "text": "${payload.answer.title}",
                            "fontSize": "40dp",
                            "fontWeight": "bold",
                        },
                        {
                            "type": "Text",
                            "text": "${payload.answer.body}",
                            "fontSize": "28dp",
                            "paddingTop": "16dp",
                        },
                    ],
                }
            ],
        },
    }
    datasources = {"answer": {"title": _clean(title), "body": card_text(sentences)}}
    return document, datasources
