"""Build ``lang/de/noun_lexicon.tsv``: lower-cased German word forms and stems, each marked as a common
noun (``N``), a proper name (``E``), both (``B``) or a frequent word
of another part of speech (``F``: "der", "deutschen", "nach"). The NER reads it to tell an unseen capitalised
common noun ("Schokolade", "Generalleutnant") from a name.

Sources (run ``python -m lagebild.training.name_lexicon``):

* the German morphology model of HanTa (Wartena 2019, ``morphmodel_ger.pgz`` inside the HanTa wheel,
  LGPL-3.0-or-later): the stems it emits under the STTS tags NN and NE (and their variant and acronym
  tags), and the frequent word forms it lists with another likeliest tag (``F``);
* UD German GSD dev and test (CC BY-SA 4.0): word forms tagged NOUN or PROPN;
* ``lang/de/given_names.txt`` (names).

A word both sources give both classes is ``B``. Only the word list is written, no corpus sentences.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import click

_NOUN_TAGS = ("NN", "NN_VAR", "NN_IRR", "ACR_NN")
_NAME_TAGS = ("NE", "NE_VAR", "ACR_NE")


def _usable(word: str) -> bool:
    return 2 <= len(word) <= 40 and word[0].isalpha() and not any(c in word for c in "`'\" \t")


def hanta_classes() -> dict[str, set[str]]:
    from HanTa import HanoverTagger

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    classes: dict[str, set[str]] = defaultdict(set)
    for tags, mark in ((_NOUN_TAGS, "N"), (_NAME_TAGS, "E")):
        for tag in tags:
            for stem in tagger.LP_m_t.get(tagger.tag2int[tag], {}):
                if _usable(stem):
                    classes[stem.lower()].add(mark)
    noun_or_name = {tagger.tag2int[tag] for tag in (*_NOUN_TAGS, *_NAME_TAGS)}
    for form, analyses in tagger.cache.items():  # frequent word forms with their likeliest tags
        if analyses and _usable(form) and analyses[0][0] not in noun_or_name and analyses[0][0] > 0:
            classes[form.lower()] = {"F"}
    return classes


def ud_classes(folder: Path) -> dict[str, set[str]]:
    classes: dict[str, set[str]] = defaultdict(set)
    for path in sorted(folder.glob("*.conllu")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                cells = line.split("\t")
                if len(cells) < 4 or not cells[0].isdigit():
                    continue
                mark = {"NOUN": "N", "PROPN": "E"}.get(cells[3])
                if mark and _usable(cells[1]) and cells[1][0].isupper():
                    classes[cells[1].lower()].add(mark)
    return classes


@click.command()
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("src/lagebild/lang/de/noun_lexicon.tsv"),
    show_default=True,
)
def main(data: Path, out: Path) -> None:
    """Write the noun/name lexicon.

    \b
    Example:
      python -m lagebild.training.name_lexicon --data ../shared/data
    """
    from lagebild.lang import load_wordlist

    merged: dict[str, set[str]] = defaultdict(set)
    hanta = hanta_classes()
    for source in (hanta, ud_classes(data / "ud_german_gsd")):
        for word, marks in source.items():
            merged[word] |= marks
    for word, marks in hanta.items():  # a frequent function word stays one ("die" is no name)
        if marks == {"F"}:
            merged[word] = {"F"}
    for name in load_wordlist("given_names.txt"):
        merged[name.lower()].add("E")
    lines = [
        "# Lower-cased German nouns (N), proper names (E), words that are both (B) and frequent words of other",
        "# parts of speech (F), for the NER.",
        "# Derived from the HanTa German morphology model (Wartena 2019, github.com/wartaal/HanTa, LGPL-3.0-or-later:",
        "# this list is distributed under the same licence), UD German GSD dev+test (CC BY-SA 4.0) and",
        "# given_names.txt. Rebuild with `python -m lagebild.training.name_lexicon`.",
    ]
    for word in sorted(merged):
        marks = merged[word]
        mark = "F" if "F" in marks else "B" if len(marks) == 2 else next(iter(marks))
        lines.append(f"{word}\t{mark}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    click.echo(f"{len(merged)} words written to {out}", err=True)


if __name__ == "__main__":
    sys.exit(main())
