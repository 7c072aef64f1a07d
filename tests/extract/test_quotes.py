"""Quotes stage: parametrised constructions (sentences written for these tests) and a property test."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.extract.quotes import find_quote_marks, find_quotes
from lagebild.model import Article, Document, Quote
from lagebild.nlp.tokens import make_doc, split_sentences


def quotes_of(text: str) -> list[Quote]:
    doc = Document(Article(text))
    doc.sentences = split_sentences(text)
    doc.nlp = make_doc(text)
    return find_quotes(doc)


def only(quotes: list[Quote], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "„Wir bleiben hier“, sagte der Bürgermeister Hans Berger.",
            "Wir bleiben hier",
            "der Bürgermeister Hans Berger",
            "sagte",
        ),
        (
            "»Die Brücke ist zerstört«, erklärte ein Sprecher der Armee.",
            "Die Brücke ist zerstört",
            "ein Sprecher der Armee",
            "erklärte",
        ),
        (
            '"Niemand hat uns gewarnt", schrieb die Lehrerin Mona Said.',
            "Niemand hat uns gewarnt",
            "die Lehrerin Mona Said",
            "schrieb",
        ),
        (
            "«Wir haben kein Wasser mehr», berichtete einer der Ärzte.",
            "Wir haben kein Wasser mehr",
            "einer der Ärzte",
            "berichtete",
        ),
        (
            "Der Gouverneur Ali Hassan sagte: „Die Stadt wird wieder aufgebaut.“",
            "Die Stadt wird wieder aufgebaut.",
            "Der Gouverneur Ali Hassan",
            "sagte",
        ),
        (
            "In einer Erklärung hieß es: „Die Waffenruhe gilt ab Mitternacht.“",
            "Die Waffenruhe gilt ab Mitternacht.",
            "einer Erklärung",
            "hieß",
        ),
    ],
)
def test_direct_quote_with_speaker_and_cue(text: str, quote: str, speaker: str, cue: str) -> None:
    direct = only(quotes_of(text), "direct")
    assert [q.text for q in direct] == [quote]
    assert direct[0].speaker is not None and direct[0].speaker.text == speaker
    assert direct[0].cue is not None and direct[0].cue.text == cue


def test_run_of_quotes_keeps_the_speaker_and_pronoun_is_resolved() -> None:
    text = (
        "„Die Lage ist ernst“, sagte die Ärztin Lena Vogt. „Uns fehlen Medikamente.“ "
        "Der Konvoi kam nicht an. „Wir warten seit Tagen“, sagte sie."
    )
    direct = only(quotes_of(text), "direct")
    assert [q.text for q in direct] == [
        "Die Lage ist ernst",
        "Uns fehlen Medikamente.",
        "Wir warten seit Tagen",
    ]
    assert direct[1].speaker is not None and direct[1].speaker.text == "die Ärztin Lena Vogt"
    assert direct[2].speaker is not None and direct[2].speaker.text == "sie"
    assert direct[2].speaker_resolved == "Lena Vogt"


def test_interrupted_quote_belongs_to_one_speaker() -> None:
    text = "„Wir sind erschöpft“, sagte der Helfer Omar Aziz, „aber wir machen weiter.“"
    direct = only(quotes_of(text), "direct")
    assert len(direct) == 2
    assert {q.speaker.text for q in direct if q.speaker} == {"der Helfer Omar Aziz"}


@pytest.mark.parametrize(
    ("text", "message", "speaker", "cue"),
    [
        (
            "Es gebe keine Verhandlungen, bestätigte der Minister Karl Brandt.",
            "Es gebe keine Verhandlungen",
            "der Minister Karl Brandt",
            "bestätigte",
        ),
        (
            "Die Regierung verlangte, die Truppen müssten sofort abziehen.",
            "die Truppen müssten sofort abziehen",
            "Die Regierung",
            "verlangte",
        ),
        (
            "Wie ein Sprecher der Polizei mitteilte, wurden drei Männer festgenommen.",
            "wurden drei Männer festgenommen",
            "ein Sprecher der Polizei",
            "mitteilte",
        ),
        (
            "Laut der Behörde wurden zwei Brücken gesprengt.",
            "wurden zwei Brücken gesprengt",
            "der Behörde",
            "Laut",
        ),
        (
            "Dem Roten Kreuz zufolge sind die Lager überfüllt.",
            "sind die Lager überfüllt",
            "Dem Roten Kreuz",
            "zufolge",
        ),
        (
            "Der Angriff habe am Morgen begonnen, teilte die Armee mit.",
            "Der Angriff habe am Morgen begonnen",
            "die Armee",
            "teilte",
        ),
        (
            "Der Bürgermeister sagte, dass die Schulen geschlossen bleiben.",
            "dass die Schulen geschlossen bleiben",
            "Der Bürgermeister",
            "sagte",
        ),
        (
            "Nach Angaben der Vereinten Nationen sind 400 Familien geflohen.",
            "sind 400 Familien geflohen",
            "der Vereinten Nationen",
            "Nach Angaben",
        ),
    ],
)
def test_indirect_speech(text: str, message: str, speaker: str, cue: str) -> None:
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [message]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker
    assert indirect[0].cue is not None and indirect[0].cue.text == cue


def test_konjunktiv_run_continues_the_speaker() -> None:
    text = "Die Straße sei gesperrt, erklärte die Polizei. Es gebe viele Verletzte. Am Abend regnete es."
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == ["Die Straße sei gesperrt", "Es gebe viele Verletzte."]
    assert all(q.speaker and q.speaker.text == "die Polizei" for q in indirect)


def test_definite_role_phrase_resolves_to_the_earlier_speaker() -> None:
    text = (
        "Nach einem Bericht der Hilfsorganisation „Ärzte im Einsatz“ wurden zwölf Menschen verletzt. "
        "Die Klinik sei überlastet, teilte die Organisation mit."
    )
    indirect = only(quotes_of(text), "indirect")
    assert indirect[-1].speaker is not None and indirect[-1].speaker.text == "die Organisation"
    assert indirect[-1].speaker_resolved is not None and "Ärzte im Einsatz" in indirect[-1].speaker_resolved


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "Die Armee sprach von einer „vorübergehenden Maßnahme“, wie General Paul Stein es nannte.",
            "vorübergehenden Maßnahme",
            "General Paul Stein",
        ),
        ("Der Minister sagte, die Lage sei „unter Kontrolle“.", "unter Kontrolle", "Der Minister"),
    ],
)
def test_partial_quote_is_credited(text: str, fragment: str, speaker: str) -> None:
    partial = only(quotes_of(text), "partial")
    assert [q.text for q in partial] == [fragment]
    assert partial[0].speaker is not None and partial[0].speaker.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Die Kämpfer der Terrormiliz „Islamischer Staat“ zogen sich zurück.",
        "Die Hilfsorganisation „Medical Relief for Children“ schickte zwei Lastwagen.",
        'Der Panzer mit dem Spitznamen "Bulldozer" blieb stecken.',
        'Der Konvoi war auf einer "friedlichen Mission" unterwegs.',
        'Sie nennen sich selbst "Wächter der Stadt" und kontrollieren die Brücke.',
    ],
)
def test_names_titles_and_scare_quotes_are_not_quotes(text: str) -> None:
    assert quotes_of(text) == []


def test_unbalanced_marks_do_not_stop_the_document() -> None:
    text = (
        "„Das ist ein Anfang ohne Ende, sagte jemand. "
        "Der Polizeichef Max Roth erklärte, die Grenze sei geschlossen."
    )
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == ["die Grenze sei geschlossen"]


def test_quote_marks_pair_left_to_right() -> None:
    text = '„eins“ und »zwei« und ‚drei‘ und "vier" und „offen'
    pairs = [text[q.open + 1 : q.close] for q in find_quote_marks(text)]
    assert pairs == ["eins", "zwei", "drei", "vier"]


def test_seed_article_direct_quotes_have_their_speakers(shared_dir: Path) -> None:
    text = (shared_dir / "seeds" / "000_3cc82696b4d49680.txt").read_text(encoding="utf-8")
    quotes = quotes_of(text)
    by_text = {q.text: q for q in quotes}
    colville = by_text["dass Pro-Assad-Kräfte in Wohnungen eindringen und alle töten, die sie vorfinden"]
    assert colville.kind == "direct" and colville.speaker_resolved == "Rupert Colville"
    assert not any(
        q.text in ("Union of Medical Care and Relief Organizations", "Islamischer Staat") for q in quotes
    )


_ALPHABET = st.sampled_from(
    list("abcXY ,.:;!?\n„“\"»«‚‘’'–-") + ["sagte", " er", " Die Polizei", " sei", "dass "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_always_match_the_text(text: str) -> None:
    for quote in quotes_of(text):
        assert text[quote.start : quote.end] == quote.text
        for part in (quote.speaker, quote.cue):
            if part is not None:
                assert text[part.start : part.end] == part.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    for quote in quotes_of(text):
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "message", "speaker"),
    [
        (
            "Lena Vogt, Sprecherin des Roten Kreuzes, erklärte, die Lager seien überfüllt.",
            "die Lager seien überfüllt",
            "Lena Vogt",
        ),
        (
            "Der Minister, der am Morgen in Genf eintraf, sagte, die Gespräche würden fortgesetzt.",
            "die Gespräche würden fortgesetzt",
            "Der Minister",
        ),
        (
            "Das Komitee im benachbarten Grenzort erklärte, es gebe keine Verletzten.",
            "es gebe keine Verletzten",
            "Das Komitee im benachbarten Grenzort",
        ),
        (
            "Die Brücke sei gesperrt, sagte der Presse ein Sprecher der Polizei.",
            "Die Brücke sei gesperrt",
            "ein Sprecher der Polizei",
        ),
        (
            "Ein Sprecher des baden-württembergischen Innenministeriums erklärte, die Straße bleibe zu.",
            "die Straße bleibe zu",
            "Ein Sprecher des baden-württembergischen Innenministeriums",
        ),
    ],
)
def test_speaker_across_apposition_relative_clause_and_addressee(
    text: str, message: str, speaker: str
) -> None:
    """Invented sentences: the speaker is apart from its cue or follows a dative addressee."""
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [message]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker


def test_konjunktiv_sentence_without_speaker_is_still_reported_speech() -> None:
    text = "Die Lage im Hafen ist ruhig. Die Fähren seien seit Tagen ausgebucht."  # invented
    indirect = only(quotes_of(text), "indirect")
    assert [(q.text, q.speaker) for q in indirect] == [("Die Fähren seien seit Tagen ausgebucht.", None)]


def test_cue_less_direct_quote_gets_no_thing_as_speaker() -> None:
    text = "Die Angriffe gingen weiter. „Wir können nicht mehr schlafen.“"  # invented
    direct = only(quotes_of(text), "direct")
    assert [q.text for q in direct] == ["Wir können nicht mehr schlafen."]
    assert direct[0].speaker is None


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("Die Hilfsorganisation warnte vor einer Hungersnot im Norden.", "Die Hilfsorganisation", "warnte"),
        (
            "Der Bürgermeister Jan Ott sprach von einem gezielten Angriff auf die Schule.",
            "Der Bürgermeister Jan Ott",
            "sprach",
        ),
        ("Die Opposition forderte den Rücktritt des Innenministers.", "Die Opposition", "forderte"),
    ],
)
def test_reporting_verb_sentence_is_indirect_speech(text: str, speaker: str, cue: str) -> None:
    """Invented sentences: a main clause whose speech verb states the content on its own."""
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [text]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker
    assert indirect[0].cue is not None and indirect[0].cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "Die Rebellen kritisierten den Plan scharf.",  # an evaluation, not a statement of content
        "Sie nennen sich selbst die Wächter der Stadt.",
    ],
)
def test_judging_and_naming_verbs_alone_are_not_speech(text: str) -> None:
    assert only(quotes_of(text), "indirect") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nach eigenen Angaben sind die Helfer seit Montag in der Stadt.", "eigenen Angaben"),
        ("Nach Angaben von Augenzeugen schossen Soldaten in die Luft.", "Augenzeugen"),
        ("Nach ersten offiziellen Angaben der Polizei starben zwei Menschen.", "der Polizei"),
        ("Es handele sich ersten Angaben zufolge um vier Angreifer.", "ersten Angaben"),
        ("Anschließend sei laut el-Baradei die Anlage geprüft worden.", "el-Baradei"),
    ],
)
def test_prepositional_sources(text: str, speaker: str) -> None:
    """Invented sentences: sources named by "nach … Angaben", "… zufolge" and "laut"."""
    indirect = only(quotes_of(text), "indirect")
    assert len(indirect) == 1
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker


def test_speaker_next_to_the_auxiliary_of_a_speech_participle() -> None:
    text = "Am Montag hat die Regierung angekündigt, die Grenze zu schließen."  # invented
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == ["die Grenze zu schließen"]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == "die Regierung"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Die Polizei legte einen Bericht vor. Demnach wurden drei Häuser zerstört.", "Demnach"),
        ("Der Minister kam spät. Seiner Meinung nach ist die Lage stabil.", "Seiner Meinung"),
        ("Dem Vernehmen nach will die Partei den Vorsitz neu besetzen.", "Dem Vernehmen"),
    ],
)
def test_anaphoric_sources(text: str, speaker: str) -> None:
    """Invented sentences: the source is an anaphoric adverb or a possessive statement noun."""
    indirect = only(quotes_of(text), "indirect")
    assert [q.speaker.text if q.speaker else None for q in indirect] == [speaker]


def test_quote_inside_the_writers_clause_is_part_of_the_indirect_message() -> None:
    text = "Der Sprecher sagte, die Armee habe „keine Zivilisten getroffen und keine Häuser zerstört“."  # invented
    quotes = quotes_of(text)
    indirect = only(quotes, "indirect")
    assert [q.text for q in indirect] == [
        "die Armee habe „keine Zivilisten getroffen und keine Häuser zerstört“"
    ]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == "Der Sprecher"
    assert [q.text for q in only(quotes, "partial")] == [
        "keine Zivilisten getroffen und keine Häuser zerstört"
    ]
    assert only(quotes, "direct") == []


def test_direct_quote_of_several_sentences_is_one_quote() -> None:
    text = "Die Ärztin Lena Vogt sagte: „Wir sind erschöpft. Es fehlt an allem.“ Dann fuhr sie weiter."  # invented
    quotes = quotes_of(text)
    assert [(q.kind, q.text) for q in quotes] == [("direct", "Wir sind erschöpft. Es fehlt an allem.")]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Die Ärztin Lena Vogt"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Die Ärztin Mona Said sieht darin eine Bestätigung: „Wir haben es immer gesagt.“",
            "Die Ärztin Mona Said",
        ),
        ("Am Abend griff sie den Minister Karl Brandt direkt an: „Sie haben uns belogen.“", "sie"),
        (
            "Den Plan der Regierung lehnt der Bürgermeister Jan Ott ab: „So geht es nicht.“",
            "der Bürgermeister Jan Ott",
        ),
    ],
)
def test_direct_quote_after_a_colon_belongs_to_the_subject_of_the_clause(text: str, speaker: str) -> None:
    """Invented sentences: the clause before the colon has no speech verb; its subject is the speaker."""
    direct = only(quotes_of(text), "direct")
    assert len(direct) == 1
    assert direct[0].speaker is not None and direct[0].speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Insbesondere betonte der Minister, die Grenze bleibe offen.", "der Minister"),
        ("Des Weiteren erklärte die Polizei, die Straße sei wieder frei.", "die Polizei"),
    ],
)
def test_adverbs_and_oblique_phrases_are_not_speakers(text: str, speaker: str) -> None:
    """Invented sentences: the word before the verb is an adverb, so the speaker follows the verb."""
    indirect = only(quotes_of(text), "indirect")
    assert len(indirect) == 1
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "message", "speaker"),
    [
        (
            "Die Behörde geht davon aus, dass die Brücke bis Mai gesperrt bleibt.",
            "dass die Brücke bis Mai gesperrt bleibt",
            "Die Behörde",
        ),
        (
            "Die Ärztin gab an, dass zwei Kinder verletzt wurden.",
            "dass zwei Kinder verletzt wurden",
            "Die Ärztin",
        ),
    ],
)
def test_strong_separable_speech_verbs(text: str, message: str, speaker: str) -> None:
    """Invented sentences: "geht … aus" and "gab … an" are speech verbs whose bare stem starts with ge-."""
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [message]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker


def test_quoted_label_after_bezeichnen_is_credited() -> None:
    text = "Der Minister bezeichnete den Angriff als „feigen Terrorakt“."  # invented
    partial = only(quotes_of(text), "partial")
    assert [q.text for q in partial] == ["feigen Terrorakt"]
    assert partial[0].speaker is not None and partial[0].speaker.text == "Der Minister"
    assert partial[0].cue is not None and partial[0].cue.text == "bezeichnete"


def test_hearsay_sollen_continues_the_source() -> None:
    text = (
        "Nach Angaben der Polizei wurde das Lager geplündert. "
        "Die Täter sollen in einem Lastwagen geflohen sein. Die Straße ist gesperrt."
    )  # invented
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [
        "wurde das Lager geplündert",
        "Die Täter sollen in einem Lastwagen geflohen sein.",
    ]
    assert [q.speaker.text if q.speaker else None for q in indirect] == ["der Polizei", "der Polizei"]


def test_deontic_sollen_is_not_speech() -> None:
    assert quotes_of("Die Brücke soll im Mai gebaut werden.") == []  # invented


@pytest.mark.parametrize(
    ("text", "message", "speaker"),
    [
        ("Laut „Nordkurier“ wurden drei Dörfer geräumt.", "wurden drei Dörfer geräumt", "„Nordkurier“"),
        (
            "Nach einer britischen Studie ist das Risiko gestiegen.",
            "ist das Risiko gestiegen",
            "einer britischen Studie",
        ),
        (
            "Die Schule wurde zerstört. Dies geht aus einem Bericht der Vereinten Nationen hervor.",
            "Die Schule wurde zerstört.",
            "einem Bericht der Vereinten Nationen",
        ),
        (
            "Aus dem Bericht der Polizei geht hervor, dass drei Männer verletzt wurden.",
            "dass drei Männer verletzt wurden",
            "dem Bericht der Polizei",
        ),
    ],
)
def test_sources_named_by_prepositions_and_hervorgehen(text: str, message: str, speaker: str) -> None:
    """Invented sentences: a quoted name after "laut", a study, "geht aus X hervor"."""
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [message]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("„Wir bleiben.“ Das sagte die Ärztin Lena Vogt am Abend.", "die Ärztin Lena Vogt", "sagte"),
        (
            "„Es gibt Engpässe.“ Das musste der Minister Karl Brandt einräumen.",
            "der Minister Karl Brandt",
            "einräumen",
        ),
    ],
)
def test_direct_quote_credited_by_the_sentence_after(text: str, speaker: str, cue: str) -> None:
    """Invented sentences: "Das sagte X." credits the direct quote before and is no message itself."""
    quotes = quotes_of(text)
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == speaker
    assert quotes[0].cue is not None and quotes[0].cue.text == cue


def test_free_indirect_speech_in_a_row_is_one_message() -> None:
    text = (
        "Die Straße sei gesperrt, erklärte die Polizei. Es gebe viele Verletzte. "
        "Die Feuerwehr sei im Einsatz. Am Abend regnete es."
    )  # invented
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [
        "Die Straße sei gesperrt",
        "Es gebe viele Verletzte. Die Feuerwehr sei im Einsatz.",
    ]
    assert all(q.speaker and q.speaker.text == "die Polizei" for q in indirect)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Als Beispiel nannte der Minister den Hafen von Kiel.", "der Minister"),
        ("Das sagte Ursula von der Leyen.", "Ursula von der Leyen"),
    ],
)
def test_speaker_phrase_boundaries(text: str, speaker: str) -> None:
    """Invented sentences: an "als" phrase opens the clause; name particles "von der"."""
    quotes = quotes_of(text)
    assert [q.speaker.text if q.speaker else None for q in quotes] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Das Zerkratzen der Scheiben, auch Scratching genannt, nimmt zu.",
        "Die Mannschaft bestreitet am Sonntag ihr zweites Spiel.",
    ],
)
def test_naming_and_playing_are_not_speech(text: str) -> None:
    """Invented sentences: "genannt" as a name, "bestreiten" a match."""
    assert only(quotes_of(text), "indirect") == []


def test_passive_speech_verb_has_its_agent_as_speaker() -> None:
    """Invented sentences: the subject of a passive speech verb is what is said, not who says it."""
    quotes = quotes_of("Seine Bilder werden von Kennern als „Meilensteine“ bezeichnet.")
    assert quotes and all(q.speaker is not None and q.speaker.text == "Kennern" for q in quotes)
    assert quotes_of("Die Zahl der zerstörten Häuser wurde mit 214 angegeben.") == []
    active = quotes_of("Die Polizei hat die Zahl der Toten mit 14 angegeben.")
    assert [q.speaker.text if q.speaker else None for q in active] == ["Die Polizei"]


def test_konjunktiv_two_continues_a_run_of_reported_speech() -> None:
    text = (
        "Die Straße sei gesperrt, erklärte die Polizei. Die Anwohner hätten das Gebiet verlassen. "
        "Am Abend regnete es."
    )  # invented
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [
        "Die Straße sei gesperrt",
        "Die Anwohner hätten das Gebiet verlassen.",
    ]
    assert all(q.speaker and q.speaker.text == "die Polizei" for q in indirect)


def test_so_x_names_the_source_of_a_message_without_speaker() -> None:
    text = "Die Nachbarn werden aufgefordert, die Grenze zu öffnen, so der Minister Karl Ott."  # invented
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == ["die Grenze zu öffnen"]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == "der Minister Karl Ott"


def test_object_after_the_verb_is_not_the_speaker_of_an_apposition_subject() -> None:
    text = "Karl Ott, Direktor der Mission, bezeichnete die Reise als Erfolg."  # invented
    indirect = only(quotes_of(text), "indirect")
    assert [q.speaker.text if q.speaker else None for q in indirect] == ["Karl Ott"]


@pytest.mark.parametrize(
    ("text", "message", "speaker", "cue"),
    [
        (
            "Ein Bericht der Agentur „Nordpost“, wonach der Minister festgenommen worden sei, wurde dementiert.",
            "der Minister festgenommen worden sei",
            "Ein Bericht der Agentur „Nordpost“",
            "wonach",
        ),
        (
            "Wie die Firma am Morgen bekannt gab, wird das Werk geschlossen.",
            "wird das Werk geschlossen",
            "die Firma",
            "gab",
        ),
        (
            "Der Hafen ist offen, die Brücke ist nach Angaben der Polizei gesperrt.",
            "die Brücke ist nach Angaben der Polizei gesperrt",
            "der Polizei",
            "nach Angaben",
        ),
    ],
)
def test_wonach_verb_final_particles_and_the_clause_of_a_source(
    text: str, message: str, speaker: str, cue: str
) -> None:
    """Invented sentences: "X, wonach …", "bekannt gab" written apart, a source inside a later clause."""
    indirect = only(quotes_of(text), "indirect")
    assert [q.text for q in indirect] == [message]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker
    assert indirect[0].cue is not None and indirect[0].cue.text == cue


def test_object_after_auxiliary_is_not_the_speaker_of_man() -> None:
    assert quotes_of("Man hatte sie gewarnt.") == []  # invented: narration, nobody quoted


def test_writers_aside_after_a_dash_is_not_part_of_the_message() -> None:
    text = (
        "Aus Moskau hieß es von General Karl Ott, man unterstütze diesen Vorschlag – was immer das bedeutet."
    )
    indirect = only(quotes_of(text), "indirect")  # invented
    assert [q.text for q in indirect] == ["man unterstütze diesen Vorschlag"]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == "General Karl Ott"


def test_wie_clause_before_a_direct_quote_names_its_speaker() -> None:
    text = (  # invented
        "Wie der Anwalt Peter Brandt feststellt, verlangt „das Gesetz eine klare Regel. Die gibt es nicht.“ "
        "Das Gericht tagt am Montag."
    )
    direct = only(quotes_of(text), "direct")
    assert [q.text for q in direct] == ["das Gesetz eine klare Regel. Die gibt es nicht."]
    assert direct[0].speaker is not None and direct[0].speaker.text == "der Anwalt Peter Brandt"
    assert direct[0].cue is not None and direct[0].cue.text == "feststellt"


def test_a_toll_is_not_a_demand() -> None:
    assert quotes_of("Zwölf Todesopfer forderte ein Wirbelsturm im Norden des Landes.") == []  # invented
    demand = quotes_of("Die Opposition forderte den Rücktritt des Ministers.")  # invented
    assert [q.kind for q in demand] == ["indirect"]


# --- speakers through the parse: invented sentences with parses written by hand ---------------------

Row = tuple[str, str, int, str, str, str]  # word, UPOS, head index, relation, lemma, morphology


def parsed_quotes(text: str, parses: list[list[Row]]) -> tuple[list[Quote], Document]:
    """Quotes of ``text`` with ``doc.syntax`` reading the hand-written ``parses`` (one per sentence that
    may be parsed; asking for any other sentence fails the test: parsing stays lazy)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from lagebild.nlp.syntax import Syntax
    from tests.nlp.hand_built import hand_built

    vocab = Vocab()
    by_words = {tuple(row[0] for row in rows): rows for rows in parses}

    def parse_tokens(words: list[str], spaces: list[bool]) -> Doc:
        rows = by_words.get(tuple(words))
        assert rows is not None, f"sentence parsed that has no speech cue: {' '.join(words)}"
        return hand_built(rows, spaces, vocab)

    doc = Document(Article(text))
    doc.sentences = split_sentences(text)
    doc.nlp = make_doc(text)
    doc.syntax = Syntax(doc, lambda batch: [parse_tokens(words, spaces) for words, spaces in batch])
    return find_quotes(doc), doc


APPOSITION = [
    ("Lena", "PROPN", 8, "nsubj", "Lena", "Number=Sing"),
    ("Vogt", "PROPN", 0, "flat", "Vogt", ""),
    (",", "PUNCT", 3, "punct", ",", ""),
    ("Sprecherin", "NOUN", 0, "appos", "Sprecherin", "Gender=Fem|Number=Sing"),
    ("des", "DET", 6, "det", "der", ""),
    ("Roten", "ADJ", 6, "amod", "rot", ""),
    ("Kreuzes", "NOUN", 3, "nmod", "Kreuz", "Case=Gen"),
    (",", "PUNCT", 3, "punct", ",", ""),
    ("erklärte", "VERB", 8, "ROOT", "erklären", "VerbForm=Fin"),
    (",", "PUNCT", 13, "punct", ",", ""),
    ("die", "DET", 11, "det", "der", ""),
    ("Lager", "NOUN", 13, "nsubj", "Lager", ""),
    ("seien", "AUX", 13, "cop", "sein", "Mood=Sub"),
    ("überfüllt", "ADJ", 8, "ccomp", "überfüllt", ""),
    (".", "PUNCT", 8, "punct", ".", ""),
]
COORDINATION = [
    ("Der", "DET", 1, "det", "der", ""),
    ("Bürgermeister", "NOUN", 7, "nsubj", "Bürgermeister", "Gender=Masc|Number=Sing"),
    ("und", "CCONJ", 4, "cc", "und", ""),
    ("die", "DET", 4, "det", "der", ""),
    ("Leiterin", "NOUN", 1, "conj", "Leiterin", "Gender=Fem|Number=Sing"),
    ("der", "DET", 6, "det", "der", ""),
    ("Feuerwehr", "NOUN", 4, "nmod", "Feuerwehr", "Case=Gen"),
    ("sagten", "VERB", 7, "ROOT", "sagen", "VerbForm=Fin|Number=Plur"),
    (",", "PUNCT", 11, "punct", ",", ""),
    ("der", "DET", 10, "det", "der", ""),
    ("Damm", "NOUN", 11, "nsubj", "Damm", ""),
    ("halte", "VERB", 7, "ccomp", "halten", "Mood=Sub"),
    (".", "PUNCT", 7, "punct", ".", ""),
]
PASSIVE = [
    ("Am", "ADP", 1, "case", "an", ""),
    ("Montag", "NOUN", 6, "obl", "Montag", ""),
    ("wurde", "AUX", 6, "aux:pass", "werden", "VerbForm=Fin"),
    ("von", "ADP", 5, "case", "von", ""),
    ("der", "DET", 5, "det", "der", ""),
    ("Armeeführung", "NOUN", 6, "obl:agent", "Armeeführung", "Case=Dat"),
    ("bestätigt", "VERB", 6, "ROOT", "bestätigen", "VerbForm=Part"),
    (",", "PUNCT", 11, "punct", ",", ""),
    ("dass", "SCONJ", 11, "mark", "dass", ""),
    ("die", "DET", 10, "det", "der", ""),
    ("Brücke", "NOUN", 11, "nsubj", "Brücke", ""),
    ("zerstört", "ADJ", 6, "ccomp", "zerstört", ""),
    ("sei", "AUX", 11, "cop", "sein", "Mood=Sub"),
    (".", "PUNCT", 6, "punct", ".", ""),
]


@pytest.mark.parametrize(
    ("text", "parse", "message", "speaker"),
    [
        (  # apposition: the gold convention takes it in (the rules alone give "Lena Vogt")
            "Lena Vogt, Sprecherin des Roten Kreuzes, erklärte, die Lager seien überfüllt.",
            APPOSITION,
            "die Lager seien überfüllt",
            "Lena Vogt, Sprecherin des Roten Kreuzes",
        ),
        (  # coordination: both subjects speak
            "Der Bürgermeister und die Leiterin der Feuerwehr sagten, der Damm halte.",
            COORDINATION,
            "der Damm halte",
            "Der Bürgermeister und die Leiterin der Feuerwehr",
        ),
        (  # passive: the von-agent speaks, without its preposition
            "Am Montag wurde von der Armeeführung bestätigt, dass die Brücke zerstört sei.",
            PASSIVE,
            "dass die Brücke zerstört sei",
            "der Armeeführung",
        ),
    ],
)
def test_speaker_is_the_subject_or_agent_of_the_speech_verb_in_the_parse(
    text: str, parse: list[Row], message: str, speaker: str
) -> None:
    quotes, _ = parsed_quotes(text, [parse])
    indirect = only(quotes, "indirect")
    assert [q.text for q in indirect] == [message]
    assert indirect[0].speaker is not None and indirect[0].speaker.text == speaker


def test_subject_of_the_speech_verb_wins_over_the_phrase_next_to_it() -> None:
    """The parse reads the subject of the verb in a verb-final clause, not the dative before it."""
    text = "Nachdem der Minister den Reportern erklärt hatte, die Grenze bleibe offen, reiste er ab."
    rows: list[Row] = [
        ("Nachdem", "SCONJ", 5, "mark", "nachdem", ""),
        ("der", "DET", 2, "det", "der", ""),
        ("Minister", "NOUN", 5, "nsubj", "Minister", "Gender=Masc|Number=Sing"),
        ("den", "DET", 4, "det", "der", ""),
        ("Reportern", "NOUN", 5, "iobj", "Reporter", "Case=Dat|Number=Plur"),
        ("erklärt", "VERB", 13, "advcl", "erklären", "VerbForm=Part"),
        ("hatte", "AUX", 5, "aux", "haben", "VerbForm=Fin"),
        (",", "PUNCT", 11, "punct", ",", ""),
        ("die", "DET", 9, "det", "der", ""),
        ("Grenze", "NOUN", 11, "nsubj", "Grenze", ""),
        ("bleibe", "VERB", 11, "cop", "bleiben", "Mood=Sub"),
        ("offen", "ADJ", 5, "ccomp", "offen", ""),
        (",", "PUNCT", 5, "punct", ",", ""),
        ("reiste", "VERB", 13, "ROOT", "reisen", "VerbForm=Fin"),
        ("er", "PRON", 13, "nsubj", "er", "Gender=Masc|Number=Sing"),
        ("ab", "ADP", 13, "compound:prt", "ab", ""),
        (".", "PUNCT", 13, "punct", ".", ""),
    ]
    quotes, _ = parsed_quotes(text, [rows])
    speakers = {q.speaker.text for q in quotes if q.speaker is not None}
    assert speakers == {"der Minister"}


def test_pronoun_speaker_resolves_by_gender_and_number() -> None:
    text = (
        "Die Kommandeure der Rebellen erklärten, die Stadt sei sicher. „Wir bleiben“, sagte die Ärztin Lena "
        "Vogt. Sie sagten, es gebe genug Wasser. Sie sagte, das Krankenhaus sei voll. Der Fluss steigt."
    )  # invented
    parses: list[list[Row]] = [
        [
            ("Die", "DET", 1, "det", "der", ""),
            ("Kommandeure", "NOUN", 4, "nsubj", "Kommandeur", "Gender=Masc|Number=Plur"),
            ("der", "DET", 3, "det", "der", ""),
            ("Rebellen", "NOUN", 1, "nmod", "Rebell", "Case=Gen|Number=Plur"),
            ("erklärten", "VERB", 4, "ROOT", "erklären", "Number=Plur|VerbForm=Fin"),
            (",", "PUNCT", 9, "punct", ",", ""),
            ("die", "DET", 7, "det", "der", ""),
            ("Stadt", "NOUN", 9, "nsubj", "Stadt", ""),
            ("sei", "AUX", 9, "cop", "sein", "Mood=Sub"),
            ("sicher", "ADJ", 4, "ccomp", "sicher", ""),
            (".", "PUNCT", 4, "punct", ".", ""),
        ],
        [
            ("„", "PUNCT", 2, "punct", "„", ""),
            ("Wir", "PRON", 2, "nsubj", "wir", "Number=Plur|Person=1"),
            ("bleiben", "VERB", 5, "ccomp", "bleiben", ""),
            ("“", "PUNCT", 2, "punct", "“", ""),
            (",", "PUNCT", 2, "punct", ",", ""),
            ("sagte", "VERB", 5, "ROOT", "sagen", "VerbForm=Fin"),
            ("die", "DET", 7, "det", "der", ""),
            ("Ärztin", "NOUN", 5, "nsubj", "Ärztin", "Gender=Fem|Number=Sing"),
            ("Lena", "PROPN", 7, "appos", "Lena", ""),
            ("Vogt", "PROPN", 8, "flat", "Vogt", ""),
            (".", "PUNCT", 5, "punct", ".", ""),
        ],
        [
            ("Sie", "PRON", 1, "nsubj", "sie", "Case=Nom|Number=Plur|Person=3|PronType=Prs"),
            ("sagten", "VERB", 1, "ROOT", "sagen", "Number=Plur|VerbForm=Fin"),
            (",", "PUNCT", 4, "punct", ",", ""),
            ("es", "PRON", 4, "expl", "es", ""),
            ("gebe", "VERB", 1, "ccomp", "geben", "Mood=Sub"),
            ("genug", "ADV", 6, "advmod", "genug", ""),
            ("Wasser", "NOUN", 4, "obj", "Wasser", ""),
            (".", "PUNCT", 1, "punct", ".", ""),
        ],
        [
            ("Sie", "PRON", 1, "nsubj", "sie", "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs"),
            ("sagte", "VERB", 1, "ROOT", "sagen", "Number=Sing|VerbForm=Fin"),
            (",", "PUNCT", 6, "punct", ",", ""),
            ("das", "DET", 4, "det", "der", ""),
            ("Krankenhaus", "NOUN", 6, "nsubj", "Krankenhaus", ""),
            ("sei", "AUX", 6, "cop", "sein", "Mood=Sub"),
            ("voll", "ADJ", 1, "ccomp", "voll", ""),
            (".", "PUNCT", 1, "punct", ".", ""),
        ],
    ]
    quotes, doc = parsed_quotes(text, parses)
    by_text = {q.text: q for q in quotes}
    assert by_text["Wir bleiben"].speaker_resolved is None
    assert by_text["Wir bleiben"].speaker is not None
    assert by_text["Wir bleiben"].speaker.text == "die Ärztin Lena Vogt"
    plural = by_text["es gebe genug Wasser"]
    assert plural.speaker is not None and plural.speaker.text == "Sie"
    assert plural.speaker_resolved == "Die Kommandeure der Rebellen"  # not the woman named last
    assert by_text["das Krankenhaus sei voll"].speaker_resolved == "Lena Vogt"
    assert sorted(doc.syntax.parsed) == [0, 1, 2, 3]  # type: ignore[attr-defined]  # the last has no cue
