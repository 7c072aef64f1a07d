"""Classes of casualty counts read through the parse and the links between phrases.

Every sentence here is invented for the test; none is taken from a corpus.
"""

from __future__ import annotations

import pytest

from lagebild.extract.figures import find_figures
from lagebild.extract.figures.syntax import is_person_noun
from lagebild.model import Figure, Mention, Quote
from tests.extract.figure_layer import layer_doc, read_figures

CASES = [
    # counted victims of a harm verb whatever their noun
    ("Im Norden wurden zwei deutsche Ingenieure entführt.", [("zwei deutsche Ingenieure", 2, "abducted")]),
    # singular persons by their occupation, feminine compound and plural
    ("Bei dem Überfall wurde ein Angestellter leicht verletzt.", [("ein Angestellter", 1, "injured")]),
    ("Am Abend wurde in Neustadt die 30-jährige Bereitschaftspolizistin Erika Beispiel erschossen.",
     [("die 30-jährige Bereitschaftspolizistin Erika Beispiel", 1, "killed")]),
    # a definite person without a name points back; a person by name alone is one, an apposition after
    # the clause no new count
    ("Der Mann wurde festgenommen.", []),
    ("Bei dem Luftangriff wurde Karl Beispiel getötet, ein Führer der Miliz.", [("Karl Beispiel", 1, "killed")]),
    # members of a count named by "es handelt sich um" and "gehört zu"
    ("Bei den Opfern handelt es sich um vier Fischer und einen Griechen.",
     [("vier Fischer", 4, "killed"), ("einen Griechen", 1, "killed")]),
    ("Zu den Opfern gehört auch ein Funktionär der Partei.", [("ein Funktionär", 1, "killed")]),
    # counts of acts
    ("Die Bilanz des Abends: 17 Festnahmen und rund 20 verletzte Teilnehmer.",
     [("17 Festnahmen", 17, "arrested"), ("rund 20", 20, "injured")]),
    ("Die Bande soll für sieben Morde verantwortlich sein.", [("sieben Morde", 7, "killed")]),
    # tolls without "auf": "betragen", "beziffern … mit", a toll of people told by its relative clause
    ("Die Zahl der Festnahmen soll einige hundert betragen.", [("einige hundert", 200, "arrested")]),
    ("Die Zahl der Menschen, die bei den Kämpfen getötet wurden, bezifferte die Regierung mit 25.",
     [("25", 25, "killed")]),
    # one more person, the noun left out
    ("Dabei wurde eine Frau getötet und eine weitere verletzt.",
     [("eine Frau", 1, "killed"), ("eine weitere", 1, "injured")]),
    # a part after "darunter" with a word of severity
    ("Bei den Einsätzen seien 40 Polizisten verletzt worden, darunter vier schwer.",
     [("40 Polizisten", 40, "injured"), ("vier schwer", 4, "injured")]),
    # a number whose noun is left out behind the same preposition
    ("Es folgen Land A mit neun und Land B mit fünf getöteten Reportern.",
     [("neun", 9, "killed"), ("fünf", 5, "killed")]),
    # a part of the count told the sentence before
    ("Am Morgen nahmen Bewaffnete zwölf Geiseln. Drei von ihnen sollen Kinder sein.",
     [("zwölf Geiseln", 12, "abducted"), ("Drei", 3, "abducted")]),
    # one body found
    ("Am Ufer wurde die Leiche eines Fischers gefunden.", [("die Leiche eines Fischers", 1, "killed")]),
    # the act the victims suffered
    ("Im Jahr wurden 40 Reporter festgenommen und 9 waren Opfer von Entführungen.",
     [("40 Reporter", 40, "arrested"), ("9", 9, "abducted")]),
    # the "von"-agent of a passive attack and a participle that completes it
    ("Ein Student wurde von drei Personen angegriffen und verletzt.",
     [("Ein Student", 1, "injured"), ("drei Personen", 3, "attackers")]),
    ("Acht junge Männer überfallen nachts eine Familie.", [("Acht", 8, "attackers")]),
    # an attacker who blows himself up counts one
    ("In der Stadt hat sich am Montag ein Selbstmordattentäter in die Luft gesprengt.",
     [("ein Selbstmordattentäter", 1, "attackers")]),
    # "mehr als" before a vague count
    ("Die Gruppe war für mehr als tausende Verletzte verantwortlich.", [("mehr als tausende Verletzte", 2001, "injured")]),
    # a number word with "ß" is a number; the subject of an attack verb attacks
    ("Nach der Kundgebung attackierten etwa dreißig Vermummte die Teilnehmer.", [("etwa dreißig Vermummte", 30, "attackers")]),
    # a nominalised age is a person, whatever the tagger made of it
    ("In Neustadt attackierte am Freitag ein 31-Jähriger einen Passanten.", [("ein 31-Jähriger", 1, "attackers")]),
    # an embedded relative clause between the victim and the rest of its clause
    ("Am Abend wurde ein 19-Jähriger, der zuvor beschimpft worden war, von Unbekannten verletzt.",
     [("ein 19-Jähriger", 1, "injured")]),
    # who harms himself is harmed
    ("Ein Bewohner verletzte sich beim Sprung aus dem Fenster schwer.", [("Ein Bewohner", 1, "injured")]),
    # the subject of an active, finite harm verb is an attacker
    ("Drei Männer verletzten einen Passanten schwer.", [("Drei Männer", 3, "attackers"), ("einen Passanten", 1, "injured")]),
    # a graze is an injury
    ("Ein Anwohner erlitt eine Abschürfung an der Stirn.", [("Ein Anwohner", 1, "injured")]),
    # a noun with an age before it names one person, whatever its noun
    ("Ein 40-jähriger Gerüstbauer zog sich bei dem Sturz schwere Verletzungen zu.",
     [("Ein 40-jähriger Gerüstbauer", 1, "injured")]),
    # a possessive and an age bring in one person; after a modal, "erschossen haben" is one verb group
    ("In Neustadt soll ein Mann seine 41-jährige Schwester und einen Nachbarn erschossen haben.",
     [("ein Mann", 1, "attackers"), ("seine 41-jährige Schwester", 1, "killed"), ("einen Nachbarn", 1, "killed")]),
    # a preterite the dictionary spells with "ss"; one who kills is one attacker
    ("Ein Wachmann erschoss einen Passanten.", [("Ein Wachmann", 1, "attackers"), ("einen Passanten", 1, "killed")]),
    # adverbs grading the adjective stand inside the phrase; setting fire is an attack
    ("Am Abend setzte ein offenbar stark betrunkener Mann eine Scheune in Brand.",
     [("ein offenbar stark betrunkener Mann", 1, "attackers")]),
    # an apposition with an age to a definite role noun; "wobei" opens a clause
    ("Der Wagen prallte gegen einen Baum, wobei der Fahrer, ein 62-jähriger Landwirt, ums Leben kam.",
     [("ein 62-jähriger Landwirt", 1, "killed")]),
    # a part after "von ihnen", in the same sentence and the next
    ("Bei dem Unglück wurden 14 Menschen verletzt, zwei von ihnen schweben in Lebensgefahr.",
     [("14 Menschen", 14, "injured"), ("zwei", 2, "injured")]),
    ("Die Polizei nahm 60 Personen fest. Fünf von ihnen kamen in Untersuchungshaft.",
     [("60 Personen", 60, "arrested"), ("Fünf", 5, "arrested")]),
    # who had to be revived was harmed
    ("Ein Badegast musste reanimiert werden.", [("Ein Badegast", 1, "injured")]),
    # a separated "losgehen"; throwing and rioting are attacks
    ("Ein 30-jähriger Mann ging mit einem Messer auf zwei Passanten los.", [("Ein 30-jähriger Mann", 1, "attackers")]),
    ("Eine unbekannte Person schleuderte in der Nacht einen Stein gegen das Wohnhaus.",
     [("Eine unbekannte Person", 1, "attackers")]),
    ("Etwa 80 Personen haben am Abend in der Innenstadt randaliert.", [("Etwa 80 Personen", 80, "attackers")]),
    # a verb the tagger may call an attributive adjective before a numeral
    ("Am Abend griffen fünf Männer im Alter zwischen 20 und 30 Jahren zwei Passanten an.",
     [("fünf Männer", 5, "attackers")]),
    # a nominalised age before an article is a phrase of its own; the injury told later makes the victim
    ("In Neustadt attackierte am Freitag ein 22-Jähriger einen 35-jährigen Passanten. Das Opfer wurde verletzt.",
     [("ein 22-Jähriger", 1, "attackers"), ("einen 35-jährigen Passanten", 1, "injured")]),
    # a relative pronoun as subject: its antecedent attacks, the clause's noun phrase is the victim
    ("Die Polizei sucht zwei Männer, die am Abend einen Passanten verletzt haben.",
     [("zwei Männer", 2, "attackers"), ("einen Passanten", 1, "injured")]),
    # the members of a collective that attacks, counted nowhere else; a present-tense beating
    ("Am Abend versuchte eine Gruppe von etwa 12 Neonazis in das Heim einzudringen.",
     [("eine Gruppe von etwa 12 Neonazis", 12, "attackers")]),
    ("Ein Mann schlägt einem Ordner gegen den Kopf.", [("Ein Mann", 1, "attackers")]),
    # deaths by cold, hunger, suffocation and loss of blood; "das Leben kosten" kills its object
    ("In der Nacht erfror in Neustadt eine Frau.", [("eine Frau", 1, "killed")]),
    ("Im Lager verhungerten mindestens zwölf Kinder.", [("mindestens zwölf Kinder", 12, "killed")]),
    ("Die Fahrt kostete einen 19-Jährigen das Leben.", [("einen 19-Jährigen", 1, "killed")]),
    # a nominalised age is a person, also as the object of a separated particle verb
    ("Die Polizei nahm am Abend einen 33-Jährigen fest.", [("einen 33-Jährigen", 1, "arrested")]),
    # one of another's kin brings in one person
    ("Bei dem Unfall verlor seine Tochter ihr Leben.", [("seine Tochter", 1, "killed")]),
    ("Ein Mann wurde getötet. Seine Frau wurde schwer verletzt.",
     [("Ein Mann", 1, "killed"), ("Seine Frau", 1, "injured")]),
    # any noun before a given name names that person, with the name; no article needed
    ("Gestern wurde der frühere Firmen-Vorstand Thomas Beispiel verhaftet.",
     [("der frühere Firmen-Vorstand Thomas Beispiel", 1, "arrested")]),
    ("Titelverteidiger Hans Beispiel wurde bei dem Sturz leicht verletzt.",
     [("Titelverteidiger Hans Beispiel", 1, "injured")]),
    ("Er soll damals die 16-jährige Schülerin Anna erstochen haben.",
     [("die 16-jährige Schülerin Anna", 1, "killed")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_classes(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


def test_a_part_of_them_points_at_its_whole() -> None:
    figures = find_figures(layer_doc("Bei dem Unglück wurden 14 Menschen verletzt, zwei von ihnen schweben in Lebensgefahr."))
    assert figures[1].part_of == figures[0].start


def test_a_part_after_darunter_points_at_its_whole() -> None:
    figures = find_figures(layer_doc("Bei den Einsätzen seien 40 Polizisten verletzt worden, darunter vier schwer."))
    assert figures[1].part_of == figures[0].start


def test_a_named_person_after_one_of_the_same_lot_is_that_one() -> None:
    text = "In der Stadt wurde ein Mann getötet. Der Händler Karl Beispiel wurde erschlagen."
    assert [(f.text, f.category) for f in find_figures(layer_doc(text))] == [("ein Mann", "killed")]


@pytest.mark.parametrize(
    ("word", "person"),
    [("Ingenieure", True), ("Bereitschaftspolizistin", True), ("Polizistinnen", True), ("Kollegen", True),
     ("Fahrzeuge", False), ("Stunden", False), ("Gebäude", False)],
)
def test_person_nouns(word: str, person: bool) -> None:
    assert is_person_noun(word) is person


def _figure_in_quote(text: str, speaker_end: int) -> Figure:
    """The one figure of ``text`` whose sentence from "Rund" on is an indirect quote of "Die Behörde"."""
    doc = layer_doc(text)
    at = text.index("Rund")
    cue = text.index("teilte")
    doc.quotes = [Quote("", at, len(text), text[at:], "indirect", speaker=Mention(0, speaker_end, "Die Behörde"),
                        cue=Mention(cue, cue + 6, "teilte"))]
    (figure,) = find_figures(doc)
    return figure


def test_hearsay_takes_no_claimant_from_a_quote_elsewhere() -> None:
    figure = _figure_in_quote(
        "Die Behörde teilte am Abend mit, es gebe Tote. Rund 50 Menschen sollen verletzt worden sein.", 12
    )
    assert (figure.low, figure.category, figure.claimant) == (50, "injured", None)


def test_reported_speech_still_takes_its_claimant() -> None:
    figure = _figure_in_quote("Die Behörde teilte am Abend mit, es gebe Tote. Rund 50 Menschen seien verletzt worden.", 11)
    assert figure.claimant is not None and figure.claimant.text == "Die Behörde"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein Richter hat Haftbefehl gegen drei Männer erlassen.", [("drei Männer", 3, "arrested")]),
        ("Nach Angaben aus Neustadt wurden 22 Soldaten getötet.", [("22 Soldaten", 22, "killed")]),
    ],
)
def test_warrants_and_sources(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


def test_source_from_a_place() -> None:
    (figure,) = find_figures(layer_doc("Nach Angaben aus Neustadt wurden 22 Soldaten getötet."))
    assert figure.claimant is not None and figure.claimant.text == "Neustadt"


def test_a_nearer_cue_inside_a_quote_names_the_part() -> None:
    text = "Nach Angaben der Behörden stieg die Zahl der Toten auf 300, darunter laut UNO-Angaben 60 Zivilisten."
    doc = layer_doc(text)
    doc.quotes = [Quote("", 26, len(text), text[26:], "indirect", speaker=Mention(13, 25, "der Behörden"),
                        cue=Mention(0, 12, "Nach Angaben"))]
    claimants = [(f.low, f.claimant.text if f.claimant else None) for f in find_figures(doc)]
    assert claimants == [(300, "der Behörden"), (60, "UNO-Angaben")]


def test_a_cross_reference_is_no_claimant() -> None:
    text = "Bei den Unruhen gab es fünf tote Menschen (Neuland berichtete)."
    doc = layer_doc(text)
    cue = text.index("berichtete")
    doc.quotes = [Quote("", 0, len(text), text, "indirect", speaker=Mention(cue - 9, cue - 1, "Neuland"),
                        cue=Mention(cue, cue + 10, "berichtete"))]
    assert [f.claimant for f in find_figures(doc)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Jedes Jahr werden rund 100 Millionen Haie getötet.",  # animals are no casualties
        "Nach dem Zusammenstoß zweier Schnellzüge wurde die Strecke geprüft.",
        "Er konnte sich mit 10:6 gegen den Argentinier Max Muster durchsetzen.",  # a score
        "Die beiden am Montag verhafteten 14 und 18 Jahre alten Jugendlichen wurden vernommen.",  # ages
        "Die Männer im Alter von 21 und 25 Jahren seien festgenommen worden.",
        "Der General und sein Sohn Karl waren von den Rebellen festgenommen worden.",  # named by another
    ],
)
def test_no_people(text: str) -> None:
    assert read_figures(text) == []


def test_so_names_the_source() -> None:
    (figure,) = find_figures(layer_doc("Am Abend wurden, so die Polizei, zwölf Menschen verletzt."))
    assert figure.claimant is not None and figure.claimant.text == "die Polizei"


def test_a_cue_of_the_own_sentence_beats_a_quote_cued_in_the_next() -> None:
    text = "Laut einer Meldung des Senders Neukanal wurde ein Verdächtiger festgenommen. Dies gab die Polizei bekannt."
    doc = layer_doc(text)
    end = text.index(".") + 1
    cue = text.index("gab")
    speaker = text.index("die Polizei")
    doc.quotes = [Quote("", 0, end, text[:end], "indirect", speaker=Mention(speaker, speaker + 11, "die Polizei"),
                        cue=Mention(cue, cue + 3, "gab"))]
    (figure,) = find_figures(doc)
    assert figure.claimant is not None and figure.claimant.text.endswith("Neukanal")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age written out ("39 Jahre alter") is no count: one person
        ("Ein 39 Jahre alter Mann wurde am Abend verletzt.", [("Ein 39 Jahre alter Mann", 1, "injured")]),
        # a passive joined by "und" without a subject of its own has the subject of the clause before
        ("Ein Soldat schoss auf die Menge und wurde daraufhin erschossen.", [("Ein Soldat", 1, "killed")]),
    ],
)
def test_ages_written_out_and_shared_subjects(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an indefinite article before a casualty noun counts one; a compound names what its last part names
        ("Bei dem Anschlag gab es einen Toten und drei Verletzte.",
         [("einen Toten", 1, "killed"), ("drei Verletzte", 3, "injured")]),
        ("Der Unfall forderte zwei Verkehrstote.", [("zwei Verkehrstote", 2, "killed")]),
        # "ein Opfer" is anyone harmed, dead or not
        ("Bei dem Überfall gab es ein Opfer.", []),
        # those who press on someone are attackers
        ("In einem Supermarkt bedrängten drei Männer einen Asylbewerber.", [("drei Männer", 3, "attackers")]),
    ],
)
def test_one_casualty_after_an_article_and_compound_casualty_nouns(
    text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert read_figures(text) == expected


def test_a_toll_that_an_incident_claims_is_no_speech_and_has_no_claimant() -> None:
    from lagebild.model import Article
    from lagebild.pipeline import default_pipeline

    doc = default_pipeline()(Article(text="Der Unfall forderte am Montag zwei Verkehrstote.", published="2016-12-14"))
    assert [(f.text, f.claimant) for f in doc.figures] == [("zwei Verkehrstote", None)]
    assert doc.quotes == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age before a noun makes a definite phrase one person told of first, whatever the noun
        ("Der 42-jährige Schiedsrichter der Partie wurde am Abend schwer verletzt.",
         [("Der 42-jährige Schiedsrichter", 1, "injured")]),
        # a genitive without an article is an attribute of the person before it; a span of time is no one
        ("Drei Wochen später nahm die Polizei einen 41-jährigen Mann deutscher Staatsangehörigkeit fest.",
         [("einen 41-jährigen Mann", 1, "arrested")]),
        # phrases joined by commas alone are no list: subject, its apposition, object
        ("Am Morgen erschlug der 50-jährige Schwager, ein Rentner aus dem Dorf, seine 30-jährige Nichte.",
         [("der 50-jährige Schwager", 1, "attackers"), ("seine 30-jährige Nichte", 1, "killed")]),
        # a list still ends on its coordinator
        ("Dabei wurden zwei Soldaten, drei Polizisten und ein Fahrer verletzt.",
         [("zwei Soldaten", 2, "injured"), ("drei Polizisten", 3, "injured"), ("ein Fahrer", 1, "injured")]),
    ],
)
def test_persons_introduced_by_an_age_and_phrases_joined_by_commas(
    text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert read_figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle after "als" tells a state: its subject is the one it befell
        ("Zwei Bergleute gelten seit dem Unglück als vermisst.", [("Zwei Bergleute", 2, "missing")]),
        # "als Geiseln nehmen" abducts its object; "als" before a noun ends the phrase
        ("Rebellen nahmen am Morgen drei Touristen als Geiseln.", [("drei Touristen", 3, "abducted")]),
        # members named by "es handelt sich um" after an adjective before the casualty noun; numbers
        # coordinated inside a prepositional phrase are an age, no count
        ("Bei den geborgenen Toten handelt es sich um einen Mann, drei Frauen zwischen 20 und 30 Jahren sowie zwei Kinder.",
         [("einen Mann", 1, "killed"), ("drei Frauen", 3, "killed"), ("zwei Kinder", 2, "killed")]),
        # a part of a whole is one figure with the part's value
        ("Im Jahr 1900 ertranken 150 der 400 Passagiere.", [("150 der 400 Passagiere", 150, "killed")]),
        # a relative clause after an embedded one ends the clause too
        ("Beim Unglück ertranken 40 der 90 Passagiere, die an Bord einer Fähre waren, die Pilger transportierte.",
         [("40 der 90 Passagiere", 40, "killed")]),
    ],
)
def test_states_hostages_members_and_parts_of_a_whole(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle before the noun tells the harm of one person, named or by role
        ("Der tödlich verunglückte Anna Beispiel hatte keinen Führerschein.",
         [("Der tödlich verunglückte Anna Beispiel", 1, "killed")]),
        ("Ein schwer verletzter Polizist wurde in eine Klinik gebracht.",
         [("Ein schwer verletzter Polizist", 1, "injured")]),
        # a definite one after another of that lot is the one told of before
        ("Ein Mann wurde verletzt. Der verletzte Mann kam ins Krankenhaus.", [("Ein Mann", 1, "injured")]),
        # people who must leave their homes are displaced
        ("Mindestens 5.000 Menschen mussten ihre Dörfer verlassen.", [("Mindestens 5.000 Menschen", 5000, "displaced")]),
        ("Zwei Männer verließen das Haus.", [("Zwei Männer", 2, "other_people")]),
        # deaths counted as cases
        ("Im Viertel war es zu drei Todesfällen gekommen.", [("drei Todesfällen", 3, "killed")]),
    ],
)
def test_attributive_harms_leaving_home_and_deaths_as_cases(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adjective after a noun opens the next phrase: the subject and the object of an arson
        ("In der Nacht zündeten zwei Männer alte Reifen an.", [("zwei Männer", 2, "attackers")]),
        # slogans of hate make their shouters attackers, a protest's slogans do not
        ("Vor dem Heim riefen drei Männer rassistische Parolen.", [("drei Männer", 3, "attackers")]),
        ("Tausende Demonstranten riefen Parolen gegen die Regierung.", [("Tausende Demonstranten", 2000, "other_people")]),
        # breaking in is an attack; a counted noun ends its phrase before the next noun
        ("In der Nacht verschafften sich vier Personen Zugang zu dem Gebäude.", [("vier Personen", 4, "attackers")]),
    ],
)
def test_attackers_of_arson_slogans_and_break_ins(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one more person, the noun left out, by a pronoun-like word
        ("Ein Mann wurde getötet, ein anderer wurde verletzt.", [("Ein Mann", 1, "killed"), ("ein anderer", 1, "injured")]),
        # a break of a named bone and a splinter are bodily injuries
        ("Ein Helfer erlitt einen Rippenbruch.", [("Ein Helfer", 1, "injured")]),
        ("Ein Kind erlitt eine Knochenabsplitterung.", [("Ein Kind", 1, "injured")]),
    ],
)
def test_one_more_person_and_named_injuries(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


def test_an_age_introduces_a_person_whose_noun_was_told_before() -> None:
    text = "Im Dorf kam es zu einem Streit unter Nachbarn. Am Abend erschoss der 60-jährige Nachbar einen Passanten."
    assert read_figures(text) == [("der 60-jährige Nachbar", 1, "attackers"), ("einen Passanten", 1, "killed")]


def test_clauses_without_a_subject_share_the_one_before_them() -> None:
    text = "Gegen Mitternacht fuhren drei Männer vor das Heim, stiegen aus und riefen rassistische Parolen."
    assert read_figures(text) == [("drei Männer", 3, "attackers")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "darunter" with "sein": the subject is a part of the count before it
        ("Mindestens fünf Menschen wurden tot geborgen, darunter ist auch ein Kind.",
         [("Mindestens fünf Menschen", 5, "killed"), ("ein Kind", 1, "killed")]),
        ("Zwölf Menschen wurden verletzt, darunter sind zwei Kinder.",
         [("Zwölf Menschen", 12, "injured"), ("zwei Kinder", 2, "injured")]),
    ],
)
def test_parts_told_with_a_copula(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected
    doc_parts = [f.part_of for f in find_figures(layer_doc(text))]
    assert doc_parts[0] is None and doc_parts[1] == 0


def test_a_person_named_again_by_an_apposition_is_one() -> None:
    text = "Der 37-jährige Torwart des Vereins, Erik Beispiel, wurde am Abend schwer verletzt."
    assert read_figures(text) == [("Der 37-jährige Torwart", 1, "injured")]


def test_a_vague_count_after_a_noun_opens_the_object() -> None:
    text = "Der Miliz wird vorgeworfen, dass die Kämpfer Hunderte von Jungen zwangsrekrutiert haben."
    assert read_figures(text) == [("Hunderte", 200, "abducted")]
    assert read_figures("Die Armee hat Hunderte Zivilisten getötet.") == [("Hunderte Zivilisten", 200, "killed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # thousands written with a space; a count right after a year in a prepositional phrase is its own
        ("Bei den Kämpfen sind seit 1990 mehr als 12 000 Menschen umgekommen.",
         [("mehr als 12 000 Menschen", 12001, "killed")]),
        # a range inside an agent phrase stays one phrase
        ("Am Abend wurde ein Mann von drei bis vier Unbekannten angegriffen und verletzt.",
         [("ein Mann", 1, "injured"), ("drei bis vier Unbekannten", 3, "attackers")]),
    ],
)
def test_spaced_thousands_and_counts_after_a_number(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


def test_a_plural_verb_the_tagger_calls_an_infinitive_ends_its_clause() -> None:
    text = "Die Behörden gehen nach neuen Angaben von 80 Todesopfern aus, 12 Menschen werden noch vermisst."
    assert read_figures(text) == [("80 Todesopfern", 80, "killed"), ("12 Menschen", 12, "missing")]


def test_a_count_of_arrested_people_needs_no_listed_person_noun() -> None:
    assert read_figures("Die Polizei hat am Samstag acht junge Skinheads festgenommen.") == [
        ("acht junge Skinheads", 8, "arrested")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the relative pronoun is the subject of a passive harm: its antecedent is the victim
        ("Drei Asylbewerber, die in der Nacht festgenommen worden waren, haben in Notwehr gehandelt.",
         [("Drei Asylbewerber", 3, "arrested")]),
        ("Der Minister besuchte zwei Soldaten, die bei dem Anschlag verletzt worden waren.",
         [("zwei Soldaten", 2, "injured")]),
    ],
)
def test_the_antecedent_of_a_relative_subject_is_the_victim(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert read_figures(text) == expected


def test_a_definite_casualty_noun_as_subject_of_sein_names_its_members() -> None:
    text = "Zwölf Mitglieder wurden verletzt, die Verletzten seien zehn Touristen und zwei Fahrer."
    assert read_figures(text) == [
        ("Zwölf Mitglieder", 12, "injured"), ("zehn Touristen", 10, "injured"), ("zwei Fahrer", 2, "injured")
    ]


def test_counted_others_with_a_passive_victim_share_the_harm() -> None:
    assert read_figures("Am Montag wurde er mit 15 weiteren Männern festgenommen.") == [("15", 15, "arrested")]
    assert read_figures("Er wurde mit drei Schüssen getötet.") == []
