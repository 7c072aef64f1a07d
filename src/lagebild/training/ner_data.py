"""Read the German NER corpora into one form: a text and its entity spans (character offsets).

Three corpora, all CC BY 4.0 (see ``docs/entities.md`` for the attribution):

* **GermEval 2014** (``germeval2014/NER-de-test.tsv``): German Wikipedia and news sentences, one token
  per line with an outer and an inner tag, each sentence after a ``#`` line with its source (a
  Wikipedia URL or a news site), kept as the example's ``origin``. Only the *outer* tag is used.
  Label mapping:

  - ``PER``, ``ORG``, ``LOC``, ``OTH`` → the same label;
  - ``*deriv`` (``LOCderiv`` "syrischen", "deutsche") → no entity: an adjective derived from a name is
    not a name (the country it points to is the places stage's business);
  - ``*part`` (``ORGpart`` "UN-Botschafter", ``LOCpart`` "Damaskus-Besuch") → no entity: the token is a
    compound of which only a part is a name, so no character span covers exactly the name.

* **MobIE** (``mobie/train.conll2003``): German traffic reports and tweets. ``location``,
  ``location-city``, ``location-stop``, ``location-street`` → LOC; ``organization``,
  ``organization-company`` → ORG; ``person`` → PER; everything else (``location-route`` "S4", "A7",
  dates, triggers, …) → no entity. A leading ``#`` or ``@`` is left outside the span.

* **SmartData** (``smartdata/dev.json.gz``): German news, RSS and tweets, with token tags of the same
  family as MobIE (upper case), mapped the same way.

Sentences given as tokens are joined into a text with ordinary German spacing (no space before closing
punctuation, none after an opening quote mark), so the model is trained on text as the tokenizer sees it
in articles. Held-out sentences are chosen by a hash of their position and a fixed seed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lagebild.errors import InputError

LABELS = ("PER", "ORG", "LOC", "OTH")

_NO_SPACE_BEFORE = set(",.;:!?)]}“”«%…'")
_NO_SPACE_AFTER = set("([{„»")

_MOBIE_LABELS = {
    "location": "LOC",
    "location-city": "LOC",
    "location-stop": "LOC",
    "location-street": "LOC",
    "organization": "ORG",
    "organization-company": "ORG",
    "person": "PER",
}


@dataclass(frozen=True)
class Example:
    """One training or evaluation text with its entities as (start, end, label) character spans."""

    text: str
    entities: tuple[tuple[int, int, str], ...]
    source: str  # corpus name and item, e.g. "germeval:1234"
    origin: str = ""  # GermEval: "wikipedia" or "news", from the sentence's "#" line (its source URL)


def join_tokens(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into a text with ordinary spacing; returns the text and each token's character span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    previous = ""
    for i, token in enumerate(tokens):
        if i > 0 and not (token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER):
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
        previous = token
    return "".join(parts), spans


def bio_spans(tags: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Entity character spans from BIO tags already mapped to our labels (``O`` or ``B-X``/``I-X``)."""
    entities: list[tuple[int, int, str]] = []
    current: list[int | str] | None = None  # [start, end, label]
    for tag, (start, end) in zip(tags, spans, strict=True):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = end
            continue
        if current is not None:
            entities.append((int(current[0]), int(current[1]), str(current[2])))
            current = None
        if prefix in ("B", "I") and label:
            current = [start, end, label]
    if current is not None:
        entities.append((int(current[0]), int(current[1]), str(current[2])))
    return entities


def _germeval_label(tag: str) -> str:
    prefix, _, label = tag.partition("-")
    if label in LABELS:
        return f"{prefix}-{label}"
    return "O"  # O, and the *deriv / *part labels (see the module docstring)


def read_germeval(path: Path) -> Iterator[Example]:
    """Sentences of a GermEval 2014 TSV file (outer spans)."""
    tokens: list[str] = []
    tags: list[str] = []
    number = 0
    origin = ""

    def flush() -> Example | None:
        if not tokens:
            return None
        text, spans = join_tokens(tokens)
        return Example(text, tuple(bio_spans(tags, spans)), f"germeval:{number}", origin)

    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the GermEval file: {exc.strerror}") from exc
    with handle:
        for line_no, line in enumerate(handle, 1):
            if line.startswith("#"):  # "#<tab>source URL or 'site.de vom date'<tab>[date]"
                origin = "wikipedia" if "wikipedia.org" in line else "news"
                continue
            if not line.strip():
                example = flush()
                if example:
                    yield example
                    number += 1
                tokens, tags = [], []
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 3:
                raise InputError(f"{path}:{line_no}", "expected index, token, outer tag (tab-separated)")
            tokens.append(cells[1])
            tags.append(_germeval_label(cells[2]))
    example = flush()
    if example:
        yield example


def _typed_label(tag: str) -> str:
    """Map a MobIE/SmartData tag (``B-location-city``, ``I-ORGANIZATION_COMPANY``) to ours."""
    prefix, _, kind = tag.partition("-")
    label = _MOBIE_LABELS.get(kind.lower().replace("_", "-"))
    return f"{prefix}-{label}" if label and prefix in ("B", "I") else "O"


def _strip_marker(text: str, entities: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Leave a leading hashtag or at sign outside an entity span; drop spans that become empty and
    lower-case adjectives ("japanische"), which GermEval's mapping above does not count as names either."""
    kept = []
    for start, end, label in entities:
        while start < end and text[start] in "#@":
            start += 1
        if start < end and not text[start].islower():
            kept.append((start, end, label))
    return kept


def read_mobie(path: Path) -> Iterator[Example]:
    """Sentences of the MobIE CoNLL-2003 file (token, POS, chunk, NER tag)."""
    tokens: list[str] = []
    tags: list[str] = []
    number = 0
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the MobIE file: {exc.strerror}") from exc
    with handle:
        for line in [*handle, "\n"]:
            if line.startswith("-DOCSTART-"):
                continue
            cells = line.rstrip("\n").split("\t")
            if not line.strip():
                if tokens:
                    text, spans = join_tokens(tokens)
                    yield Example(text, tuple(_strip_marker(text, bio_spans(tags, spans))), f"mobie:{number}")
                    number += 1
                tokens, tags = [], []
                continue
            tokens.append(cells[0])
            tags.append(_typed_label(cells[-1]))


def _json_objects(raw: str) -> Iterator[dict[str, object]]:
    """The JSON objects of a file that holds several concatenated ones."""
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return
        obj, pos = decoder.raw_decode(raw, pos)
        yield obj


def read_smartdata(path: Path) -> Iterator[Example]:
    """Documents of the SmartData JSON file, with the original text and token offsets."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            raw = handle.read()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the SmartData file: {exc}") from exc
    for number, record in enumerate(_json_objects(raw)):
        try:
            text = record["text"]["string"]  # type: ignore[index]
            tokens = record["tokens"]["array"]  # type: ignore[index]
            spans = [(t["span"]["start"], t["span"]["end"]) for t in tokens]
            tags = [_typed_label(t["ner"]["string"]) for t in tokens]
        except (KeyError, TypeError) as exc:
            raise InputError(f"{path}#{number}", f"record without text/tokens/ner ({exc})") from exc
        yield Example(text, tuple(_strip_marker(text, bio_spans(tags, spans))), f"smartdata:{number}")


def is_held_out(example: Example, share: float = 0.1, seed: str = "lagebild-ner-1") -> bool:
    """Whether an example belongs to the held-out part: a stable hash of its source id and the seed."""
    digest = hashlib.sha256(f"{seed}:{example.source}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def germeval_split(path: Path, share: float = 0.1) -> tuple[list[Example], list[Example]]:
    """GermEval sentences split into (training, held-out)."""
    train: list[Example] = []
    held_out: list[Example] = []
    for example in read_germeval(path):
        (held_out if is_held_out(example, share) else train).append(example)
    return train, held_out


def swap_mentions(examples: list[Example], seed: int = 1) -> list[Example]:
    """Copies of the examples with every entity replaced by another mention of the same label taken
    from the examples themselves ("mention replacement"): the model has to rely on the context and the
    shape of a name rather than on remembering it, which is what it needs for names it has not seen."""
    import random

    rng = random.Random(seed)
    pool: dict[str, list[str]] = {}
    for example in examples:
        for start, end, label in example.entities:
            pool.setdefault(label, []).append(example.text[start:end])
    copies: list[Example] = []
    for example in examples:
        if not example.entities:
            continue
        parts: list[str] = []
        entities: list[tuple[int, int, str]] = []
        pos = 0
        length = 0
        for start, end, label in sorted(example.entities):
            parts.append(example.text[pos:start])
            length += start - pos
            name = rng.choice(pool[label])
            entities.append((length, length + len(name), label))
            parts.append(name)
            length += len(name)
            pos = end
        parts.append(example.text[pos:])
        copies.append(Example("".join(parts), tuple(entities), example.source + ":swap"))
    return copies
