"""Stage contracts: the pipeline refuses an unknown stage, a missing requirement and a field used before
the stage that assigns it; it prints every stage's contract; and every built-in stage reads only the
fields its contract declares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.errors import ConfigError
from lagebild.model import Article, Document
from lagebild.pipeline import (
    ABSENT,
    DEFAULT_STAGES,
    Pipeline,
    StageSpec,
    check_contracts,
    document_fields,
    registered_stages,
)

# An invented article with something for every stage: a dateline, a named person and organisation,
# places, times, a quote, figures from two claimants, events.
ARTICLE = Article(
    id="vertrag-1",
    published="2024-03-12",
    text=(
        "Kabul. Bei einem Anschlag auf einen Markt in Kandahar sind am Montag nach Angaben der Polizei "
        "mindestens zwölf Menschen getötet worden. Die Taliban bekannten sich zu der Tat. "
        "„Die Lage ist dramatisch“, sagte Ahmad Karimi, ein Sprecher des Roten Kreuzes, am Dienstag. "
        "Nach Angaben der Vereinten Nationen kamen 15 Zivilisten ums Leben; 30 weitere wurden verletzt. "
        "Der Gouverneur sagte, die Armee habe drei Kämpfer festgenommen."
    ),
)


def noop(doc: Document) -> Document:
    return doc


def spec(name: str, requires: tuple[str, ...] = (), uses: tuple[str, ...] = (),
         assigns: tuple[str, ...] = ()) -> StageSpec:
    return StageSpec(name, lambda: noop, requires=requires, uses=uses, assigns=assigns, doc=name)


# --- the check ---------------------------------------------------------------------------------------


def test_unknown_stage_is_refused_with_the_registered_names() -> None:
    with pytest.raises(ConfigError, match=r"unknown stage 'zeiten\.v1'.*times\.v1"):
        Pipeline(stages=("tokens.v1", "zeiten.v1"))


def test_missing_requirement_names_stage_field_and_who_assigns_it() -> None:
    with pytest.raises(ConfigError) as caught:
        Pipeline(stages=("tokens.v1", "conflicts.v1"))
    message = str(caught.value)
    assert "'conflicts.v1' requires the field 'figures'" in message
    assert "figures.v1" in message  # the stage to put first


def test_requirement_assigned_only_later_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"'conflicts\.v1' requires the field 'figures'.*figures\.v1"):
        Pipeline(stages=("tokens.v1", "conflicts.v1", "figures.v1"))


@pytest.mark.parametrize(
    ("stages", "stage", "field", "later"),
    [
        (("tokens.v1", "quotes.v1", "entities.v1"), "quotes.v1", "entities", "entities.v1"),
        (("tokens.v1", "figures.v1", "times.v1"), "figures.v1", "times", "times.v1"),
        (("tokens.v1", "entities.v1", "places.v1", "actors.v1"), "places.v1", "actors", "actors.v1"),
    ],
)
def test_field_used_before_the_stage_that_assigns_it_is_refused(
    stages: tuple[str, ...], stage: str, field: str, later: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        Pipeline(stages=stages)
    message = str(caught.value)
    assert f"stage {stage!r} uses the field {field!r}, which only the later stage {later!r} assigns" in message


def test_used_field_that_no_stage_assigns_is_absent() -> None:
    pipeline = Pipeline(stages=("tokens.v1", "quotes.v1"))
    (tokens, quotes) = pipeline.contracts
    assert tokens.uses == () and tokens.assigns == ("nlp", "sentences")
    uses = dict(quotes.uses)
    assert uses["sentences"] == "tokens.v1" and uses["entities"] == ABSENT
    assert "entities" in quotes.absent and "sentences" not in quotes.absent
    assert "entities (absent)" in pipeline.config_text()
    assert "quotes.v1: entities" in pipeline.check_summary()
    assert pipeline(Article(text="„Wir bleiben“, sagte der Bürgermeister.")).quotes  # runs without it


def test_a_field_assigned_earlier_and_again_later_comes_from_the_earlier_stage() -> None:
    specs = {
        "a.v1": spec("a.v1", assigns=("times",)),
        "b.v1": spec("b.v1", uses=("times",), assigns=("figures",)),
        "c.v1": spec("c.v1", assigns=("times",)),
    }
    contracts = check_contracts(("a.v1", "b.v1", "c.v1"), specs)
    assert contracts[1].uses == (("times", "a.v1"),)


def test_contract_naming_no_document_field_is_refused() -> None:
    specs = {"a.v1": spec("a.v1", uses=("zeiten",), assigns=("times",))}
    with pytest.raises(ConfigError, match=r"stage 'a\.v1' uses 'zeiten', which is no Document field"):
        check_contracts(("a.v1",), specs)


def test_the_article_is_there_from_the_start() -> None:
    specs = {"a.v1": spec("a.v1", requires=("article",), assigns=("times",))}
    assert check_contracts(("a.v1",), specs)[0].requires == (("article", "article"),)


def test_options_for_a_stage_not_in_the_pipeline_are_refused() -> None:
    with pytest.raises(ConfigError, match=r"options for 'entities\.v1'"):
        Pipeline(stages=("tokens.v1",), options={"entities.v1": {"model": "shipped"}})


def test_default_pipeline_is_every_default_stage_and_passes_its_check() -> None:
    pipeline = Pipeline()
    assert pipeline.stages == DEFAULT_STAGES
    assert [c.name for c in pipeline.contracts] == list(DEFAULT_STAGES)
    for contract in pipeline.contracts:
        for _, source in contract.requires + contract.uses:
            assert source == ABSENT or source == "article" or source in DEFAULT_STAGES


def test_every_builtin_contract_names_document_fields() -> None:
    fields = document_fields()
    for name, found in registered_stages().items():
        assert set(found.requires + found.uses + found.assigns) <= fields, name
        assert found.assigns, f"{name} assigns nothing"


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("lagebild_probe_missing", None),  # the module itself is not there
        ("lagebild_probe_broken", "import lagebild_probe_no_such_dependency\n"),  # it imports what is not there
    ],
)
def test_builtin_stage_module_that_cannot_be_imported_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, module: str, source: str | None
) -> None:
    import lagebild.pipeline as pipeline_module

    if source is not None:
        (tmp_path / f"{module}.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(pipeline_module, "_BUILTIN_MODULES", (*pipeline_module._BUILTIN_MODULES, module))
    with pytest.raises(ConfigError, match=f"built-in stage module {module} cannot be imported"):
        registered_stages()
    with pytest.raises(ConfigError, match=module):
        Pipeline(stages=("tokens.v1",))


# --- the printed configuration -----------------------------------------------------------------------


def test_config_text_shows_each_stage_contract_and_the_check() -> None:
    pipeline = Pipeline(stages=("tokens.v1", "times.v1", "figures.v1", "conflicts.v1"))
    text = pipeline.config_text()
    blocks = text.split("\n\n")[1].split("\n")
    assert blocks[0].startswith(" 1. tokens.v1")
    assert "      assigns   nlp, sentences" in blocks[1:4]
    figures = text[text.index("figures.v1  ") : text.index("conflicts.v1  ")]
    assert "times (times.v1)" in figures and "quotes (absent)" in figures and "places (absent)" in figures
    conflicts = text[text.index("conflicts.v1  ") :]
    assert "requires  figures (figures.v1)" in conflicts
    assert text.rstrip().splitlines()[-1].startswith("contract check: ok (4 stages)")


def test_config_data_matches_the_contracts() -> None:
    config = Pipeline(stages=("tokens.v1", "quotes.v1")).config()
    assert [s["name"] for s in config["stages"]] == ["tokens.v1", "quotes.v1"]
    uses = config["stages"][1]["uses"]
    assert uses["sentences"] == "tokens.v1" and uses["entities"] == ABSENT
    assert config["check"].startswith("ok (2 stages)")


# --- the contracts are honest: a stage reads only what it declares ----------------------------------

BOOKKEEPING = {"article", "warnings", "pipeline"}  # the input and the notes every stage may add


class RecordingDocument(Document):
    """A Document that notes which of its fields are read."""

    def __getattribute__(self, name: str) -> Any:
        if name in object.__getattribute__(self, "__dataclass_fields__"):
            object.__getattribute__(self, "__dict__").setdefault("_read", set()).add(name)
        return object.__getattribute__(self, name)


def test_every_builtin_stage_reads_only_the_fields_its_contract_declares() -> None:
    specs = registered_stages()
    doc: Document = RecordingDocument(article=ARTICLE)
    undeclared: dict[str, set[str]] = {}
    unread: dict[str, set[str]] = {}
    for name in DEFAULT_STAGES:
        contract = specs[name]
        run = contract.factory()
        doc.__dict__["_read"] = set()
        doc = run(doc)
        read = doc.__dict__.get("_read", set()) - BOOKKEEPING
        extra = read - set(contract.requires + contract.uses + contract.assigns)
        if extra:
            undeclared[name] = extra
        if set(contract.requires + contract.uses) - read:
            unread[name] = set(contract.requires + contract.uses) - read
    assert not undeclared, f"stages read fields their contract does not declare: {undeclared}"
    # and declare nothing they never read (a stale entry would refuse orders that are fine)
    assert not unread, f"stages declare fields they did not read on an article that has them: {unread}"
    assert doc.figures and doc.quotes and doc.events and doc.places  # the article exercised them
