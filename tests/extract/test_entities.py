"""The entities stage: shipped model, BILUO decoding, gazetteer, provenance. Sentences are invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.errors import ModelError
from lagebild.extract.entities import (
    country_names,
    decode_biluo,
    join_adjacent,
    load_model,
    major_places,
    merge_spans,
    organisation_names,
    relabel_places,
    shipped_model_path,
)
from lagebild.extract.entities.crf import WordClasses, sequence_features, shape, word_clusters
from lagebild.model import Article
from lagebild.pipeline import Pipeline

# Invented sentences: a person, an organisation, a city, a country.
INVENTED = [
    (
        "Der Bürgermeister Karl Brenninger sprach am Montag in Hamburg mit Journalisten.",
        "Karl Brenninger",
        "PER",
    ),
    ("Die Vereinten Nationen forderten eine sofortige Waffenruhe.", "Vereinten Nationen", "ORG"),
    ("Die Polizei in Frankfurt nahm zwei Verdächtige fest.", "Frankfurt", "LOC"),
    ("Nach Angaben der Bundeswehr wurden drei Soldaten verletzt.", "Bundeswehr", "ORG"),
    ("Angela Körber, Sprecherin des Roten Kreuzes, bestätigte die Zahl.", "Angela Körber", "PER"),
]


@pytest.fixture(scope="module")
def entities_pipeline() -> Pipeline:
    return Pipeline(stages=("tokens.v1", "entities.v1"))


def test_shipped_model_loads_from_package_data() -> None:
    path = shipped_model_path()
    assert (path / "crf.model").is_file()
    ner = load_model()
    assert ner.kind == "crf"
    labels = set(ner.crf.tagger.labels())
    assert {"B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-OTH", "I-OTH", "O"} <= labels


@pytest.mark.parametrize(
    ("word", "lexical_class"),
    [
        ("Schokolade", "N"),  # a common noun
        ("Bomben", "Ni"),  # an inflected form of a known noun
        ("Generalleutnant", "Nh"),  # a compound whose head is a known noun
        ("Waffenstillstandsverhandlungen", "Nh"),
        ("Hamburg", "E"),  # a name
        ("Die", "F"),  # a function word at the start of a sentence
        ("syrischen", "l"),  # lower case
        ("Xqzvrt", "U"),  # unknown
    ],
)
def test_lexical_class_of_words(word: str, lexical_class: str) -> None:
    assert WordClasses().features(word)[2] == lexical_class


def test_sequence_features_see_neighbours() -> None:
    words = ["Der", "Generalleutnant", "Karl", "Brenninger", "sagte", "."]
    features = sequence_features(words, WordClasses())
    assert len(features) == len(words)
    assert "lx=Nh" in features[1] and "lx+1=E" in features[1] and "w-1=der" in features[1]
    assert "first=T" in features[0] and "first=F" in features[1]
    assert any(f.startswith("gz=") and "g" in f for f in features[2])  # Karl: a given name (and a place)


def test_word_classes_group_names_and_reach_capitalised_names_only() -> None:
    clusters = word_clusters()
    assert len(clusters) > 10_000
    assert clusters["merkel"] == clusters["seehofer"]  # politicians' names share a class
    assert clusters["berlin"][1] == clusters["frankfurt"][1]  # so do German cities
    assert clusters["berlin"][1] != clusters["merkel"][1]
    classes = WordClasses()
    features = sequence_features(["Seehofer", "sagte", "in", "Berlin", "."], classes)
    assert "c2=" + clusters["seehofer"][1] in features[0]
    assert not any(f.startswith("c2=") for f in features[1])  # lower case: no class feature
    assert "c2=-" in sequence_features(["Xqzvrt"], classes)[0]  # a rare capitalised word: no class known


def test_place_flag_covers_small_towns_but_not_common_words() -> None:
    classes = WordClasses()
    assert classes.features("Backnang")[3] == "q"  # a town under 100,000: no major place
    assert classes.features("Aleppo")[3] == "pq"
    assert classes.features("Brenninger")[3] == "-"
    assert classes.features("Schokolade")[3] == "-"


def test_decoder_equals_crfsuite_on_invented_sentences() -> None:
    """The NumPy Viterbi over cached per-word scores tags exactly as CRFsuite does."""
    from lagebild.nlp.tokens import make_doc

    crf = load_model().crf
    sentences = [[token.text for token in make_doc(text)] for text, _, _ in INVENTED]
    sentences += [
        ["Peter"],
        ["Er", "kam", "."],
        ["In", "Syrien", "und", "im", "Irak", "gingen", "Kämpfe", "weiter", "."],
    ]
    assert crf.tag_sentences(sentences) == [crf.tag_crfsuite(words) for words in sentences]
    assert crf.tag_sentences([[], ["Kiel"]])[0] == []


def test_each_sentence_is_tagged_on_its_own(entities_pipeline: Pipeline) -> None:
    text = "Das Treffen fand in Berlin statt. Brenninger sagte, es sei gut gelaufen."
    doc = entities_pipeline(Article(text=text))
    for entity in doc.entities:  # no name runs over the end of a sentence
        assert ". " not in entity.text


def test_shape() -> None:
    assert [shape(w) for w in ("Aleppo", "UN-Botschafter", "2016", "NATO")] == ["Xx", "X-Xx", "d", "X"]


@pytest.mark.parametrize(("text", "name", "label"), INVENTED)
def test_finds_invented_entities(entities_pipeline: Pipeline, text: str, name: str, label: str) -> None:
    doc = entities_pipeline(Article(text=text))
    found = {(e.text, e.label) for e in doc.entities}
    assert (name, label) in found


def test_provenance_on_invented_article(entities_pipeline: Pipeline) -> None:
    text = " ".join(t for t, _, _ in INVENTED) + "\n\nIn Syrien und im Irak gingen die Kämpfe weiter."
    doc = entities_pipeline(Article(text=text, id="invented-1"))
    assert doc.entities
    for entity in doc.entities:
        assert entity.doc_id == "invented-1"
        assert text[entity.start : entity.end] == entity.text
        assert entity.label in ("PER", "ORG", "LOC", "OTH")
    countries = {e.text for e in doc.entities if e.label == "LOC"}
    assert {"Syrien", "Irak"} <= countries


def test_stage_alone_without_tokens_stage() -> None:
    doc = Pipeline(stages=("entities.v1",))(Article(text="Ein Sprecher der NATO in Brüssel widersprach."))
    assert ("Brüssel", "LOC") in {(e.text, e.label) for e in doc.entities}


def test_empty_and_blank_text(entities_pipeline: Pipeline) -> None:
    assert entities_pipeline(Article(text="")).entities == []
    assert entities_pipeline(Article(text="   \n ")).entities == []


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200))
def test_provenance_property(text: str) -> None:
    doc = Pipeline(stages=("tokens.v1", "entities.v1"))(Article(text=text))
    for entity in doc.entities:
        assert text[entity.start : entity.end] == entity.text
        assert 0 <= entity.start < entity.end <= len(text)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PER", "L-PER", "O"], [(0, 2, "PER")]),
        (["U-LOC", "U-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["I-ORG", "L-ORG", "O"], [(0, 2, "ORG")]),  # a classifier's stray I- opens an entity
        (["B-PER", "I-ORG", "L-ORG"], [(0, 1, "PER"), (1, 3, "ORG")]),
        (["B-OTH", "I-OTH"], [(0, 2, "OTH")]),  # left open at the end: kept
        (["O", "O"], []),
    ],
)
def test_decode_biluo(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    offsets = [(i, i + 1) for i in range(len(tags))]
    assert decode_biluo(tags, offsets) == expected


def test_join_adjacent() -> None:
    # "Staffan de" + "Mistura": one person; two places side by side stay two
    assert join_adjacent([(0, 10, "PER"), (11, 18, "PER")]) == [(0, 18, "PER")]
    assert join_adjacent([(0, 6, "LOC"), (7, 12, "LOC")]) == [(0, 6, "LOC"), (7, 12, "LOC")]
    assert join_adjacent([(0, 6, "PER"), (8, 12, "PER")]) == [(0, 6, "PER"), (8, 12, "PER")]


def test_gazetteer_merge() -> None:
    # same span: the dictionary's label wins; a gap is filled
    assert merge_spans([(0, 6, "PER")], [(0, 6, "LOC"), (10, 16, "LOC")]) == [
        (0, 6, "LOC", "gazetteer"),
        (10, 16, "LOC", "gazetteer"),
    ]
    # a model span that runs past a dictionary name is cut back to the name
    assert merge_spans([(0, 28, "ORG")], [(0, 18, "ORG")]) == [(0, 18, "ORG", "gazetteer")]
    # a name inside a longer model span ("Bank of England") stays part of it
    assert merge_spans([(0, 15, "ORG")], [(8, 15, "LOC")]) == [(0, 15, "ORG", "ner")]


def test_gazetteer_names() -> None:
    assert {"Syrien", "Russland", "Libanon", "Syriens", "USA"} <= country_names()
    organisations = organisation_names()
    assert {"Hamas", "Vereinten Nationen"} <= organisations
    assert "syrische Armee" not in organisations and "Separatisten" not in organisations
    assert relabel_places("Aleppos Altstadt", [(0, 7, "PER")]) == [(0, 7, "LOC")] or not major_places()


def test_missing_foreign_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="not installed"):
        load_model("de_no_such_pipeline_xyz")


def test_swap_mentions_keeps_spans_on_the_new_text() -> None:
    from lagebild.training.ner_data import Example, swap_mentions

    examples = [
        Example("Karl Brenninger besuchte Hamburg.", ((0, 15, "PER"), (25, 32, "LOC")), "invented:1"),
        Example("In Kiel sprach Anna Holm.", ((3, 7, "LOC"), (15, 24, "PER")), "invented:2"),
        Example("Es regnete.", (), "invented:3"),
    ]
    copies = swap_mentions(examples, seed=3)
    assert len(copies) == 2
    names = {"PER": {"Karl Brenninger", "Anna Holm"}, "LOC": {"Hamburg", "Kiel"}}
    for copy in copies:
        for start, end, label in copy.entities:
            assert copy.text[start:end] in names[label]


# --- the further NER corpora: readers and label mappings, on invented files -----------------------


def _spans(example: object) -> list[tuple[str, str]]:
    text = example.text  # type: ignore[attr-defined]
    return [(text[s:e], label) for s, e, label in example.entities]  # type: ignore[attr-defined]


def test_legal_reader_maps_fine_types_and_drops_laws(tmp_path: Path) -> None:
    from lagebild.training.ner_data import read_legal

    folder = tmp_path / "ner_legal"
    folder.mkdir()
    (folder / "court.conll").write_text(
        "Richterin O\nMüller B-RR\nam O\nLandgericht B-GRT\nKiel I-GRT\nnach O\n§ B-GS\n823 I-GS\nBGB I-GS\n"
        ". O\n\nDie O\nFirma O\nHolm B-UN\nGmbH I-UN\nin O\nBremen B-ST\n. O\n",
        encoding="utf-8",
    )
    (folder / "other.conll").write_text("Anwalt O\nFranke B-AN\n\r\n", encoding="utf-8")  # CRLF too
    examples = list(read_legal(folder))
    assert [e.corpus for e in examples] == ["legal"] * 3
    assert _spans(examples[0]) == [("Müller", "PER"), ("Landgericht Kiel", "ORG")]  # "§ 823 BGB": no entity
    assert _spans(examples[1]) == [("Holm GmbH", "ORG"), ("Bremen", "LOC")]
    assert _spans(examples[2]) == [("Franke", "PER")]


def test_legal_reader_needs_files_and_two_columns(tmp_path: Path) -> None:
    from lagebild.errors import InputError
    from lagebild.training.ner_data import read_legal

    with pytest.raises(InputError, match="no \\*.conll files"):
        list(read_legal(tmp_path))
    (tmp_path / "bad.conll").write_text("Richterin\n", encoding="utf-8")
    with pytest.raises(InputError, match="token and its tag"):
        list(read_legal(tmp_path))


@pytest.mark.parametrize(
    ("tag", "mapping_name", "expected"),
    [
        ("B-RR", "LEGAL_LABELS", "B-PER"),
        ("I-AN", "LEGAL_LABELS", "I-PER"),
        ("B-LDS", "LEGAL_LABELS", "B-LOC"),
        ("B-STR", "LEGAL_LABELS", "B-LOC"),
        ("B-MRK", "LEGAL_LABELS", "B-ORG"),
        ("B-INN", "LEGAL_LABELS", "B-ORG"),
        ("B-LIT", "LEGAL_LABELS", "O"),
        ("I-VT", "LEGAL_LABELS", "O"),
        ("B-HumanProd", "HIPE_LABELS", "B-OTH"),
        ("B-MISC", "EUROPARL_LABELS", "B-OTH"),
        ("B-CAMP", "EHRI_LABELS", "B-LOC"),
        ("B-DATE", "EHRI_LABELS", "O"),
        ("B-PERS", "EHRI_LABELS", "B-PER"),
        ("O", "LEGAL_LABELS", "O"),
    ],
)
def test_tag_mappings(tag: str, mapping_name: str, expected: str) -> None:
    from lagebild.training import ner_data

    assert ner_data.map_tag(tag, getattr(ner_data, mapping_name)) == expected


HIPE_HEADER = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n"


def _hipe_row(token: str, tag: str = "O", misc: str = "_") -> str:
    return "\t".join([token, tag, "_", "_", "_", "_", "_", "_", "_", misc]) + "\n"


def test_hipe_reader_sentences_labels_and_long_s(tmp_path: Path) -> None:
    from lagebild.training.ner_data import read_hipe

    path = tmp_path / "hipe-de.tsv"
    path.write_text(
        HIPE_HEADER
        + "# hipe2022:document_id = a\n"
        + _hipe_row("Am")
        + _hipe_row("Dienſtag")
        + _hipe_row("las")
        + _hipe_row("Herr")
        + _hipe_row("Klee", "B-PER")
        + _hipe_row("die")
        + _hipe_row("Neue", "B-HumanProd")
        + _hipe_row("Zeitung", "I-HumanProd")
        + _hipe_row(".", misc="EndOfSentence")
        + _hipe_row("In")
        + _hipe_row("Wien", "B-LOC")
        + _hipe_row("regnete")
        + _hipe_row("es")
        + _hipe_row(".", misc="EndOfSentence")
        + "# hipe2022:document_id = b\n"  # a document without sentence marks: split at full stops
        + _hipe_row("Graf")
        + _hipe_row("Holm", "B-PER")
        + _hipe_row("kam")
        + _hipe_row(".")
        + _hipe_row("Der")
        + _hipe_row("Rat", "B-ORG")
        + _hipe_row("tagte"),
        encoding="utf-8",
    )
    examples = list(read_hipe(path))
    assert [e.text for e in examples] == [
        "Am Dienstag las Herr Klee die Neue Zeitung.",
        "In Wien regnete es.",
        "Graf Holm kam.",
        "Der Rat tagte",
    ]
    assert _spans(examples[0]) == [("Klee", "PER"), ("Neue Zeitung", "OTH")]
    assert _spans(examples[3]) == [("Rat", "ORG")]


def test_hipe_reader_wants_its_header(tmp_path: Path) -> None:
    from lagebild.errors import InputError
    from lagebild.training.ner_data import read_hipe

    path = tmp_path / "no-header.tsv"
    path.write_text("Wien\tB-LOC\n", encoding="utf-8")
    with pytest.raises(InputError, match="HIPE TSV"):
        list(read_hipe(path))


def test_stream_reader_splits_at_sentence_ends_but_not_inside_names(tmp_path: Path) -> None:
    from lagebild.training.ner_data import read_bio_stream, split_stream

    path = tmp_path / "enp_DE.x.bio"
    path.write_text(
        "Der O\nKönig B-PER\nkam O\nnach O\nSt B-LOC\n. I-LOC\nPölten I-LOC\n. O\nDort O\nwar O\n"
        "es O\nkalt O\n. O\nviel O\n",
        encoding="utf-8",
    )
    examples = list(read_bio_stream(path))
    assert [e.text for e in examples] == ["Der König kam nach St. Pölten.", "Dort war es kalt. viel"]
    assert _spans(examples[0]) == [("König", "PER"), ("St. Pölten", "LOC")]
    pieces = list(split_stream(["a"] * 7, ["O"] * 7, longest=3))
    assert [len(words) for words, _ in pieces] == [3, 3, 1]


def test_lower_case_spans_are_no_names(tmp_path: Path) -> None:
    from lagebild.training.ner_data import EHRI_LABELS, read_conll_columns

    path = tmp_path / "ehri.txt"
    path.write_text("Einreise O\nrumänischer B-LOC\nBürger O\naus O\nRumänien B-LOC\n", encoding="utf-8")
    (example,) = read_conll_columns(path, "ehri", EHRI_LABELS)
    assert _spans(example) == [("Rumänien", "LOC")]


def test_name_lexicon_flags_and_leaves_each_fold_out() -> None:
    from lagebild.training.ner_data import Example
    from lagebild.training.ner_train import build_name_lexicon, count_names, name_flags

    assert name_flags([0, 0, 2, 0, 0]) == "L"
    assert name_flags([0, 0, 1, 0, 0]) == ""  # once is not enough
    assert name_flags([2, 0, 0, 0, 10]) == ""  # mostly no name
    assert name_flags([3, 3, 0, 0, 0]) == "PO"
    counts = count_names([(["Holm", "kam", "nach", "Kiel"], ["B-PER", "O", "O", "B-LOC"])])
    assert counts == {"holm": [1, 0, 0, 0, 0], "kiel": [0, 0, 1, 0, 0]}  # lower-case words are not counted
    examples = [Example(f"Holm kam {i}", (), f"invented:{i}") for i in range(8)]
    sequences = [(["Holm", "kam", str(i)], ["B-PER", "O", "O"]) for i in range(8)]
    lexicon, without = build_name_lexicon(examples, sequences)
    assert lexicon == {"holm": "P"}
    # a fold that holds every "Holm" but one would leave too few: its sentences do not see the flag
    for changes in without.values():
        assert changes.get("holm", "P") in ("P", "")


def test_name_lexicon_reaches_the_features(tmp_path: Path) -> None:
    from lagebild.extract.entities.crf import read_name_lexicon

    path = tmp_path / "names.tsv"
    path.write_text("# header\nkiel\tL\nholm\tPO\n", encoding="utf-8")
    names = read_name_lexicon(path)
    assert names == {"kiel": "L", "holm": "PO"}
    features = sequence_features(["Holm", "kam", "nach", "Kiel", "."], WordClasses(names))
    assert "nm=PO" in features[0] and "nm+1=L" in features[2] and "nm=L" in features[3]
    assert not any(f.startswith("nm=") for f in features[1])  # lower case: no lexicon feature
    assert "nm=-" in sequence_features(["Brenninger"], WordClasses(names))[0]
    assert read_name_lexicon(tmp_path / "missing.tsv") == {}
    # a model without a lexicon gets no lexicon features at all (its features stay as they were trained)
    assert not any(f.startswith("nm") for f in sequence_features(["Holm", "kam"], WordClasses())[0])


def test_domain_copies_mark_other_corpora_only() -> None:
    from lagebild.extract.entities.crf import domain_copies

    assert domain_copies([["w=berlin", "lx=E"]], "legal") == [
        ["w=berlin", "lx=E", "legal|w=berlin", "legal|lx=E"]
    ]


def test_decoder_equals_crfsuite_with_a_name_lexicon(tmp_path: Path) -> None:
    """A model trained with a name lexicon and domain copies: the NumPy decoder still tags as CRFsuite."""
    from lagebild.extract.entities.crf import NAMES_FILE, CrfTagger, train_crf

    (tmp_path / NAMES_FILE).write_text("holm\tP\nkiel\tL\nvorwärts\tO\n", encoding="utf-8")
    names = {"holm": "P", "kiel": "L", "vorwärts": "O"}
    sentences = [
        (["Anna", "Holm", "kam", "nach", "Kiel", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
        (["Der", "Verein", "Vorwärts", "siegte", "."], ["O", "O", "B-ORG", "O", "O"]),
        (["Richter", "Franke", "in", "Kiel", "."], ["O", "B-PER", "O", "B-LOC", "O"]),
    ]
    train_crf(
        sentences * 3,
        tmp_path,
        classes=[WordClasses(names)] * 9,
        domains=["", "", "legal"] * 3,
        max_iterations=30,
    )
    crf = CrfTagger(tmp_path)
    assert crf.classes.names == names
    tests = [["Holm", "sprach", "in", "Kiel", "."], ["Vorwärts", "verlor", "gegen", "Holm"], ["Kiel"]]
    assert crf.tag_sentences(tests) == [crf.tag_crfsuite(words) for words in tests]
