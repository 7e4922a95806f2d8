"""Sentence fingerprints for text reuse: MinHash signatures of word shingles, with LSH bands.

Each sentence of at least ``MIN_WORDS`` words gets a signature of ``HASHES`` MinHash values
over its word trigrams (folded: case, accents and punctuation do not count), and ``BANDS``
band keys of ``BAND_ROWS`` values each. Two sentences whose trigram sets have a Jaccard
similarity of 0.5 share a band key three times in four, of 0.7 almost always, so the store
finds candidates by an indexed look-up of band keys and this module confirms them by the whole
signature (``similarity``). A sentence edited by a word or two stays the same sentence; two
sentences on the same topic in different words do not.

A small pure function rather than a library: datasketch would bring scipy for what is forty
lines over numpy, which newsprov already has.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.folding import to_ascii

MIN_WORDS = 6  # shorter sentences ("He said.", a dateline) say too little to be reuse
SHINGLE = 3  # words in a shingle
HASHES = 32  # MinHash values in a signature
BAND_ROWS = 3
BANDS = 10  # BANDS * BAND_ROWS <= HASHES
SIMILAR = 0.4  # the share of equal MinHash values at which two sentences are the same one

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_MASK64 = (1 << 64) - 1
_SEEDS = np.array(
    [
        int.from_bytes(hashlib.blake2b(b"%d" % i, digest_size=8).digest(), "little")
        for i in range(HASHES)
    ],
    dtype=np.uint64,
)


@dataclass(frozen=True, slots=True)
class SentencePrint:
    ordinal: int  # among the text's fingerprinted sentences
    start: int  # character offsets in the text
    end: int
    signature: bytes  # HASHES little-endian uint32 MinHash values
    bands: tuple[int, ...]  # BANDS signed 64-bit keys

    @property
    def chars(self) -> int:
        return self.end - self.start


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each sentence: split at line breaks and at a full stop, question or
    exclamation mark followed by a capital or a digit. Crude on "Mr. Smith", but the same on
    every text, which is what matching needs."""
    position = 0
    for brk in _LINE_BREAK.finditer(text + "\n"):
        line_end = brk.start()
        start = position
        for stop in _SENTENCE_END.finditer(text, position, line_end):
            if stop.end(1) > start:
                yield start, stop.end(1)
            start = stop.end()
        if line_end > start:
            yield start, line_end
        position = brk.end()


def words_of(text: str) -> list[str]:
    return _WORD.findall(to_ascii(text).casefold())


def _shingle_hashes(words: list[str]) -> npt.NDArray[np.uint64]:
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return np.array(
        [
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little")
            for g in grams
        ],
        dtype=np.uint64,
    )


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser: a good 64-bit hash of each value (wrapping arithmetic)."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def signature_of(words: list[str]) -> bytes:
    """The MinHash signature of the words' trigram set."""
    hashes = _shingle_hashes(words)
    mins = _mix(hashes[None, :] ^ _SEEDS[:, None]).min(axis=1) >> np.uint64(32)
    return bytes(mins.astype("<u4").tobytes())


def bands_of(signature: bytes) -> tuple[int, ...]:
    """The signature's band keys: band number and values hashed to a signed 64-bit integer
    (a BigInteger on either database)."""
    width = 4 * BAND_ROWS
    return tuple(
        int.from_bytes(
            hashlib.blake2b(
                bytes([band]) + signature[band * width : (band + 1) * width], digest_size=8
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    )


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two sentences: the share of equal MinHash values."""
    a = np.frombuffer(first, dtype="<u4")
    b = np.frombuffer(second, dtype="<u4")
    if len(a) != len(b) or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def fingerprint(text: str) -> list[SentencePrint]:
    """The fingerprints of the text's sentences of at least ``MIN_WORDS`` words, in order."""
    prints: list[SentencePrint] = []
    for start, end in sentence_spans(text):
        words = words_of(text[start:end])
        if len(words) < MIN_WORDS:
            continue
        signature = signature_of(words)
        prints.append(SentencePrint(len(prints), start, end, signature, bands_of(signature)))
    return prints
