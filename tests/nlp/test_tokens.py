"""Sentence splitting on German news text (sentences written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.nlp.tokens import ChunkTokenizer, blank_german, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kabul/Berlin. Die Armee griff an. Es gab Tote.",
            ["Kabul/Berlin.", "Die Armee griff an.", "Es gab Tote."],
        ),
        (
            "Am 13. Dezember kam es zu Kämpfen. Danach war es ruhig.",
            ["Am 13. Dezember kam es zu Kämpfen.", "Danach war es ruhig."],
        ),
        (
            "Das sagte Dr. Müller u.a. am Montag. Er blieb.",
            ["Das sagte Dr. Müller u.a. am Montag.", "Er blieb."],
        ),
        ("„Wir bleiben hier.“ Das sagte er.", ["„Wir bleiben hier.“", "Das sagte er."]),
        ("Ist das wahr? Ja! Es stimmt.", ["Ist das wahr?", "Ja!", "Es stimmt."]),
        ("Erster Absatz ohne Punkt\n\nZweiter Absatz.", ["Erster Absatz ohne Punkt", "Zweiter Absatz."]),
        (
            "Es starben 1.500 Menschen. 300 wurden verletzt.",
            ["Es starben 1.500 Menschen.", "300 wurden verletzt."],
        ),
        (
            "Es war so schwer, wie es sein mag. Dann kam der Winter.",
            ["Es war so schwer, wie es sein mag.", "Dann kam der Winter."],
        ),
        ("Keine Verletzungen.Wer bleibt, verliert.", ["Keine Verletzungen.", "Wer bleibt, verliert."]),
        (
            "Im 2. Weltkrieg fiel er. Der 1. FC Köln siegte.",
            ["Im 2. Weltkrieg fiel er.", "Der 1. FC Köln siegte."],
        ),
        (
            "In der 89. Minute fiel das Tor. Sie wurden 3. Dann regnete es.",
            ["In der 89. Minute fiel das Tor.", "Sie wurden 3.", "Dann regnete es."],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@given(st.text(max_size=300))
def test_sentences_are_ordered_trimmed_spans(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


# Invented texts with the cases spaCy's tokenizer treats specially: abbreviations, special cases with a
# norm ("'s"), emoticons across a space, URLs, hyphens, quotes, numbers, several kinds of whitespace.
TOKENIZER_CASES = [
    "Am 13. Dezember sagte Dr. Müller (z.B. im Bundestag): „Wir bleiben hier.“",
    "Die UN-Botschafterin sprach von 1.500 Toten; 3,5 Mio. Euro wurden gesammelt.",
    "Er ging 'n Stück weiter, wie's üblich war :) und dann : ) oder :-) usw.:)",
    "Mehr unter https://example.org/a?b=1 oder per E-Mail an info@example.org!",
    "  Zwei Leerzeichen  hier,\tein Tab\nund Zeilen\n\n  Absatz\u00a0Ende ",
    "Kabul/Berlin. Die Nato-geführte Truppe (ISAF) meldete 3-4 Tote...",
    "",
    " ",
]


@pytest.fixture(scope="module")
def chunk_tokenizer() -> ChunkTokenizer:
    return ChunkTokenizer()


def _token_view(doc: object) -> list[tuple[str, int, str, str]]:
    return [(t.text, t.idx, t.whitespace_, t.norm_) for t in doc]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", TOKENIZER_CASES)
def test_chunk_tokenizer_equals_spacy(chunk_tokenizer: ChunkTokenizer, text: str) -> None:
    expected = blank_german().make_doc(text)
    assert _token_view(chunk_tokenizer.make_doc(text)) == _token_view(expected)
    assert _token_view(chunk_tokenizer.make_doc(text)) == _token_view(expected)  # from its cache


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZä .,:;()'\"-/\n\t:)8xD1.")), max_size=60))
def test_chunk_tokenizer_equals_spacy_on_any_text(chunk_tokenizer: ChunkTokenizer, text: str) -> None:
    assert _token_view(chunk_tokenizer.make_doc(text)) == _token_view(blank_german().make_doc(text))


def test_letters_alone_match_no_affix_rule() -> None:
    """The tokenizer's shortcut: a chunk of letters only (not a special case) stays one token."""
    import sys

    tokenizer = blank_german().tokenizer
    letters = [chr(c) for c in range(0, sys.maxunicode + 1, 7) if chr(c).isalpha()]
    for letter in letters:
        for word in (letter, letter + "a", "a" + letter, "a" + letter + "a"):
            assert tokenizer.prefix_search(word) is None and tokenizer.suffix_search(word) is None
            assert next(tokenizer.infix_finditer(word), None) is None
