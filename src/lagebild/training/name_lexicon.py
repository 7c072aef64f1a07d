"""Build ``lang/de/noun_lexicon_hanta.tsv`` and ``noun_lexicon_ud.tsv``: lower-cased German word forms and stems, each marked as a common
noun (``N``), a proper name (``E``), both (``B``) or a frequent word
of another part of speech (``F``: "der", "deutschen", "nach"). The NER reads it to tell an unseen capitalised
common noun ("Schokolade", "Generalleutnant") from a name.

Sources (run ``python -m lagebild.training.name_lexicon``):

* the German morphology model of HanTa (Wartena 2019, ``morphmodel_ger.pgz`` inside the HanTa wheel,
  LGPL-3.0-or-later): the stems it emits under the STTS tags NN and NE (and their variant and acronym
  tags), and the frequent word forms it lists with another likeliest tag (``F``);
* UD German GSD dev and test (CC BY-SA 4.0): word forms tagged NOUN or PROPN;
* ``lang/de/given_names.txt`` (names).

Each source is written to its own file under its own licence; :func:`lagebild.extract.entities.crf.noun_lexicon`
merges them (with ``lang/de/given_names.txt``) on load. Only word lists are written, no corpus sentences.
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


HANTA_HEADER = [
    "# Lower-cased German word forms and stems with their classes from the HanTa German morphology model:",
    "# N common noun, E proper name, NE both, F a frequent word of another part of speech. For the NER.",
    "# Derived from HanTa (Wartena 2019, github.com/wartaal/HanTa), LGPL-3.0-or-later: this list is",
    "# distributed under the same licence. Rebuild with `python -m lagebild.training.name_lexicon`.",
]
UD_HEADER = [
    "# Lower-cased German word forms tagged NOUN (N), PROPN (E) or both (NE) in UD German GSD dev+test.",
    "# For the NER. Derived from UD German GSD (CC BY-SA 4.0): this list is distributed under the same",
    "# licence. Rebuild with `python -m lagebild.training.name_lexicon`.",
]


def _write(path: Path, header: list[str], classes: dict[str, set[str]]) -> None:
    lines = [*header, *(f"{word}\t{''.join(sorted(classes[word]))}" for word in sorted(classes))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@click.command()
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("src/lagebild/lang/de"),
    show_default=True,
    help="Folder for noun_lexicon_hanta.tsv and noun_lexicon_ud.tsv.",
)
def main(data: Path, out: Path) -> None:
    """Write the noun/name word lists (one per source and licence; the NER merges them on load).

    \b
    Example:
      python -m lagebild.training.name_lexicon --data ../shared/data
    """
    hanta = hanta_classes()
    ud = ud_classes(data / "ud_german_gsd")
    _write(out / "noun_lexicon_hanta.tsv", HANTA_HEADER, hanta)
    _write(out / "noun_lexicon_ud.tsv", UD_HEADER, ud)
    click.echo(f"{len(hanta)} + {len(ud)} words written to {out}", err=True)


if __name__ == "__main__":
    sys.exit(main())
