"""The extent of a speaker phrase in the parse (:func:`phrase_extent`), on hand-built German sentences
(invented; parses written by hand)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from lagebild.nlp.syntax import phrase_extent

VOCAB = Vocab()


def build(rows: list[tuple[str, str, int, str]]) -> Doc:
    """rows: (word, UPOS, head index, relation); the root points at itself."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in ",." for i in range(len(rows))]
    return Doc(VOCAB, words=words, spaces=spaces, pos=[r[1] for r in rows], heads=[r[2] for r in rows],
               deps=[r[3] for r in rows])  # fmt: skip


def extent(doc: Doc, head: int) -> str:
    lo, hi = phrase_extent(doc[head])
    return doc[lo:hi].text


def test_apposition_and_genitive_attribute_belong_to_the_phrase() -> None:
    doc = build([
        ("Der", "DET", 1, "det"),
        ("Sprecher", "NOUN", 7, "nsubj"),
        ("der", "DET", 3, "det"),
        ("Zivilschützer", "NOUN", 1, "nmod"),
        (",", "PUNCT", 5, "punct"),
        ("Ahmad", "PROPN", 1, "appos"),
        ("Hamid", "PROPN", 5, "flat"),
        (",", "PUNCT", 5, "punct"),
        ("sagte", "VERB", 7, "ROOT"),
        (".", "PUNCT", 7, "punct"),
    ])  # fmt: skip
    # the comma after the apposition is the head's here; it still ends no phrase
    doc[7].head = doc[8]
    assert extent(doc, 1) == "Der Sprecher der Zivilschützer, Ahmad Hamid"


def test_relative_clause_stays_outside_and_a_prepositional_attribute_inside() -> None:
    doc = build([
        ("Der", "DET", 1, "det"),
        ("Bürgermeister", "NOUN", 10, "nsubj"),
        ("von", "ADP", 3, "case"),
        ("Ulm", "PROPN", 1, "nmod"),
        (",", "PUNCT", 8, "punct"),
        ("der", "PRON", 8, "nsubj"),
        ("am", "ADP", 7, "case"),
        ("Morgen", "NOUN", 8, "obl"),
        ("kam", "VERB", 1, "acl:relcl"),
        (",", "PUNCT", 8, "punct"),
        ("sagte", "VERB", 10, "ROOT"),
        (".", "PUNCT", 10, "punct"),
    ])  # fmt: skip
    assert extent(doc, 1) == "Der Bürgermeister von Ulm"


def test_coordinated_subjects_form_one_phrase_and_an_agent_loses_its_preposition() -> None:
    doc = build([
        ("Von", "ADP", 2, "case"),
        ("der", "DET", 2, "det"),
        ("Polizei", "NOUN", 9, "obl:agent"),
        ("und", "CCONJ", 5, "cc"),
        ("der", "DET", 5, "det"),
        ("Feuerwehr", "NOUN", 2, "conj"),
        ("wurde", "AUX", 9, "aux:pass"),
        ("auch", "ADV", 9, "advmod"),
        ("nichts", "PRON", 9, "nsubj:pass"),
        ("mitgeteilt", "VERB", 9, "ROOT"),
        (".", "PUNCT", 9, "punct"),
    ])  # fmt: skip
    assert extent(doc, 2) == "der Polizei und der Feuerwehr"
    assert extent(doc, 5) == "der Polizei und der Feuerwehr"
