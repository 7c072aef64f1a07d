"""The shipped German tagger and parser, its CoNLL-U reader and the scoring of ``lagebild eval-parser``."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import InputError, ModelNotFoundError
from lagebild.evaluate.parser import left_neighbour_baseline, score
from lagebild.nlp.parser import contraction_lemma, lemma_of, load_model, load_parser, parse_doc, parse_words
from lagebild.nlp.tokens import make_doc, split_sentences
from lagebild.training.parser_train import Word, harmonise_features, harmonise_relation, parse_conllu

# Invented sentences, written for these tests (CoNLL-U columns: id, form, lemma, UPOS, XPOS, feats,
# head, relation, deps, misc).
GOLD = """# sent_id = a
1\tDrei\tdrei\tNUM\tCARD\tNumType=Card\t2\tnummod\t_\t_
2\tSoldaten\tSoldat\tNOUN\tNN\tCase=Nom|Gender=Masc|Number=Plur\t4\tnsubj:pass\t_\t_
3\twurden\twerden\tAUX\tVAFIN\tMood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_
4\tgetötet\ttöten\tVERB\tVVPP\tVerbForm=Part\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t$.\t_\t4\tpunct\t_\t_

# sent_id = b
1-2\tam\t_\t_\t_\t_\t_\t_\t_\t_
1\tan\tan\tADP\tAPPR\t_\t3\tcase\t_\t_
2\tdem\tder\tDET\tART\tCase=Dat|Gender=Masc|Number=Sing\t3\tdet\t_\t_
3\tMontag\tMontag\tNOUN\tNN\tCase=Dat|Gender=Masc|Number=Sing\t4\tobl\t_\t_
4\tstarb\tsterben\tVERB\tVVFIN\tMood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
5\tein\tein\tDET\tART\tCase=Nom|Gender=Masc|Number=Sing\t6\tdet\t_\t_
6\tMann\tMann\tNOUN\tNN\tCase=Nom|Gender=Masc|Number=Sing\t4\tnsubj\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t$.\t_\t4\tpunct\t_\t_
"""

# The same tokens analysed by an imagined system: sentence a all right except the lemma of "wurden"
# and the Case of "Soldaten"; in sentence b "am" hangs on the verb (obl) and "Mann" is read as obj.
PREDICTED = """# sent_id = a
1\tDrei\tdrei\tNUM\tCARD\tNumType=Card\t2\tnummod\t_\t_
2\tSoldaten\tSoldat\tNOUN\tNN\tCase=Acc|Gender=Masc|Number=Plur\t4\tnsubj:pass\t_\t_
3\twurden\twurden\tAUX\tVAFIN\t_\t4\taux:pass\t_\t_
4\tgetötet\ttöten\tVERB\tVVPP\tVerbForm=Part\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t$.\t_\t4\tpunct\t_\t_

# sent_id = b
1\tam\tan\tADP\tAPPRART\tCase=Dat\t3\tobl\t_\t_
2\tMontag\tMontag\tNOUN\tNN\tCase=Dat\t3\tobl\t_\t_
3\tstarb\tsterben\tVERB\tVVFIN\t_\t0\troot\t_\t_
4\tein\tein\tDET\tART\tCase=Nom\t5\tdet\t_\t_
5\tMann\tMann\tNOUN\tNN\tCase=Nom\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t$.\t_\t3\tpunct\t_\t_
"""


def test_contraction_is_one_token_with_the_preposition_relation_and_the_article_features() -> None:
    sentence = parse_conllu(GOLD)[1]
    am = sentence.words[0]
    assert [w.form for w in sentence.words] == ["am", "Montag", "starb", "ein", "Mann", "."]
    assert (am.lemma, am.upos, am.xpos, am.head, am.deprel) == ("an", "ADP", "APPRART", 2, "case")
    assert "Case=Dat" in am.feats
    assert sentence.words[1].head == 3  # Montag → starb, renumbered after the merge


def test_relative_clause_acl_becomes_acl_relcl_and_pud_subtypes_are_mapped() -> None:
    text = """1\tder\tder\tDET\tART\t_\t2\tdet\t_\t_
2\tMann\tMann\tNOUN\tNN\t_\t0\troot\t_\t_
3\tden\tder\tPRON\tPRELS\tPronType=Rel\t5\tobj\t_\t_
4\tsie\tsie\tPRON\tPPER\t_\t5\tnsubj\t_\t_
5\tsahen\tsehen\tVERB\tVVFIN\t_\t2\tacl\t_\t_
6\tKarl\tKarl\tPROPN\tNE\t_\t5\tobl:tmod\t_\t_
7\tMay\tMay\tPROPN\tNE\t_\t6\tflat:name\t_\t_
"""
    words = harmonise_relation(list(parse_conllu(text)[0].words))
    assert [w.deprel for w in words][4:] == ["acl:relcl", "obl", "flat"]


def test_bad_conllu_line_is_a_named_error() -> None:
    with pytest.raises(InputError, match="10 tab-separated columns"):
        parse_conllu("1\tDrei\tdrei\n")
    with pytest.raises(InputError, match="numbered"):
        parse_conllu("x\tDrei\tdrei\tNUM\tCARD\t_\t0\troot\t_\t_\n")
    with pytest.raises(InputError, match="numbered"):
        parse_conllu("2\tDrei\tdrei\tNUM\tCARD\t_\t0\troot\t_\t_\n")


def test_scores_on_hand_built_conllu() -> None:
    gold, predicted = parse_conllu(GOLD), parse_conllu(PREDICTED)
    scores = score(gold, predicted)
    assert scores.tokens == 11
    assert scores.upos_accuracy == pytest.approx(11 / 11)
    # Case in gold: Soldaten, am (from "dem"), Montag, ein, Mann; Soldaten is wrong
    assert scores.case_gold == 5
    assert scores.case_accuracy == pytest.approx(4 / 5)
    assert scores.lemma_accuracy == pytest.approx(10 / 11)
    # heads: a all 5 right; b: "am" on the verb instead of the noun, the rest right
    assert scores.uas == pytest.approx(10 / 11)
    # labels: b "am" wrong head, "Mann" obj instead of nsubj
    assert scores.las == pytest.approx(9 / 11)
    assert scores.relation("nsubj") == {"recall": 0.0, "precision": 0.0, "f1": 0.0, "gold": 1}
    assert scores.relation("nsubj:pass")["recall"] == 1.0
    obl = scores.relation("obl")
    assert (obl["recall"], obl["precision"], obl["gold"]) == (1.0, 0.5, 1)
    assert obl["f1"] == pytest.approx(2 / 3)
    assert scores.relation("obj") == {"recall": 0.0, "precision": 0.0, "f1": 0.0, "gold": 0}


def test_left_neighbour_baseline_scores() -> None:
    gold = parse_conllu(GOLD)
    baseline = left_neighbour_baseline(gold)
    assert [w.head for w in baseline[0].words] == [0, 1, 2, 3, 4]
    assert baseline[0].words[0].deprel == "root"
    # relations other than root: punct twice, every other once → punct
    assert {w.deprel for w in baseline[0].words[1:]} == {"punct"}
    scores = score(gold, baseline)
    # only the final "." of sentence a hangs on its left neighbour in gold (getötet), as punct
    assert scores.uas == pytest.approx(1 / 11)
    assert scores.las == pytest.approx(1 / 11)
    # forms equal to lemmas: ".", "Montag", "ein", "Mann", "."
    assert scores.lemma_accuracy == pytest.approx(5 / 11)
    # most frequent UPOS is NOUN (Soldaten, Montag, Mann); most frequent Case Nom (3 of 5)
    assert scores.upos_accuracy == pytest.approx(3 / 11)
    assert scores.case_accuracy == pytest.approx(3 / 5)
    assert scores.relation("punct")["recall"] == pytest.approx(1 / 2)


def test_model_loads_with_every_pipe() -> None:
    nlp = load_parser()
    assert {"tagger", "morphologizer", "lemmatizer", "parser"} <= set(nlp.pipe_names)


def test_missing_model_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="make train-parser"):
        load_model(tmp_path)
    (tmp_path / "config.cfg").write_text("[nlp]\nlang = \n", encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="cannot be loaded"):
        load_model(tmp_path)


def test_passive_subject_of_the_participle() -> None:
    doc = parse_words(["Drei", "Soldaten", "wurden", "getötet", "."], [True, True, True, False, False])
    soldaten, wurden, getoetet = doc[1], doc[2], doc[3]
    assert (soldaten.dep_, soldaten.head.i) == ("nsubj:pass", getoetet.i)
    assert (wurden.dep_, wurden.head.i) == ("aux:pass", getoetet.i)
    assert getoetet.dep_ == "ROOT"
    assert soldaten.morph.get("Case") == ["Nom"]
    assert (soldaten.lemma_, wurden.lemma_, soldaten.tag_) == ("Soldat", "werden", "NN")


def test_active_clause_with_separable_particle() -> None:
    words = ["Die", "Polizei", "nahm", "den", "Mann", "am", "Montag", "fest", "."]
    doc = parse_words(words, [True] * 7 + [False, False])
    assert (doc[1].dep_, doc[1].head.text) == ("nsubj", "nahm")
    assert (doc[4].dep_, doc[4].head.text) == ("obj", "nahm")
    assert (doc[7].dep_, doc[7].head.text) == ("compound:prt", "nahm")
    assert doc[5].lemma_ == "an" and doc[5].tag_ == "APPRART"


def test_parse_doc_keeps_tokens_offsets_and_sentences() -> None:
    text = "Bei dem Angriff starben z.B. zwei Menschen.  Die Armee meldete am Abend neue Kämpfe."
    original = make_doc(text)
    parsed = parse_doc(original, split_sentences(text))
    assert [(t.text, t.idx, t.whitespace_) for t in parsed] == [(t.text, t.idx, t.whitespace_) for t in original]
    assert parsed.text == text
    assert [s.text.strip() for s in parsed.sents] == [text[s:e] for s, e in split_sentences(text)]
    assert all(t.head.sent.start == t.sent.start for t in parsed)


def test_parse_words_needs_one_flag_per_word() -> None:
    with pytest.raises(ValueError, match="one of each per word"):
        parse_words(["Drei", "Soldaten"], [True])


def test_contraction_lemmas() -> None:
    assert [contraction_lemma(w) for w in ("am", "Zur", "beim", "aufs")] == ["an", "zu", "bei", "auf"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # PUD: no VerbForm, Penn verb tags; a passive auxiliary gets Voice=Pass in both treebanks
        (Word("getötet", "töten", "VERB", "VBN", "_", 0, "root", False), "VerbForm=Part"),
        (Word("wurden", "werden", "AUX", "VBC", "Mood=Ind|Tense=Past", 3, "aux:pass", True),
         "Mood=Ind|Tense=Past|VerbForm=Fin|Voice=Pass"),
        # features the two treebanks give to different words are left out
        (Word("ein", "ein", "DET", "DT", "Case=Nom|NumType=Card|PronType=Art", 2, "det", True),
         "Case=Nom|PronType=Art"),
    ],
)
def test_features_are_harmonised_across_treebanks(word: Word, expected: str) -> None:
    assert harmonise_features(word) == expected


@pytest.mark.parametrize(
    ("word", "tag", "pos", "initial", "expected"),
    [
        ("verletzten", "ADJA", "ADJ", False, "verletzt"),  # participle adjective, not "verletzen"
        ("angebotene", "ADJA", "ADJ", False, "angeboten"),
        ("großen", "ADJA", "ADJ", False, "groß"),
        ("Soldaten", "NN", "NOUN", False, "Soldat"),
        ("Dadurch", "PAV", "ADV", True, "dadurch"),
        ("Kowalczyk", "ADJD", "ADJ", False, "Kowalczyk"),  # unknown word mistagged: spelling kept
        ("beim", "APPRART", "ADP", False, "bei"),
        ("17", "CARD", "NUM", False, "17"),
        ("Drei", "CARD", "NUM", True, "drei"),
        ("III", "CARD", "NUM", False, "III"),
        ("erschoss", "VVFIN", "VERB", False, "erschießen"),  # the standard "ß", not the dictionary's "ss"
        ("beschoss", "VVFIN", "VERB", False, "beschießen"),
    ],
)
def test_lemma_rules(word: str, tag: str, pos: str, initial: bool, expected: str) -> None:
    assert lemma_of(word, tag, pos, initial) == expected


def test_eval_parser_command_json(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from lagebild.evaluate.parser import eval_parser

    conllu = tmp_path / "gold.conllu"
    conllu.write_text(GOLD, encoding="utf-8")
    result = CliRunner().invoke(eval_parser, ["--conllu", str(conllu), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["sentences"] == 2 and figures["model"]["tokens"] == 11
    assert figures["baseline"]["uas"] == round(1 / 11, 4)
    assert 0.0 <= figures["model"]["las"] <= 1.0 and figures["words_per_second"] > 0
    assert set(figures["model"]["relations"]) == {"nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "conj", "appos"}


def test_eval_parser_names_a_missing_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lagebild.evaluate.parser import eval_parser

    result = CliRunner().invoke(eval_parser, ["--conllu", str(tmp_path / "none.conllu")])
    assert isinstance(result.exception, InputError)


def test_analysis_norms_name_the_class_the_model_reads() -> None:
    from lagebild.nlp.parser import analysis_norm

    assert analysis_norm("31-Jähriger") == "mann"
    assert analysis_norm("28-Jährigen") == "mann"
    assert analysis_norm("dreißig") == "vier"
    assert analysis_norm("Siebzehn") == "vier"
    assert analysis_norm("eine") is None  # the article, not the number
    assert analysis_norm("45-jährige") is None
    assert analysis_norm("Haus") is None


def test_spelled_numbers_with_sharp_s_are_numbers() -> None:
    from lagebild.extract.times.numbers import parse_number

    assert parse_number("dreißig") == 30
    assert parse_number("Einunddreißig") == 31
