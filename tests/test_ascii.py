"""Folding to ASCII: the same as unidecode, a run of other characters at a time."""

from __future__ import annotations

import random

from unidecode import unidecode

from bot.answer.ascii import to_ascii

WRITTEN = [
    "plain words, nothing to fold",
    "The minister’s “denial” came at 10:30 — after the strike.",
    "Ağrı and Şanlıurfa; Zürich; São Paulo; Łódź",
    "北京 and Москва in one sentence",
    "an emoji 🙂 and a soft\u00adhyphen, a non\u00a0breaking space",
    "",
]


def test_written_texts_fold_as_unidecode_folds_them() -> None:
    for text in WRITTEN:
        assert to_ascii(text) == unidecode(text)


def test_random_mixtures_fold_as_unidecode_folds_them() -> None:
    alphabet = "ab c.,'\"-\n" + "’“”—–…éüßłığşçøñ北京Мо🙂\u00a0\u00ad\u0301"
    draw = random.Random(20261124)
    for _ in range(500):
        text = "".join(draw.choice(alphabet) for _ in range(draw.randint(0, 40)))
        assert to_ascii(text) == unidecode(text), repr(text)


def test_ascii_text_is_returned_as_it_is() -> None:
    text = "Officials said on Monday."
    assert to_ascii(text) is text
