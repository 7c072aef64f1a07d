"""Parses written by hand for tests: a spaCy Doc from rows (word, UPOS, head index, relation, lemma,
morphology); the root points at itself."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

Row = tuple[str, str, int, str, str, str]
VOCAB = Vocab()


def hand_built(rows: list[Row], spaces: list[bool] | None = None, vocab: Vocab | None = None) -> Doc:
    """A Doc with the parse of ``rows``; a space after every word but before a comma or full stop
    unless ``spaces`` says otherwise."""
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = [i + 1 < len(rows) and rows[i + 1][0] not in ",." for i in range(len(rows))]
    return Doc(
        vocab or VOCAB,
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        morphs=[r[5] for r in rows],
    )
