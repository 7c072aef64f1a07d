"""Stages and the pipeline that runs them.

A stage is a callable ``Document -> Document`` registered under a versioned name ("figures.v1") with
the Document fields it ``requires`` and ``assigns``. :class:`Pipeline` composes stages in order, checks
that every stage's requirements are assigned by an earlier one, and can print its configuration.

Stages of the default pipeline, in order:

1. ``tokens.v1``    – spaCy blank German tokenizer + rule-based sentence splitter (sentences)
2. ``entities.v1``  – trained German NER + entity ruler (entities)
3. ``actors.v1``    – actor dictionary (actors)
4. ``places.v1``    – gazetteer resolution, dateline, relative places (places, dateline)
5. ``times.v1``     – TIMEX3 time expressions (times)
6. ``quotes.v1``    – direct, partial, indirect speech with speakers (quotes)
7. ``figures.v1``   – counts of people with category and claimant (figures)
8. ``conflicts.v1`` – conflicting figures within an article (conflicts)
9. ``events.v1``    – ACLED-typed events with slots (events)
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lagebild import __version__
from lagebild.errors import ConfigError
from lagebild.model import Article, Document

StageFn = Callable[[Document], Document]


@dataclass(frozen=True)
class StageSpec:
    name: str
    factory: Callable[..., StageFn]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""


_REGISTRY: dict[str, StageSpec] = {}

# Modules that register the built-in stages; imported on first use so that importing lagebild stays cheap.
_BUILTIN_MODULES = (
    "lagebild.nlp.tokens",
    "lagebild.extract.entities",
    "lagebild.extract.actors",
    "lagebild.extract.places",
    "lagebild.extract.times",
    "lagebild.extract.quotes",
    "lagebild.extract.figures",
    "lagebild.extract.conflicts",
    "lagebild.extract.events",
)

DEFAULT_STAGES = (
    "tokens.v1",
    "entities.v1",
    "actors.v1",
    "places.v1",
    "times.v1",
    "quotes.v1",
    "figures.v1",
    "conflicts.v1",
    "events.v1",
)


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Callable[..., StageFn]], Callable[..., StageFn]]:
    """Register a stage factory under ``name``. The factory takes keyword options, returns the stage."""

    def register(factory: Callable[..., StageFn]) -> Callable[..., StageFn]:
        _REGISTRY[name] = StageSpec(
            name, factory, tuple(requires), tuple(assigns), (factory.__doc__ or "").strip().split("\n")[0]
        )
        return factory

    return register


def _load_builtins() -> None:
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a stage module that is not installed is reported on use
            if exc.name != module:
                raise


def registered_stages() -> dict[str, StageSpec]:
    _load_builtins()
    return dict(_REGISTRY)


@dataclass
class Pipeline:
    """An ordered list of stages with their options."""

    stages: tuple[str, ...] = ()
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    _fns: list[StageFn] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        specs = registered_stages()
        if not self.stages:
            # the default pipeline: every built-in stage that is installed, in order
            self.stages = tuple(name for name in DEFAULT_STAGES if name in specs)
        assigned: set[str] = {"article"}
        for name in self.stages:
            if name not in specs:
                known = ", ".join(sorted(specs))
                raise ConfigError(f"unknown stage {name!r}; registered stages: {known}")
            spec = specs[name]
            missing = [r for r in spec.requires if r not in assigned]
            if missing:
                raise ConfigError(
                    f"stage {name!r} requires {missing}, which no earlier stage assigns; "
                    "put the stage that assigns them first"
                )
            assigned.update(spec.assigns)
            self._fns.append(spec.factory(**self.options.get(name, {})))

    @property
    def version(self) -> str:
        return f"lagebild {__version__}: " + " > ".join(self.stages)

    def config(self) -> dict[str, Any]:
        specs = registered_stages()
        return {
            "lagebild": __version__,
            "stages": [
                {
                    "name": name,
                    "requires": list(specs[name].requires),
                    "assigns": list(specs[name].assigns),
                    "options": self.options.get(name, {}),
                    "doc": specs[name].doc,
                }
                for name in self.stages
            ],
        }

    def config_text(self) -> str:
        return json.dumps(self.config(), indent=2, ensure_ascii=False)

    def __call__(self, article: Article) -> Document:
        doc = Document(article=article, pipeline=self.version)
        for fn in self._fns:
            doc = fn(doc)
        return doc

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        for article in articles:
            yield self(article)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The default pipeline, built once per process (models load on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def analyze(article: Article | str, published: str | None = None) -> Document:
    """Run the default pipeline on one article (or a plain string)."""
    if isinstance(article, str):
        article = Article(text=article, published=published)
    return default_pipeline()(article)
