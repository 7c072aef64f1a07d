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

Further corpora, read for training (subsampled and weighted by :mod:`lagebild.training.ner_train`), for
the name lexicon and as a cross-domain check; entity spans that start with a lower-case letter
("rumänischer") are dropped in all of them, as in MobIE:

* **Legal decisions** (``ner_legal/*.conll``, Leitner et al. 2019, CC BY 4.0): token and tag per line;
  ``PER``, ``RR`` (judge), ``AN`` (lawyer) → PER; ``LD`` (country), ``ST`` (town), ``STR`` (street),
  ``LDS`` (landscape) → LOC; ``ORG``, ``UN`` (company), ``INN`` (institution), ``GRT`` (court), ``MRK``
  (brand) → ORG; laws, regulations, EU norms, contracts, decisions and literature (``GS``, ``VO``, ``EUN``,
  ``VS``, ``VT``, ``RS``, ``LIT``) → no entity.
* **Historical newspapers, HIPE 2022** (``ner_newseye_sonar/*.tsv``, NewsEye and SoNAR, CC BY 4.0): the
  literal coarse column; ``PER``, ``LOC``, ``ORG`` kept, ``HumanProd`` (a newspaper, a work) → OTH; a
  sentence ends at ``EndOfSentence`` (SoNAR) or, where the file has no such marks (NewsEye), at a full
  stop before a capitalised word (:func:`split_stream`); the long s ("Dienſtag") is written "s".
* **Europeana Newspapers** (``ner_europeana/*.bio``, CC0): token and tag per line, no sentence breaks
  (split as above); ``PER``, ``LOC``, ``ORG``.
* **Europarl** (``ner_europarl/*.conll02``, Agerri et al. 2018): ``PER``, ``LOC``, ``ORG``; ``MISC`` → OTH.
* **EHRI** (``ner_ehri/ehri_de.txt``, EUPL-1.2): ``PERS`` → PER; ``LOC``, ``CAMP``, ``GHETTO`` → LOC (a
  camp or ghetto is named like a place: "Theresienstadt"); ``ORG``; ``DATE`` → no entity.

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

    @property
    def corpus(self) -> str:
        """The corpus the example comes from: the part of ``source`` before the first colon."""
        return self.source.partition(":")[0]


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


LEGAL_LABELS = {
    "PER": "PER", "RR": "PER", "AN": "PER",
    "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
    "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG",
}  # fmt: skip
"""Legal entity types → ours; laws and literature (GS, VO, EUN, VS, VT, RS, LIT) are no entities."""

HIPE_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "HUMANPROD": "OTH"}
EUROPARL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "OTH"}
EUROPEANA_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
EHRI_LABELS = {"PERS": "PER", "LOC": "LOC", "CAMP": "LOC", "GHETTO": "LOC", "ORG": "ORG"}


def map_tag(tag: str, mapping: dict[str, str]) -> str:
    """A corpus tag (``B-RR``, ``I-HumanProd``) mapped to ours (``B-PER``, ``I-OTH``) or ``O``.

    >>> map_tag("B-RR", LEGAL_LABELS), map_tag("I-GS", LEGAL_LABELS), map_tag("B-HumanProd", HIPE_LABELS)
    ('B-PER', 'O', 'B-OTH')
    """
    prefix, _, kind = tag.strip().partition("-")
    label = mapping.get(kind.upper())
    return f"{prefix}-{label}" if label and prefix in ("B", "I") else "O"


def _capitalised(text: str, entities: Iterable[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """The spans that start with a letter that is not lower case (names, not "rumänischer")."""
    return tuple((s, e, label) for s, e, label in entities if not text[s].islower())


def _example(tokens: list[str], tags: list[str], source: str) -> Example:
    text, spans = join_tokens(tokens)
    return Example(text, _capitalised(text, bio_spans(tags, spans)), source)


def _open(path: Path, what: str) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the {what} file: {exc}") from exc


def read_conll_columns(path: Path, corpus: str, mapping: dict[str, str]) -> Iterator[Example]:
    """Sentences of a file with a token and its tag (last column) per line and a blank line between
    sentences (the legal decisions, Europarl, EHRI). A line with a single cell is an error."""
    tokens: list[str] = []
    tags: list[str] = []
    number = 0
    for line_no, line in enumerate([*_open(path, corpus), ""], 1):
        cells = line.split()
        if not cells:
            if tokens:
                yield _example(tokens, tags, f"{corpus}:{path.stem}:{number}")
                number += 1
            tokens, tags = [], []
            continue
        if len(cells) < 2:
            raise InputError(f"{path}:{line_no}", "expected a token and its tag (separated by white space)")
        tokens.append(cells[0])
        tags.append(map_tag(cells[-1], mapping))


def split_stream(
    tokens: list[str], tags: list[str], longest: int = 60
) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of a token stream without sentence breaks: a break after ".", "!" or "?" before a
    capitalised word ("… ab . Der …"), never inside a name, and at the latest after ``longest`` tokens
    outside a name."""
    start = 0
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        inside = i + 1 < len(tags) and tags[i + 1].startswith("I-")
        if inside or i + 1 == len(tokens):
            continue
        at_end = token in (".", "!", "?") and following[:1].isupper()
        if at_end or i + 1 - start >= longest:
            yield tokens[start : i + 1], tags[start : i + 1]
            start = i + 1
    if start < len(tokens):
        yield tokens[start:], tags[start:]


def read_bio_stream(path: Path, corpus: str = "europeana") -> Iterator[Example]:
    """Sentences of a token-per-line BIO file without sentence breaks (Europeana Newspapers)."""
    tokens: list[str] = []
    tags: list[str] = []
    for line_no, line in enumerate(_open(path, corpus), 1):
        cells = line.split()
        if not cells:
            continue
        if len(cells) < 2:
            raise InputError(f"{path}:{line_no}", "expected a token and its tag (separated by white space)")
        tokens.append(cells[0])
        tags.append(map_tag(cells[-1], EUROPEANA_LABELS))
    for number, (words, labels) in enumerate(split_stream(tokens, tags)):
        yield _example(words, labels, f"{corpus}:{path.stem}:{number}")


def read_hipe(path: Path, corpus: str = "hipe") -> Iterator[Example]:
    """Sentences of a HIPE 2022 TSV file (the literal coarse tags; see the module docstring)."""
    lines = _open(path, corpus)
    if not lines or not lines[0].startswith("TOKEN\t"):
        raise InputError(str(path), "expected a HIPE TSV file whose first line names the columns (TOKEN …)")
    columns = lines[0].split("\t")
    try:
        tag_column, misc_column = columns.index("NE-COARSE-LIT"), columns.index("MISC")
    except ValueError as exc:
        raise InputError(str(path), "the HIPE file has no NE-COARSE-LIT or MISC column") from exc
    documents: list[tuple[list[str], list[str], list[bool]]] = [([], [], [])]
    for line_no, line in enumerate(lines[1:], 2):
        if line.startswith("# hipe2022:document_id"):
            documents.append(([], [], []))
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) <= max(tag_column, misc_column):
            raise InputError(f"{path}:{line_no}", f"expected {len(columns)} tab-separated columns")
        tokens, tags, ends = documents[-1]
        tokens.append(cells[0].replace("ſ", "s"))
        tags.append(map_tag(cells[tag_column], HIPE_LABELS))
        ends.append("EndOfSentence" in cells[misc_column])
    number = 0
    for tokens, tags, ends in documents:
        if any(ends):
            pieces: list[tuple[list[str], list[str]]] = []
            start = 0
            for i, end in enumerate(ends):
                if end or i + 1 == len(ends):
                    pieces.append((tokens[start : i + 1], tags[start : i + 1]))
                    start = i + 1
        else:
            pieces = list(split_stream(tokens, tags))
        for words, labels in pieces:
            if words:
                yield _example(words, labels, f"{corpus}:{path.stem}:{number}")
                number += 1


def read_legal(folder: Path) -> Iterator[Example]:
    """Sentences of every court's file in ``ner_legal/`` (source ``legal:<court>:<n>``)."""
    files = sorted(folder.glob("*.conll"))
    if not files:
        raise InputError(str(folder), "no *.conll files of the legal NER corpus here")
    for path in files:
        yield from read_conll_columns(path, "legal", LEGAL_LABELS)


def read_historical(data: Path) -> Iterator[Example]:
    """Sentences of the historical newspapers: HIPE NewsEye and SoNAR (``hipe``) and Europeana
    (``europeana``)."""
    for path in sorted((data / "ner_newseye_sonar").glob("*.tsv")):
        yield from read_hipe(path)
    for path in sorted((data / "ner_europeana").glob("*.bio")):
        yield from read_bio_stream(path)


def read_europarl(data: Path) -> Iterator[Example]:
    """Sentences of the Europarl NER test file (source ``europarl:<n>``)."""
    for example in read_conll_columns(
        data / "ner_europarl" / "de-europarl.test.conll02", "europarl", EUROPARL_LABELS
    ):
        yield Example(example.text, example.entities, "europarl:" + example.source.rsplit(":", 1)[1])


def europarl_split(data: Path) -> tuple[list[Example], list[Example]]:
    """Europarl split into (training, held-out): half of it (by hash) is kept back as the
    cross-domain check, never trained on or looked at for choices."""
    train: list[Example] = []
    held_out: list[Example] = []
    for example in read_europarl(data):
        (held_out if is_held_out(example, 0.5, seed="lagebild-ner-europarl") else train).append(example)
    return train, held_out


def read_ehri(data: Path) -> Iterator[Example]:
    """Sentences of EHRI-NER German (EUPL-1.2: kept out of the shipped model)."""
    yield from read_conll_columns(data / "ner_ehri" / "ehri_de.txt", "ehri", EHRI_LABELS)
