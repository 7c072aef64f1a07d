"""Stages and the pipeline that runs them.

A stage is a callable ``Document -> Document`` registered under a versioned name ("figures.v1") with
its contract, three lists of Document fields:

* ``requires``: fields the stage cannot work without; an earlier stage must assign each of them,
* ``uses``: fields the stage reads when they are there and does without otherwise (figures read the
  times, quotes, places and sentences); an earlier stage may assign them, none may assign them only
  later (the stage would silently see nothing),
* ``assigns``: fields the stage sets.

:class:`Pipeline` composes stages in order and checks every contract when it is built
(:func:`check_contracts`); a broken one is a ConfigError naming the stage and the field. Its
configuration, with where each field a stage reads comes from, can be printed (``lagebild pipeline``).

Stages of the default pipeline, in order:

1. ``tokens.v1``    – spaCy blank German tokenizer + rule-based sentence splitter (nlp, sentences)
2. ``parse.v1``     – lemmas, tags, morphology, dependency parse, per sentence on demand (syntax)
3. ``entities.v1``  – trained German NER + entity ruler (entities)
4. ``actors.v1``    – actor dictionary (actors)
5. ``places.v1``    – gazetteer resolution, dateline, relative places (places, dateline)
6. ``times.v1``     – TIMEX3 time expressions (times)
7. ``quotes.v1``    – direct, partial, indirect speech with speakers (quotes)
8. ``figures.v1``   – counts of people with category and claimant (figures)
9. ``conflicts.v1`` – conflicting figures within an article (conflicts)
10. ``events.v1``   – ACLED-typed events with slots (events)

Every article has a time budget (``Pipeline(time_budget=30.0)``, seconds of wall-clock time; ``None``
for none): a feed or WARC record is whatever a web server sends, and one pathological article must not
stall a batch or ``POST /api/articles``. When the budget is spent, the stages not yet run are left out
and the Document comes back with a warning naming them, e.g. ``time budget of 30 s spent after 30.0 s:
stages left out: figures.v1 (interrupted), conflicts.v1, events.v1``. The budget is checked between
stages; in the main thread of a process (a CLI run, a local worker process) a stage that runs past it is
also interrupted (``SIGALRM``), and the fields it assigns go back to what they were before it. In other
threads (a Dask worker, the web server's thread pool) the stage that is running finishes first.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import signal
import textwrap
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lagebild import __version__
from lagebild.errors import ConfigError
from lagebild.model import Article, Document

StageFn = Callable[[Document], Document]

ARTICLE = "article"  # the field every Document starts with; no stage assigns it
ABSENT = "absent"  # printed for a used field that no stage of the pipeline assigns


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its factory and its contract (Document field names)."""

    name: str
    factory: Callable[..., StageFn]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""
    uses: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageContract:
    """One stage's contract inside a pipeline: each field it requires or uses with the earlier stage
    that assigns it (``"article"`` for the article itself, :data:`ABSENT` for a used field that no stage
    of the pipeline assigns)."""

    name: str
    requires: tuple[tuple[str, str], ...]
    uses: tuple[tuple[str, str], ...]
    assigns: tuple[str, ...]
    doc: str

    @property
    def absent(self) -> tuple[str, ...]:
        return tuple(name for name, source in self.uses if source == ABSENT)


_REGISTRY: dict[str, StageSpec] = {}

# Modules that register the built-in stages; imported on first use so that importing lagebild stays cheap.
_BUILTIN_MODULES = (
    "lagebild.nlp.tokens",
    "lagebild.nlp.syntax",
    "lagebild.extract.entities",
    "lagebild.extract.entities.actors",
    "lagebild.extract.places",
    "lagebild.extract.times",
    "lagebild.extract.quotes",
    "lagebild.extract.figures",
    "lagebild.extract.figures.conflicts",
    "lagebild.extract.events",
)

DEFAULT_TIME_BUDGET = 30.0
"""Seconds an article may take in the pipeline before the stages left are skipped (50,000 words of
running text take about 4 s)."""

DEFAULT_STAGES = (
    "tokens.v1",
    "parse.v1",
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
    name: str,
    *,
    requires: Iterable[str] = (),
    uses: Iterable[str] = (),
    assigns: Iterable[str] = (),
) -> Callable[[Callable[..., StageFn]], Callable[..., StageFn]]:
    """Register a stage factory under ``name``. The factory takes keyword options, returns the stage.

    ``requires``: the Document fields it cannot work without; ``uses``: those it reads when present;
    ``assigns``: those it sets. Example: ``@stage("figures.v1", uses=("sentences", "times"),
    assigns=("figures",))``.
    """

    def register(factory: Callable[..., StageFn]) -> Callable[..., StageFn]:
        _REGISTRY[name] = StageSpec(
            name,
            factory,
            requires=tuple(requires),
            assigns=tuple(assigns),
            doc=(factory.__doc__ or "").strip().split("\n")[0],
            uses=tuple(uses),
        )
        return factory

    return register


def _load_builtins() -> None:
    """Import the modules of the built-in stages. One that cannot be imported is an error, never a
    stage quietly left out of the pipeline."""
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise ConfigError(
                f"the built-in stage module {module} cannot be imported ({type(exc).__name__}: {exc}); "
                "every built-in stage must import: fix that import, or reinstall lagebild"
            ) from exc


def registered_stages() -> dict[str, StageSpec]:
    _load_builtins()
    return dict(_REGISTRY)


def document_fields() -> frozenset[str]:
    """The names a contract may use: the fields of :class:`~lagebild.model.Document`."""
    return frozenset(f.name for f in dataclasses.fields(Document))


def check_contracts(
    stages: Sequence[str], specs: Mapping[str, StageSpec] | None = None
) -> list[StageContract]:
    """Check the contracts of ``stages`` run in this order and say where each field comes from.

    A ConfigError names the stage and the field when a stage is not registered, declares a name that is
    no Document field, requires a field that no earlier stage assigns, or uses a field that only a
    later stage assigns. A used field that no stage assigns is allowed (``"absent"``): the stage does
    without it, as ``Pipeline(stages=("tokens.v1", "figures.v1"))`` finds figures without times.
    """
    specs = registered_stages() if specs is None else specs
    known_fields = document_fields()
    for name in stages:
        if name not in specs:
            raise ConfigError(f"unknown stage {name!r}; registered stages: {', '.join(sorted(specs))}")
        spec = specs[name]
        for kind, names in (("requires", spec.requires), ("uses", spec.uses), ("assigns", spec.assigns)):
            wrong = [f for f in names if f not in known_fields]
            if wrong:
                raise ConfigError(
                    f"stage {name!r} {kind} {', '.join(map(repr, wrong))}, which is no Document field "
                    f"(fields: {', '.join(sorted(known_fields))})"
                )
    assigned_by: dict[str, str] = {ARTICLE: ARTICLE}
    contracts: list[StageContract] = []
    for position, name in enumerate(stages):
        spec = specs[name]
        later = {f: other for other in reversed(stages[position + 1 :]) for f in specs[other].assigns}
        requires: list[tuple[str, str]] = []
        for wanted in spec.requires:
            if wanted not in assigned_by:
                providers = later.get(wanted) or ", ".join(
                    sorted(n for n, s in specs.items() if wanted in s.assigns)
                ) or "none is registered"
                raise ConfigError(
                    f"stage {name!r} requires the field {wanted!r}, which no earlier stage assigns "
                    f"(stages that assign it: {providers}); put one of them before {name!r}"
                )
            requires.append((wanted, assigned_by[wanted]))
        uses: list[tuple[str, str]] = []
        for wanted in spec.uses:
            if wanted not in assigned_by and wanted in later:
                raise ConfigError(
                    f"stage {name!r} uses the field {wanted!r}, which only the later stage "
                    f"{later[wanted]!r} assigns: {name!r} would run without it; put {later[wanted]!r} "
                    f"before {name!r}"
                )
            uses.append((wanted, assigned_by.get(wanted, ABSENT)))
        contracts.append(StageContract(name, tuple(requires), tuple(uses), spec.assigns, spec.doc))
        for assigned in spec.assigns:
            assigned_by[assigned] = name
    return contracts


@dataclass
class Pipeline:
    """An ordered list of stages with their options; built only when every stage's contract holds.

    ``time_budget``: seconds one article may take (default :data:`DEFAULT_TIME_BUDGET`; ``None``: no
    limit); the stages left when it is spent are skipped and named in the Document's ``warnings``.
    """

    stages: tuple[str, ...] = ()
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    time_budget: float | None = DEFAULT_TIME_BUDGET
    _fns: list[StageFn] = field(default_factory=list, init=False, repr=False)
    _contracts: list[StageContract] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        specs = registered_stages()
        if not self.stages:
            self.stages = DEFAULT_STAGES
        self.stages = tuple(self.stages)
        unknown_options = sorted(set(self.options) - set(self.stages))
        if unknown_options:
            raise ConfigError(
                f"options for {', '.join(map(repr, unknown_options))}, which is not a stage of this "
                f"pipeline ({', '.join(self.stages)})"
            )
        if self.time_budget is not None and not self.time_budget > 0:
            raise ConfigError(f"time_budget must be a positive number of seconds or None, not {self.time_budget!r}")
        self._contracts = check_contracts(self.stages, specs)
        for name in self.stages:
            self._fns.append(specs[name].factory(**self.options.get(name, {})))

    @property
    def version(self) -> str:
        return f"lagebild {__version__}: " + " > ".join(self.stages)

    @property
    def contracts(self) -> list[StageContract]:
        """Each stage's contract with where the fields it reads come from (checked when built)."""
        return list(self._contracts)

    def config(self) -> dict[str, Any]:
        """The configuration as data: stages in order, each with its contract and options."""
        return {
            "lagebild": __version__,
            "stages": [
                {
                    "name": contract.name,
                    "requires": {f: source for f, source in contract.requires},
                    "uses": {f: source for f, source in contract.uses},
                    "assigns": list(contract.assigns),
                    "options": self.options.get(contract.name, {}),
                    "doc": contract.doc,
                }
                for contract in self._contracts
            ],
            "check": self.check_summary(),
        }

    def check_summary(self) -> str:
        absent = sorted({f"{c.name}: {f}" for c in self._contracts for f in c.absent})
        summary = (
            f"ok ({len(self._contracts)} stages): every required field is assigned by an earlier stage, "
            "no used field only by a later one"
        )
        return summary + (f"; used but absent: {', '.join(absent)}" if absent else "; nothing used is absent")

    def config_text(self) -> str:
        """The configuration as ``lagebild pipeline`` prints it: per stage what it requires, uses and
        assigns, each field read with the stage it comes from, and the contract check's result."""
        width = max((len(c.name) for c in self._contracts), default=0)
        lines = [f"lagebild {__version__} pipeline: " + " > ".join(self.stages), ""]
        for number, contract in enumerate(self._contracts, 1):
            options = self.options.get(contract.name)
            lines.append(f"{number:>2}. {contract.name:<{width}}  {contract.doc}")
            lines.append(_wrapped("requires", _sources(contract.requires)))
            lines.append(_wrapped("uses", _sources(contract.uses)))
            lines.append(_wrapped("assigns", ", ".join(contract.assigns) or "-"))
            if options:
                lines.append("      options   " + json.dumps(options, ensure_ascii=False, sort_keys=True))
        lines += ["", "contract check: " + self.check_summary()]
        return "\n".join(lines)

    def __call__(self, article: Article) -> Document:
        doc = Document(article=article, pipeline=self.version)
        if self.time_budget is None:
            for fn in self._fns:
                doc = fn(doc)
            return doc
        started = time.monotonic()
        deadline = started + self.time_budget
        with _StageAlarm(deadline) as alarm:
            for position, (fn, contract) in enumerate(zip(self._fns, self._contracts, strict=True)):
                if time.monotonic() >= deadline:
                    self._warn_left_out(doc, started, list(self.stages[position:]))
                    break
                before = {name: _copied(getattr(doc, name)) for name in contract.assigns}
                try:
                    doc = alarm.run(fn, doc)
                except BudgetSpent:
                    for name, value in before.items():
                        setattr(doc, name, value)
                    left = [f"{contract.name} (interrupted)", *self.stages[position + 1 :]]
                    self._warn_left_out(doc, started, left)
                    break
        return doc

    def _warn_left_out(self, doc: Document, started: float, left: list[str]) -> None:
        doc.warnings.append(
            f"time budget of {self.time_budget:g} s spent after {time.monotonic() - started:.1f} s: "
            f"stages left out: {', '.join(left)}"
        )

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        for article in articles:
            yield self(article)



class BudgetSpent(BaseException):
    """Raised inside a stage when the article's time budget is spent. A BaseException, so that a
    stage's ``except Exception`` does not swallow it; the pipeline catches it."""


def _copied(value: Any) -> Any:
    """A field's value as it is now (lists and dicts copied: a stage may fill them in place)."""
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


class _StageAlarm:
    """Interrupts a stage at the deadline with SIGALRM, where that is possible: in the main thread, on
    a system with ``setitimer``, when no other code uses the alarm. Elsewhere :meth:`run` just runs."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.armed = False
        self.previous: Any = None
        self.usable = (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        )

    def __enter__(self) -> _StageAlarm:
        if self.usable:
            self.previous = signal.signal(signal.SIGALRM, self._ring)
        return self

    def _ring(self, signum: int, frame: Any) -> None:
        if self.armed:
            self.armed = False
            raise BudgetSpent

    def run(self, fn: StageFn, doc: Document) -> Document:
        if not self.usable:
            return fn(doc)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, max(self.deadline - time.monotonic(), 0.001))
        try:
            return fn(doc)
        finally:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)

    def __exit__(self, *exc: object) -> None:
        if self.usable:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous if self.previous is not None else signal.SIG_DFL)


def _wrapped(label: str, value: str) -> str:
    """One line of a stage's contract, its label in a column, long values wrapped under themselves."""
    return textwrap.fill(value, 104, initial_indent=f"      {label:<10}", subsequent_indent=" " * 16,
                         break_on_hyphens=False)


def _sources(fields: Sequence[tuple[str, str]]) -> str:
    """"sentences (tokens.v1), times (absent)"; "-" for none."""
    return ", ".join(f"{name} ({source})" for name, source in fields) or "-"


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
