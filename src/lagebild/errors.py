"""Named exceptions. Messages say which input, what is wrong and what to do."""

from __future__ import annotations


class LagebildError(Exception):
    """Base class of every error lagebild raises on purpose."""


class ConfigError(LagebildError):
    """A pipeline, option or setting is wrong."""


class InputError(LagebildError):
    """One input item cannot be read. ``item`` names it (path, path:line, URL, WARC record)."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class ModelError(LagebildError):
    """A shipped model or lexicon is missing or broken."""


class StoreError(LagebildError):
    """The database cannot be opened, migrated or written."""


class GoldFormatError(LagebildError):
    """A gold file does not follow the lagebild-gold/1 format."""


class FetchError(InputError):
    """A URL could not be fetched or was refused (private address, size cap, too many redirects)."""


class ResourceError(ModelError):
    """A shipped resource file (word list, lexicon, gazetteer, model) is missing, unreadable or empty.
    ``path`` names the file; the message says what is wrong with it and how to get it back."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(
            f"{path}: {reason}; reinstall lagebild or restore the file from the repository"
        )
        self.path = path
        self.reason = reason


class ModelNotFoundError(ModelError):
    """A shipped spaCy model folder is missing or cannot be loaded. ``path`` names the folder."""

    def __init__(self, path: str, reason: str, rebuild: str) -> None:
        super().__init__(f"{path}: {reason}; reinstall lagebild or rebuild the model with `{rebuild}`")
        self.path = path
        self.reason = reason
