"""The usual phrases of Alexa's built-in intents, added to those the model itself lists for them.

Alexa trains built-in intents on its own data; these lists stand in for it. They apply only to built-in
intents the model declares, as on a device.
"""

from __future__ import annotations

BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "yes please", "sure", "sure thing", "ok", "okay", "alright", "all right",
        "correct", "that's correct", "right", "that's right", "of course", "absolutely", "definitely",
        "affirmative", "uh huh", "i do", "i have", "i am", "i did", "it is", "it does", "it has", "they do",
        "they are", "yes i do", "yes i have", "yes i am", "yes it is", "yes it does", "yeah i do",
        "yeah i have", "i think so", "go ahead", "please do", "sounds good", "why not",
    ),
    "AMAZON.NoIntent": (
        "no", "nope", "nah", "no thanks", "no thank you", "not really", "not at all", "negative", "i don't",
        "i haven't", "i'm not", "i didn't", "it isn't", "it's not", "it doesn't", "it hasn't", "they don't",
        "they aren't", "no i don't", "no i haven't", "no i'm not", "no it isn't", "no it's not",
        "no it doesn't", "nothing like that", "none of those", "none of that", "no none",
        "i don't think so", "no way",
    ),
    "AMAZON.HelpIntent": (
        "help", "help me", "i need help", "can you help me", "what can i say", "what can i ask",
        "what can you do", "what do you do", "how does this work", "how do i use this", "what are my options",
        "options", "instructions",
    ),
    "AMAZON.StopIntent": (
        "stop", "stop it", "quit", "exit", "goodbye", "good bye", "bye", "bye bye", "shut up", "be quiet",
        "that's all", "that's enough", "enough", "i'm done", "i'm finished", "we're done", "end", "off",
    ),
    "AMAZON.CancelIntent": ("cancel", "cancel that", "never mind", "nevermind", "forget it"),
    "AMAZON.RepeatIntent": (
        "repeat", "repeat that", "repeat it", "can you repeat that", "say that again", "say it again",
        "what did you say", "what was that", "pardon", "pardon me", "come again", "sorry what", "again",
        "once more", "one more time", "i didn't catch that", "i didn't hear you",
    ),
    "AMAZON.StartOverIntent": (
        "start over", "start again", "restart", "begin again", "from the beginning",
        "start from the beginning", "let's start over", "start over again",
    ),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "go back home", "go to the home screen"),
    "AMAZON.MoreIntent": ("more", "tell me more", "go on"),
    "AMAZON.NextIntent": ("next", "skip", "next one"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back"),
    "AMAZON.PauseIntent": ("pause", "hold on", "wait"),
    "AMAZON.ResumeIntent": ("resume", "continue", "carry on"),
}  # fmt: skip

FALLBACK_INTENT = "AMAZON.FallbackIntent"
