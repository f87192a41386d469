"""Render SSML as the plain text a listener hears, and check that Alexa would accept it."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

# <sub alias="x">y</sub> is heard as x; <audio> is a sound, not words.
_SUB = re.compile(r"<sub\b[^>]*\balias\s*=\s*(\"[^\"]*\"|'[^']*')[^>]*>.*?</sub\s*>", re.S | re.I)
_AUDIO = re.compile(r"<audio\b[^>]*?(/>|>.*?</audio\s*>)", re.S | re.I)
_BREAK = re.compile(r"<break\b[^>]*/?>|<(/?)(p|s)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")


def ssml_to_text(ssml: str) -> str:
    """Plain text of SSML: tags stripped, <say-as> text kept, breaks as spaces, entities unescaped."""
    text = _SUB.sub(lambda m: " " + m.group(1)[1:-1] + " ", ssml)
    text = _AUDIO.sub(" ", text)
    text = _BREAK.sub(" ", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).strip()


def ssml_problem(ssml: str) -> str | None:
    """Why Alexa would reject this SSML (not well-formed XML, no <speak> root), or None when it is fine."""
    try:
        # The SSML comes from our own skill running in this process, not from an untrusted source.
        root = ET.fromstring(ssml)  # noqa: S314
    except ET.ParseError as exc:
        return f"not well-formed XML ({exc})"
    if root.tag != "speak":
        return f"the root element is <{root.tag}>, not <speak>"
    return None
