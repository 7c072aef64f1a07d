"""Figures: sentences written for these tests (invented, not from any corpus)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.errors import ConfigError
from lagebild.extract.figures import find_figures
from lagebild.model import Article, Document, Mention, Place, Quote
from lagebild.pipeline import Pipeline

_LAYER = Pipeline(stages=("tokens.v1", "parse.v1", "times.v1"))


def _doc(text: str, **facts: object) -> Document:
    doc = _LAYER(Article(text=text, published="2016-12-14"))  # tokens, sentences, parse, times
    for name, value in facts.items():
        setattr(doc, name, value)
    return doc


CASES = [
    # sentence, figure text (substring), low, high, approx, category
    ("Bei dem Angriff wurden 12 Menschen getötet.", "12 Menschen", 12, 12, "exact", "killed"),
    ("Es gab mindestens 100.000 Flüchtlinge.", "mindestens 100.000 Flüchtlinge", 100000, None, "at_least", "displaced"),
    ("Mehr als 300 Menschen wurden verwundet.", "Mehr als 300 Menschen", 301, None, "more_than", "injured"),
    ("Über 40 Zivilisten kamen ums Leben.", "Über 40 Zivilisten", 41, None, "more_than", "killed"),
    ("Bis zu 300.000 Menschen sind in der Stadt eingeschlossen.", "Bis zu 300.000 Menschen", None, 300000, "at_most", "trapped"),
    ("Rund 1,5 Millionen Menschen sind auf der Flucht.", "Rund 1,5 Millionen Menschen", 1500000, 1500000, "about", "displaced"),
    ("Schätzungsweise 250.000 Bewohner wurden evakuiert.", "Schätzungsweise 250.000 Bewohner", 250000, 250000, "about", "evacuated"),
    ("Knapp 50 Soldaten wurden gefangen genommen.", "Knapp 50 Soldaten", 50, 50, "about", "arrested"),
    ("Etwa 20 Helfer werden vermisst.", "Etwa 20 Helfer", 20, 20, "about", "missing"),
    ("Die Milizen haben zwei Journalisten entführt.", "zwei Journalisten", 2, 2, "exact", "abducted"),
    ("Sieben Menschen wurden festgenommen.", "Sieben Menschen", 7, 7, "exact", "arrested"),
    ("Aktivisten zählten 180 bis 200 Tote.", "180 bis 200 Tote", 180, 200, "range", "killed"),
    ("Zwischen 20 und 30 Kämpfer wurden exekutiert.", "Zwischen 20 und 30 Kämpfer", 20, 30, "range", "executed"),
    ("Dutzende Menschen starben in den Trümmern.", "Dutzende Menschen", 24, None, "at_least", "killed"),
    ("Tausende Familien sind geflohen.", "Tausende Familien", 2000, None, "at_least", "displaced"),
    ("Hunderte Verletzte warten auf Hilfe.", "Hunderte Verletzte", 200, None, "at_least", "injured"),
    ("Es gab 14 Tote und 30 Verletzte.", "30 Verletzte", 30, 30, "exact", "injured"),
    ("Fünf Angreifer sprengten sich in die Luft.", "Fünf Angreifer", 5, 5, "exact", "attackers"),
    ("An der Grenze warten 400 Menschen.", "400 Menschen", 400, 400, "exact", "other_people"),
    # a participle or adjectival noun before the noun names the category
    ("Die Behörde hat 15 getötete Zivilisten gemeldet.", "15", 15, 15, "exact", "killed"),
    ("Die Helfer fanden 30 verletzte Kinder.", "30", 30, 30, "exact", "injured"),
    ("Man zählte 8 tote Soldaten.", "8", 8, 8, "exact", "killed"),
    ("Die Armee meldete 200 gefangene Kämpfer.", "200", 200, 200, "exact", "arrested"),
]


@pytest.mark.parametrize(("sentence", "text", "low", "high", "approx", "category"), CASES)
def test_figure_value_and_category(sentence: str, text: str, low: int | None, high: int | None, approx: str,
                                   category: str) -> None:
    figures = find_figures(_doc(sentence))
    match = [f for f in figures if text in sentence[f.start:f.end] or sentence[f.start:f.end] in text]
    assert match, f"{text!r} not found in {[f.text for f in figures]}"
    f = match[0]
    assert (f.low, f.high, f.approx, f.category) == (low, high, approx, category)


@pytest.mark.parametrize("sentence", [
    "Der Wiederaufbau kostet 500 Millionen Euro.",
    "Die Armee verlor 40 Panzer und 12 Flugzeuge.",
    "Die Zustimmung liegt bei 35 Prozent.",
    "Im Jahr 2015 wurden viele Häuser zerstört.",
    "In den letzten 48 Stunden fielen 200 Bomben.",
    "Mehr als 30 Gebäude wurden zerstört.",
])
def test_not_counts_of_people(sentence: str) -> None:
    assert find_figures(_doc(sentence)) == []


CLAIMS = [
    ("Nach Angaben des Roten Kreuzes wurden 40 Menschen getötet.", "des Roten Kreuzes"),
    ("Laut Rotem Kreuz wurden 40 Menschen getötet.", "Rotem Kreuz"),
    ("Der Polizei zufolge wurden 40 Menschen getötet.", "Der Polizei"),
    ("Aktivisten sprechen sogar von 60 Toten.", "Aktivisten"),
    ("Bei dem Anschlag starben 12 Menschen, teilte die Organisation mit.", "die Organisation"),
    ("Bei dem Anschlag starben 12 Menschen, berichtete die Agentur AFP.", "die Agentur AFP"),
    ("Bei dem Anschlag starben 12 Menschen.", None),
    # subject + "sprach … von", with a time or the subject between verb and "von"
    ("Die Zivilschutzorganisation Weißhelme sprach am Dienstag von 18 Toten.", "Die Zivilschutzorganisation Weißhelme"),
    ("Am Dienstag sprach die Polizei von 18 Toten.", "die Polizei"),
    ("Der Leiter des Krankenhauses sprach am Mittwoch von neun Toten.", "Der Leiter des Krankenhauses"),
    # perfect tense: the subject before or right after the auxiliary
    ("Nach dem Anschlag hat Innenminister Ahmed Fiqi von mindestens zehn Toten gesprochen.", "Innenminister Ahmed Fiqi"),
    ("Die Gesundheitsbehörde der Provinz hat am Montag 15 getötete Zivilisten gemeldet.",
     "Die Gesundheitsbehörde der Provinz"),
    ("Am Abend hat die Armee 20 verletzte Soldaten gemeldet.", "die Armee"),
    # other cues
    ("Der Armee zufolge wurden 20 Kämpfer getötet.", "Der Armee"),
    ("Bei dem Angriff wurden 20 Kämpfer getötet, wie die Armee mitteilte.", "die Armee"),
    ("Wie das Rote Kreuz mitteilte, wurden 20 Menschen verletzt.", "das Rote Kreuz"),
    ("Nach Angaben von Amnesty International wurden 40 Häftlinge hingerichtet.", "Amnesty International"),
    ("Die Polizei meldete am Abend 12 Tote.", "Die Polizei"),
    ("Örtliche Medien berichteten von 14 Toten.", "Örtliche Medien"),
]


@pytest.mark.parametrize(("sentence", "claimant"), CLAIMS)
def test_claimant(sentence: str, claimant: str | None) -> None:
    figures = find_figures(_doc(sentence))
    assert len(figures) == 1
    got = figures[0].claimant
    assert (got.text if got else None) == claimant
    if got:
        assert sentence[got.start:got.end] == got.text


def test_claimant_in_the_sentence_before_for_reported_speech() -> None:
    text = "Das teilte das Gesundheitsministerium am Abend mit. Insgesamt seien 17 Menschen getötet worden."
    figures = find_figures(_doc(text))
    assert figures[0].claimant is not None and "Gesundheitsministerium" in figures[0].claimant.text


def test_pronoun_claimant_is_the_claimant_named_before() -> None:
    text = "Der Gouverneur der Provinz äußerte sich am Abend. Er sprach von 25 Toten."
    figures = find_figures(_doc(text))
    assert figures[0].claimant is not None and figures[0].claimant.text == "Der Gouverneur der Provinz"


def test_pronoun_claimant_resolved_by_the_quote() -> None:
    text = "Ministerin Anna Beispiel reiste nach Genf. „Wir zählen 40 Tote“, sagte sie."
    at = text.index("sie.")
    quote = Quote("", text.index("„") + 1, text.index("“"), "Wir zählen 40 Tote", "direct",
                  speaker=Mention(at, at + 3, "sie"), speaker_resolved="Ministerin Anna Beispiel")
    figures = find_figures(_doc(text, quotes=[quote]))
    claimant = figures[0].claimant
    assert claimant is not None and claimant.text == "Ministerin Anna Beispiel"
    assert text[claimant.start:claimant.end] == claimant.text


def test_a_part_counts_what_its_whole_counts() -> None:
    text = "Die Weißhelme sprachen von 18 Toten, darunter fünf Kinder."
    whole, part = find_figures(_doc(text))
    assert (part.category, part.part_of) == ("killed", whole.start)
    assert part.claimant == whole.claimant and whole.part_of is None


def test_no_time_as_claimant() -> None:
    text = "Am Dienstag sprach man von 18 Toten."
    figures = find_figures(_doc(text))
    assert figures[0].claimant is None or "Dienstag" not in figures[0].claimant.text


def test_quote_speaker_is_the_claimant() -> None:
    text = "„Wir haben 30 Tote gezählt“, sagte der Arzt."
    at = text.index("der Arzt")
    speaker = Mention(at, at + 8, "der Arzt")
    quote = Quote("", 1, text.index("“"), text[1:text.index("“")], "direct", speaker=speaker)
    figures = find_figures(_doc(text, quotes=[quote]))
    assert figures[0].claimant == speaker


@pytest.mark.parametrize("text", [
    "Die Angreifer sollen nach ersten Angaben acht Zivilisten getötet haben.",
    "Die Zahlen wurden später präzisiert, es heißt nun, dass 22 Zivilisten getötet wurden.",
])
def test_a_phrase_that_names_no_source_is_no_claimant(text: str) -> None:
    at = text.index("ersten Angaben") if "ersten" in text else text.index("Die Zahlen")
    end = at + (len("ersten Angaben") if "ersten" in text else len("Die Zahlen"))
    quote = Quote("", at, len(text) - 1, text[at:-1], "indirect", speaker=Mention(at, end, text[at:end]))
    figures = find_figures(_doc(text, quotes=[quote]))
    assert [f.claimant for f in figures] == [None]


def test_a_possessive_source_points_back() -> None:
    text = "Das Institut legte eine Studie vor. Nach ihren Angaben wurden 200 Menschen getötet."
    figures = find_figures(_doc(text))
    assert figures[0].claimant is not None and figures[0].claimant.text == "Das Institut"


@pytest.mark.parametrize(("text", "categories"), [
    ("Es wurden neun Polizisten und acht Zivilisten getötet.", ["killed", "killed"]),
    ("Die Angreifer sollen neun Sicherheitsbeamte, drei Kinder sowie acht Zivilisten getötet haben.",
     ["killed", "killed", "killed"]),
    ("Bei dem Anschlag starben 12 Menschen, 30 wurden verletzt.", ["killed", "injured"]),
    ("Die Polizei nahm 20 Personen mit, 30 Menschen wurden getötet.", ["other_people", "killed"]),
])
def test_coordinated_counts_share_the_verb(text: str, categories: list[str]) -> None:
    assert [f.category for f in find_figures(_doc(text))] == categories


SYNTAX_CASES = [
    # every conjunct of a passive subject, with the verb at the end of the clause
    ("Demnach wurden 11 Milizionäre, mindestens fünf Zivilisten, sechs Polizisten und ein Journalist getötet.",
     [(11, "killed"), (5, "killed"), (6, "killed"), (1, "killed")]),
    # verb first, coordinated subjects after adverbials
    ("Nach Angaben der Armee starben bei Gefechten binnen zweier Tage 17 Kämpfer der Regierungstruppen sowie 23 Aufständische.",
     [(17, "killed"), (23, "killed")]),
    ("Ein Lehrer und drei Soldaten erlagen ihren Verletzungen.", [(1, "killed"), (3, "killed")]),
    # singular victims are counts of one
    ("Ein Soldat wurde getötet.", [(1, "killed")]),
    ("Eine 45-jährige Frau erlag ihren Verletzungen.", [(1, "killed")]),
    # attackers in the victim's role are victims
    ("Die drei Angreifer wurden erschossen.", [(3, "killed")]),
    # the active subject of a killing verb is the perpetrator
    ("Zwei Selbstmordattentäter töteten 30 Menschen.", [(2, "attackers"), (30, "killed")]),
    ("Bei dem Anschlag kamen 12 Menschen ums Leben, darunter vier Kinder.", [(12, "killed"), (4, "killed")]),
    # the subject of an attack verb attacks; one named attacker counts one
    ("Am Mittwoch griffen zwei Selbstmordattentäter das Haus eines Generals an.", [(2, "attackers")]),
    ("Ein Selbstmordattentäter tötete bei dem Anschlag mindestens 26 Menschen.", [(1, "attackers"), (26, "killed")]),
    # a toll counts what its genitive names, parts after "darunter" are its parts
    ("Die Zahl der Toten stieg bis zum Abend auf 384, darunter 62 Zivilisten.", [(384, "killed"), (62, "killed")]),
    ("Unter den Toten sollen neun Zivilisten und drei Aufständische gewesen sein.", [(9, "killed"), (3, "killed")]),
    # an embedded relative clause does not end the clause around it
    ("Ein Attentäter tötete bei einem Anschlag auf einen Konvoi, der Menschen aus der Stadt bringen sollte, "
     "mindestens 12 Menschen.", [(1, "attackers"), (12, "killed")]),
    # a comma or "und" between two finite verbs ends a clause
    ("Bei dem Angriff wurden 24 Menschen getötet und mehr als 60 Weitere wurden verletzt.", [(24, "killed"), (61, "injured")]),
    ("Die Polizei nahm 20 Personen mit, 30 Menschen wurden getötet.", [(20, "other_people"), (30, "killed")]),
    # one person arrested is a count of one; the state passive is a passive
    ("Ein 35-jähriger Mann wurde festgenommen.", [(1, "arrested")]),
    ("Tatsächlich sollen bereits zwei Männer und eine Frau festgenommen sein.", [(2, "arrested"), (1, "arrested")]),
    # a pronoun is the subject; the noun phrase after the verb is the object
    ("Als Kämpfer die Stadt einnahmen, töteten sie mehrere hundert Zivilisten.", [(200, "killed")]),
    # coordinated participles take their own noun phrases
    ("In Homs wurden 20 Menschen getötet und 30 verletzt.", [(20, "killed"), (30, "injured")]),
    # a date is nobody
    ("Am Donnerstag, dem 10. Februar 2011, wurde in einer Kleinstadt ein vierjähriges Mädchen entführt.", [(1, "abducted")]),
    # a parenthesis of members between the subject and its verb, a dash before the parts
    ("Zivilisten, unter ihnen mehrere Frauen und sechs Kinder, wurden in zwei Häusern getötet.", [(6, "killed")]),
    ("Im Mai starben im Land 400 Menschen – darunter 200 Zivilisten und 75 irakische Soldaten.",
     [(400, "killed"), (200, "killed"), (75, "killed")]),
    # a relative clause opened by a preposition and its pronoun
    ("Er ist wegen des Massakers angeklagt, bei dem etwa 800 Männer umgebracht worden sind.", [(800, "killed")]),
    # the death of counted people
    ("Die Untersuchung ergab, dass der Tod von 24 Zivilisten ein Verbrechen war.", [(24, "killed")]),
    # a person who is not in a casualty role is no count
    ("Ein Sprecher der Polizei bestätigte den Vorfall.", []),
]


@pytest.mark.parametrize(("text", "expected"), SYNTAX_CASES)
def test_figures_through_the_parse(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(f.low, f.category) for f in find_figures(_doc(text))] == expected


def test_victims() -> None:
    figures = find_figures(_doc("Bei dem Luftangriff wurden 9 Kinder getötet."))
    assert figures[0].victims == "children"


def _place(text: str, name: str, feature: str = "city", role: str = "mention") -> Place:
    start = text.index(name)
    return Place("", start, start + len(name), name, name, "SY", 0.0, 0.0, feature, 1, role)  # type: ignore[arg-type]


def test_place_from_the_same_or_previous_sentence() -> None:
    text = "Die Armee rückte in Homs ein. Dort wurden 15 Menschen getötet. In Syrien starben 4 Soldaten."
    places = [_place(text, "Homs"), _place(text, "Syrien", "country")]
    figures = find_figures(_doc(text, places=places))
    assert [f.place for f in figures] == ["Homs", "Syrien"]


def test_place_fallback_is_not_the_dateline() -> None:
    text = "Nairobi. In Mogadischu explodierte eine Bombe. Die Lage ist ernst. Niemand hilft. Es gab neun Tote."
    places = [_place(text, "Nairobi", role="dateline"), _place(text, "Mogadischu")]
    assert find_figures(_doc(text, places=places))[0].place == "Mogadischu"


def test_dateline_in_the_same_sentence_gives_way_to_the_place_told() -> None:
    text = "Tunis – In Tunesien hatte ein Angreifer 38 Menschen erschossen."
    places = [_place(text, "Tunis", role="dateline"), _place(text, "Tunesien", "country")]
    assert find_figures(_doc(text, places=places))[0].place == "Tunesien"


def test_part_between_count_and_verb() -> None:
    text = "In Sousse hatte ein Angreifer 38 Menschen, darunter 30 Briten, erschossen."
    figures = find_figures(_doc(text))
    assert [(f.low, f.category, f.part_of) for f in figures] == [
        (1, "attackers", None), (38, "killed", None), (30, "killed", text.index("38"))
    ]


def test_police_make_arrests_they_are_not_arrested() -> None:
    text = "Bei einem Einsatz von rund 400 Polizisten wurden zwölf Mitglieder der Bande festgenommen."
    figures = find_figures(_doc(text))
    assert [(f.low, f.category) for f in figures] == [(400, "other_people"), (12, "arrested")]


def test_a_toll_is_no_claim() -> None:
    text = "Zwölf Todesopfer forderte ein Wirbelsturm im Norden des Landes."
    doc = _doc(text)
    speaker = Mention(0, 16, "Zwölf Todesopfer")  # what a speech rule could have taken for a speaker
    doc.quotes = [Quote("", 0, len(text) - 1, text[:-1], "indirect", speaker)]
    figures = find_figures(doc)
    assert [(f.low, f.category, f.claimant) for f in figures] == [(12, "killed", None)]


def test_place_falls_back_to_the_article() -> None:
    text = "Aleppo. Die Lage ist ernst. Niemand hilft. Es gibt keine Hoffnung. Dann wurden 15 Menschen getötet."
    figures = find_figures(_doc(text, places=[_place(text, "Aleppo")]))
    assert figures[0].place == "Aleppo"


_WORDS = st.sampled_from(["mindestens", "mehr", "als", "100.000", "82", "bis", "200", "Menschen", "getötet", "laut",
                          "Rotem", "Kreuz", "zwischen", "und", "Dutzende", "Tote", "1,5", "Millionen", "Euro", ",",
                          ".", "zufolge", "Aktivisten", "sprechen", "von", "„", "“", "verletzt", "zwei"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=25))
def test_every_figure_is_grounded(words: list[str]) -> None:
    text = " ".join(words)
    for f in find_figures(_doc(text)):
        assert text[f.start:f.end] == f.text
        if f.claimant:
            assert text[f.claimant.start:f.claimant.end] == f.claimant.text


def test_an_anaphoric_source_points_back() -> None:
    text = "Die Beobachtungsstelle veröffentlichte am Montag neue Zahlen. Demnach wurden 11 Milizionäre getötet."
    figures = find_figures(_doc(text))
    assert [(f.low, f.category) for f in figures] == [(11, "killed")]
    assert figures[0].claimant is not None and figures[0].claimant.text == "Die Beobachtungsstelle"


@pytest.mark.parametrize(("text", "claimant"), [
    ("Nach palästinensischen Angaben sind unter den Toten 36 Kinder.", "palästinensischen Angaben"),
    ("Wie aus einer Mitteilung der Schutztruppe hervorgeht, wurden fünf Zivilisten getötet.",
     "einer Mitteilung der Schutztruppe"),
    ("Die Allianz geht von zwölf getöteten Zivilisten aus.", "Die Allianz"),
])
def test_claimants_by_class(text: str, claimant: str) -> None:
    figures = find_figures(_doc(text))
    assert figures and figures[0].claimant is not None and figures[0].claimant.text == claimant


def test_first_reports_name_no_source() -> None:
    figures = find_figures(_doc("Nach ersten Angaben wurden fünf Menschen getötet."))
    assert [(f.low, f.category, f.claimant) for f in figures] == [(5, "killed", None)]


@pytest.mark.parametrize(("text", "claimant"), [
    # the source named in the next sentence, pointing back at the counts
    ("Im ersten Halbjahr starben 2.489 Menschen. Diese Zahlen veröffentlichte am Dienstag die Regierung.",
     "die Regierung"),
    # what a claim verb estimates is no source; its subject is
    ("Das Rote Kreuz schätzt die Zahl der Flüchtlinge auf 50.000.", "Das Rote Kreuz"),
])
def test_sources_around_the_count(text: str, claimant: str) -> None:
    figures = find_figures(_doc(text))
    assert figures and figures[0].claimant is not None and figures[0].claimant.text == claimant


@pytest.mark.parametrize("text", [
    "Es gab insgesamt fünf Tote (Wikinews berichtete).",  # a cross-reference is no source
    "In den ersten Berichten hatte es geheißen, dass sechs Menschen erschossen wurden.",  # nor are reports
    "Ein Teil der Auseinandersetzungen war heftig. Demnach wurden sechs Menschen verwundet.",  # nor any noun
])
def test_no_source(text: str) -> None:
    figures = find_figures(_doc(text))
    assert figures and figures[0].claimant is None


@pytest.mark.parametrize("text", [
    "Der Täter flüchtete über die Autobahn A 12 zurück in die Stadt.",  # a number in a name
    "Schwarze Einwohner seien gejagt und getötet worden.",  # a bare plural is no single person
])
def test_no_count(text: str) -> None:
    assert [f.low for f in find_figures(_doc(text))] == []


def test_role_readings_can_be_compared() -> None:
    text = "Demnach wurden 11 Milizionäre, mindestens fünf Zivilisten, sechs Polizisten und ein Journalist getötet."
    doc = _doc(text)
    grammar = [(f.low, f.category) for f in find_figures(doc, roles="grammar")]
    words_only = [(f.low, f.category) for f in find_figures(doc, roles="none")]
    assert grammar == [(11, "killed"), (5, "killed"), (6, "killed"), (1, "killed")]
    assert ("killed" not in {c for _, c in words_only}) or len(words_only) < len(grammar)
    with pytest.raises(ConfigError):
        find_figures(doc, roles="guess")
