"""Near-duplicate articles (wire copies, updated versions) by MinHash over word shingles.

Each article becomes a MinHash signature of its word 4-shingles (``num_perm`` permutations of 32-bit
CRC hashes, fixed seed, so runs are deterministic). Locality-sensitive hashing over ``bands`` bands
proposes candidates; a candidate is a near-duplicate when the estimated Jaccard similarity reaches
``threshold``. Near-duplicates form groups; the newest article of a group (latest ``published``, then
the latest to arrive) is kept as canonical and the others are linked to it.

Memory is bounded: only the last ``window`` articles stay in the index (wire copies and updates
arrive within days of each other).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = np.uint64((1 << 31) - 1)


def shingles(text: str, size: int = 4) -> set[int]:
    """CRC32 hashes of the word ``size``-grams of ``text`` (lower-cased)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode("utf-8"))} if words else set()
    return {zlib.crc32(" ".join(words[i:i + size]).encode("utf-8")) for i in range(len(words) - size + 1)}


@dataclass
class MinHasher:
    num_perm: int = 64
    seed: int = 1

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        self._a = rng.integers(1, (1 << 31) - 1, size=self.num_perm, dtype=np.uint64)
        self._b = rng.integers(0, (1 << 31) - 1, size=self.num_perm, dtype=np.uint64)

    def signature(self, hashes: set[int]) -> np.ndarray:
        if not hashes:
            return np.full(self.num_perm, (1 << 31) - 1, dtype=np.uint64)
        values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes)) % _PRIME
        return ((np.outer(values, self._a) + self._b) % _PRIME).min(axis=0)


def band_key(band: int, rows: bytes) -> int:
    """A stable 63-bit key of one band of a signature (the same in every process, so keys can be stored)."""
    digest = hashlib.blake2b(band.to_bytes(2, "little") + rows, digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def band_keys(signature: np.ndarray, bands: int) -> tuple[int, ...]:
    """The LSH keys of a signature cut into ``bands`` bands."""
    rows = len(signature) // bands
    return tuple(band_key(band, signature[band * rows:(band + 1) * rows].tobytes()) for band in range(bands))


@dataclass
class _Entry:
    doc_id: str
    published: str
    arrival: int
    signature: np.ndarray
    keys: tuple[int, ...]


@dataclass
class NearDuplicates:
    """Incremental near-duplicate finder. ``add`` each article; ``canonical()`` maps linked ids to the
    newest article of their group."""

    threshold: float = 0.7
    num_perm: int = 64
    bands: int = 16
    shingle_size: int = 4
    window: int = 20_000
    _hasher: MinHasher = field(init=False, repr=False)
    _buckets: dict[int, list[_Entry]] = field(default_factory=dict, init=False, repr=False)
    _recent: deque[_Entry] = field(default_factory=deque, init=False, repr=False)
    _parent: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _info: dict[str, tuple[str, int]] = field(default_factory=dict, init=False, repr=False)
    _arrivals: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.num_perm % self.bands:
            raise ValueError(f"num_perm ({self.num_perm}) must be a multiple of bands ({self.bands})")
        self._hasher = MinHasher(self.num_perm)

    def _find(self, doc_id: str) -> str:
        root = doc_id
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(doc_id, doc_id) != root:  # path compression
            self._parent[doc_id], doc_id = root, self._parent[doc_id]
        return root

    def _newer(self, a: str, b: str) -> str:
        return max(a, b, key=lambda d: self._info[d])

    def signature(self, text: str) -> np.ndarray:
        """The MinHash signature of ``text``."""
        return self._hasher.signature(shingles(text, self.shingle_size))

    def similar(self, a: np.ndarray, b: np.ndarray) -> bool:
        """Whether two signatures estimate a Jaccard similarity of at least ``threshold``."""
        return float(np.mean(a == b)) >= self.threshold

    def recent(self) -> list[tuple[str, str, int, np.ndarray, tuple[int, ...]]]:
        """The indexed window, oldest first: ``(doc_id, published, arrival, signature, keys)``."""
        return [(e.doc_id, e.published, e.arrival, e.signature, e.keys) for e in self._recent]

    @property
    def arrivals(self) -> int:
        return self._arrivals

    def add(self, doc_id: str, text: str, published: str | None = None) -> list[str]:
        """Index one article; returns the ids of earlier articles it is a near-duplicate of."""
        self._arrivals += 1
        signature = self.signature(text)
        keys = band_keys(signature, self.bands)
        entry = _Entry(doc_id, published or "", self._arrivals, signature, keys)
        self._info[doc_id] = (entry.published, entry.arrival)
        matches: dict[str, None] = {}
        for key in keys:
            for other in self._buckets.get(key, ()):
                if other.doc_id in matches or other.doc_id == doc_id:
                    continue
                if self.similar(other.signature, signature):
                    matches[other.doc_id] = None
        for key in keys:
            self._buckets.setdefault(key, []).append(entry)
        self._recent.append(entry)
        for other_id in matches:
            a, b = self._find(doc_id), self._find(other_id)
            if a != b:
                keep = self._newer(a, b)
                self._parent[a if keep == b else b] = keep
                self._parent.setdefault(keep, keep)
        while len(self._recent) > self.window:
            self._evict(self._recent.popleft())
        return list(matches)

    def _evict(self, entry: _Entry) -> None:
        for key in entry.keys:
            bucket = self._buckets.get(key)
            if bucket is None:
                continue
            bucket[:] = [e for e in bucket if e is not entry]
            if not bucket:
                del self._buckets[key]

    def canonical(self) -> dict[str, str]:
        """``{doc_id: canonical_doc_id}`` for every article linked to a newer near-duplicate."""
        out = {}
        for doc_id in self._parent:
            root = self._find(doc_id)
            if root != doc_id:
                out[doc_id] = root
        return out


def find_duplicates(items: Iterable[tuple[str, str, str | None]], **options: object) -> dict[str, str]:
    """Near-duplicates among ``(doc_id, text, published)`` items: ``{doc_id: canonical_doc_id}`` for
    every article that is linked to a newer version (the newest of each group is kept)."""
    finder = NearDuplicates(**options)  # type: ignore[arg-type]
    for doc_id, text, published in items:
        finder.add(doc_id, text, published)
    return finder.canonical()
