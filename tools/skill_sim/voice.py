"""`--speak`: say each answer aloud through espeak-ng when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import TextIO

INSTALL_HINT = "skill-sim: --speak needs espeak-ng; install it with: sudo apt-get install espeak-ng"
# espeak-ng has American and British English voices; the other English locales sound closest to these.
_VOICES = {"en-US": "en-us", "en-CA": "en-us", "en-GB": "en-gb", "en-AU": "en-gb", "en-IN": "en-gb"}


class Speaker:
    """Pipes plain text to espeak-ng; when it is missing, says once how to install it and stays silent."""

    def __init__(self, locale: str, err: TextIO | None = None) -> None:
        self.program = shutil.which("espeak-ng")
        self.voice = _VOICES.get(locale, "en")
        self._err = err or sys.stderr
        self._warned = False

    def say(self, text: str) -> None:
        """Speak `text` and wait until it has been said."""
        if not text:
            return
        if self.program is None:
            if not self._warned:
                print(INSTALL_HINT, file=self._err)
                self._warned = True
            return
        subprocess.run(
            [self.program, "-v", self.voice],
            input=text,
            text=True,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
