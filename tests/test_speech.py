"""The speech layer: escaping in one place, prosody, length caps, cards and the APL screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from twitch_guide import speech


def _parse(inner: str) -> ET.Element:
    return ET.fromstring(f"<speak>{inner}</speak>")


def test_markup_in_text_is_escaped_and_stays_text() -> None:
    hostile = 'I have <break time="10s"/> & "pain" ]]> <audio src="x"/>'
    root = _parse(speech.to_ssml([hostile]))
    assert list(root) == []  # no element got through
    assert root.text == hostile


def test_speaking_rate_wraps_the_speech_in_prosody() -> None:
    root = _parse(speech.to_ssml(["Hello there."], rate="slow"))
    (prosody,) = list(root)
    assert prosody.tag == "prosody" and prosody.attrib == {"rate": "85%"}
    assert list(_parse(speech.to_ssml(["Hello."], rate="normal"))) == []


def test_long_answers_lose_sentences_from_the_end_never_the_first() -> None:
    first = "Please call nine one one now."
    sentences = [first] + ["This is a long filler sentence that goes on and on. " * 10] * 40
    ssml = speech.to_ssml(sentences)
    assert len(ssml) <= speech.MAX_SSML_CHARS
    assert ssml.startswith(first)
    huge = speech.to_ssml(["x" * 100_000])
    assert len(huge) <= speech.MAX_SENTENCE_CHARS


def test_control_characters_are_removed() -> None:
    assert speech.to_ssml(["a\x00b\x1bc\nd"]) == "a b c d"


def test_card_text_is_one_sentence_per_line_without_markup() -> None:
    assert speech.card_text(["Call 911 now.", "", "Take care."]) == "Call 911 now.\nTake care."


def test_apl_document_carries_title_and_body_as_data() -> None:
    document, datasources = speech.apl_document("Call emergency services now", ["Call 911 now.", "<b>"])
    assert document["type"] == "APL"
    assert datasources["answer"] == {"title": "Call emergency services now", "body": "Call 911 now.\n<b>"}
