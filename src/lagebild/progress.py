"""The progress bar the long-running commands (``ingest``, ``backfill``) show on standard error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console


@contextmanager
def progress_bar(label: str, console: Console, quiet: bool = False) -> Iterator[Callable[[int, str], None]]:
    """A bar labelled ``label`` while the block runs; yields ``advance(count, description)``.

    ``quiet`` hides the bar (the block runs the same). The description names the latest outcome, for
    example ``"stored    article-12"``.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console, disable=quiet)
    with progress:
        task = progress.add_task(label, total=None)

        def advance(count: int, description: str) -> None:
            progress.update(task, advance=count, description=description)

        yield advance


__all__ = ["progress_bar"]
