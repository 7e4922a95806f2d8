"""Which language a message is in: newsprov reads English articles only, and says so plainly
rather than answering a question in another language with nothing.

py3langid's naive Bayes model ships inside the package (nothing is downloaded). Loading it
takes seconds, so it is loaded once, in a worker thread (``warm_up``), and only a question
nothing answers, a pasted article or a forward is ever checked: answered questions never
pay for it.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

SAMPLE_CHARS = 2_000  # enough of an article to tell its language
MIN_LETTERS = 12  # below this a guess is noise ("ok", "Putin?")
# A short English question is often only 20-60% English to the model (names and few words),
# but it is never so sure of another language while giving English almost nothing.
MIN_OTHER = 0.7
MAX_ENGLISH = 0.05
OTHER_LANGUAGE = (
    "I read English articles only, so I can answer questions and read articles in English only."
)


@cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the model now (seconds), so that the first message checked does not wait."""
    _identifier()


def warm_up_in_background() -> None:
    """``warm_up`` in a daemon thread: unlike the event loop's executor, nothing waits for it
    at exit, so Ctrl-C at the console leaves at once even while the model loads."""
    threading.Thread(target=warm_up, name="language-model", daemon=True).start()


def language_of(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1) and its probability, 0 to 1."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language), float(probability)


def is_other_language(text: str) -> bool:
    """True when ``text`` is plainly written in a language other than English."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    latin = sum("LATIN" in unicodedata.name(ch, "") for ch in letters)
    if latin < len(letters) / 2:  # Cyrillic, Arabic, Han, ...: not an English text
        return True
    # Names say little about the language a text is written in ("Erdoğan", "Kılıçdaroğlu"
    # in an English question): capitalised words after the first are left out when enough
    # else remains.
    words = sample.split()
    lower = " ".join([words[0], *(w for w in words[1:] if not w[:1].isupper())])
    if sum(ch.isalpha() for ch in lower) >= MIN_LETTERS:
        sample = lower
    ranked: dict[str, float] = dict(_identifier().rank(sample))
    best, probability = max(ranked.items(), key=lambda item: item[1])
    return best != "en" and probability >= MIN_OTHER and ranked.get("en", 0.0) <= MAX_ENGLISH
