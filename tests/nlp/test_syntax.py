"""The accessors of the parse on hand-built German sentences (invented; parses written by hand, some of
them with the errors a statistical parser makes, to show what German grammar repairs)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from lagebild.nlp.syntax import appositions, arguments, clause_of, conjuncts, noun_phrase, verb_complex
from tests.nlp.hand_built import Row, hand_built


def build(rows: list[Row]) -> Doc:
    """rows: (word, UPOS, head index, relation, lemma, morphology); the root points at itself."""
    return hand_built(rows)


# "Demnach" taken for a subject and two conjuncts attached as obl, as an untuned parser does
LIST_PASSIVE = build([
    ("Demnach", "ADV", 14, "nsubj", "demnach", ""),
    ("wurden", "AUX", 14, "aux:pass", "werden", "VerbForm=Fin"),
    ("11", "NUM", 3, "nummod", "11", ""),
    ("Milizionäre", "NOUN", 14, "obl", "Milizionär", "Case=Nom|Number=Plur"),
    (",", "PUNCT", 7, "punct", ",", ""),
    ("mindestens", "ADV", 6, "advmod", "mindestens", ""),
    ("fünf", "NUM", 7, "nummod", "fünf", ""),
    ("Zivilisten", "NOUN", 14, "obl", "Zivilist", "Case=Nom|Number=Plur"),
    (",", "PUNCT", 10, "punct", ",", ""),
    ("sechs", "NUM", 10, "nummod", "sechs", ""),
    ("Polizisten", "NOUN", 14, "nsubj:pass", "Polizist", "Case=Nom|Number=Plur"),
    ("und", "CCONJ", 13, "cc", "und", ""),
    ("ein", "DET", 13, "det", "ein", ""),
    ("Journalist", "NOUN", 10, "conj", "Journalist", "Case=Nom|Number=Sing"),
    ("getötet", "VERB", 14, "ROOT", "töten", "VerbForm=Part"),
    (".", "PUNCT", 14, "punct", ".", ""),
])  # fmt: skip


def texts(tokens: list) -> list[str]:  # type: ignore[type-arg]
    return [t.text for t in tokens]


def test_every_conjunct_of_a_listed_argument() -> None:
    subject = arguments(LIST_PASSIVE[14]).subject
    assert subject is not None and subject.text == "Polizisten"
    assert texts(conjuncts(subject)) == ["Milizionäre", "Zivilisten", "Polizisten", "Journalist"]


def test_a_conjunct_gives_the_same_list() -> None:
    assert texts(conjuncts(LIST_PASSIVE[3])) == ["Milizionäre", "Zivilisten", "Polizisten", "Journalist"]


def test_noun_phrase_takes_the_qualified_numeral() -> None:
    lo, hi = noun_phrase(LIST_PASSIVE[7])
    assert LIST_PASSIVE[lo:hi].text == "mindestens fünf Zivilisten"
    lo, hi = noun_phrase(LIST_PASSIVE[13])
    assert LIST_PASSIVE[lo:hi].text == "ein Journalist"


def test_passive_verb_complex() -> None:
    complex_ = verb_complex(LIST_PASSIVE[14])
    assert complex_.passive
    assert complex_.finite is not None and complex_.finite.text == "wurden"
    assert complex_.lemma == "töten"


SEPARABLE = build([
    ("Die", "DET", 1, "det", "der", ""),
    ("Polizei", "NOUN", 2, "nsubj", "Polizei", "Case=Nom"),
    ("nahm", "VERB", 2, "ROOT", "nehmen", "VerbForm=Fin"),
    ("zwei", "NUM", 4, "nummod", "zwei", ""),
    ("Männer", "NOUN", 2, "obj", "Mann", "Case=Acc"),
    ("fest", "ADP", 2, "compound:prt", "fest", ""),
    (".", "PUNCT", 2, "punct", ".", ""),
])  # fmt: skip


def test_separable_particle_and_active_voice() -> None:
    complex_ = verb_complex(SEPARABLE[2])
    assert complex_.lemma == "festnehmen"
    assert not complex_.passive
    args = arguments(SEPARABLE[2])
    assert args.subject is not None and args.subject.text == "Polizei"
    assert args.object is not None and args.object.text == "Männer"


SUBORDINATE = build([
    ("Die", "DET", 1, "det", "der", ""),
    ("Armee", "NOUN", 2, "nsubj", "Armee", ""),
    ("teilte", "VERB", 2, "ROOT", "teilen", "VerbForm=Fin"),
    ("mit", "ADP", 2, "compound:prt", "mit", ""),
    (",", "PUNCT", 8, "punct", ",", ""),
    ("dass", "SCONJ", 8, "mark", "dass", ""),
    ("drei", "NUM", 7, "nummod", "drei", ""),
    ("Soldaten", "NOUN", 8, "nsubj", "Soldat", ""),
    ("starben", "VERB", 2, "ccomp", "sterben", "VerbForm=Fin"),
    (".", "PUNCT", 2, "punct", ".", ""),
])  # fmt: skip


def test_clause_of_a_token() -> None:
    predicate, main = clause_of(SUBORDINATE[7])
    assert predicate.text == "starben" and not main
    predicate, main = clause_of(SUBORDINATE[1])
    assert predicate.text == "teilte" and main
    assert verb_complex(SUBORDINATE[2]).lemma == "mitteilen"


APPOSITION = build([
    ("Der", "DET", 1, "det", "der", ""),
    ("Sprecher", "NOUN", 7, "nsubj", "Sprecher", ""),
    ("der", "DET", 3, "det", "der", ""),
    ("Zivilschützer", "NOUN", 1, "nmod", "Zivilschützer", "Case=Gen"),
    (",", "PUNCT", 5, "punct", ",", ""),
    ("Ahmad", "PROPN", 1, "appos", "Ahmad", ""),
    ("Karimi", "PROPN", 5, "flat:name", "Karimi", ""),
    ("sagte", "VERB", 7, "ROOT", "sagen", "VerbForm=Fin"),
    (".", "PUNCT", 7, "punct", ".", ""),
])  # fmt: skip


def test_apposition_and_genitive_attribute() -> None:
    assert texts(appositions(APPOSITION[1])) == ["Ahmad"]
    lo, hi = noun_phrase(APPOSITION[1])
    assert APPOSITION[lo:hi].text == "Der Sprecher der Zivilschützer"
    lo, hi = noun_phrase(APPOSITION[5])
    assert APPOSITION[lo:hi].text == "Ahmad Karimi"


NO_LIST = build([
    ("In", "ADP", 1, "case", "in", ""),
    ("Kabul", "PROPN", 6, "obl", "Kabul", ""),
    (",", "PUNCT", 4, "punct", ",", ""),
    ("der", "DET", 4, "det", "der", ""),
    ("Hauptstadt", "NOUN", 1, "appos", "Hauptstadt", ""),
    (",", "PUNCT", 4, "punct", ",", ""),
    ("starben", "VERB", 6, "ROOT", "sterben", "VerbForm=Fin"),
    ("zwei", "NUM", 8, "nummod", "zwei", ""),
    ("Menschen", "NOUN", 6, "nsubj", "Mensch", ""),
    (".", "PUNCT", 6, "punct", ".", ""),
])  # fmt: skip


@pytest.mark.parametrize("index", [1, 8])
def test_commas_without_a_coordinator_make_no_list(index: int) -> None:
    assert texts(conjuncts(NO_LIST[index])) == [NO_LIST[index].text]
