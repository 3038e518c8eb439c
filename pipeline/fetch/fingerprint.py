"""Text fingerprints: an exact hash for identical texts, a SimHash for near-duplicates."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1
SHINGLE = 3  # word trigrams: robust to small edits, sensitive to reordered paragraphs


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha256 hex of the text with runs of whitespace collapsed (re-wrapping is not a new text)."""
    return hashlib.sha256(normalise_whitespace(text).encode("utf-8")).hexdigest()


def _features(text: str) -> Counter[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return Counter([" ".join(words)] if words else [])
    return Counter(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


# SimHash sums, for each of the 64 bits, +count or -count over the features. Rather than 64
# steps per feature, each hash is spread into 64 lanes of one big integer (bit i in lane i,
# a lane being 32 bits: room for any text's trigram count), so one multiply-add per feature
# counts every bit at once; a byte table does the spreading in 8 steps.
_LANE = 32
_LANE_MASK = (1 << _LANE) - 1
_SPREAD_BYTE = [sum(((byte >> i) & 1) << (i * _LANE) for i in range(8)) for byte in range(256)]


def _spread(h: int) -> int:
    out = 0
    for k in range(8):
        out |= _SPREAD_BYTE[(h >> (8 * k)) & 0xFF] << (8 * k * _LANE)
    return out


def simhash64(text: str) -> int:
    """64-bit SimHash of word trigrams, as a signed integer so it fits a Postgres bigint.

    Texts that differ by a few words land a few bits apart; compare with :func:`hamming`.
    """
    set_counts = total = 0  # lane i: how many trigrams have bit i set; total: all trigrams
    for feature, count in _features(text).items():
        h = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")
        set_counts += count * _spread(h)
        total += count
    value = 0
    for bit in range(64):
        if 2 * ((set_counts >> (bit * _LANE)) & _LANE_MASK) > total:  # more trigrams set it than not
            value |= 1 << bit
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two 64-bit hashes, signed or unsigned."""
    return ((a ^ b) & _MASK64).bit_count()
