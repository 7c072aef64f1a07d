"""Facts to JSON-ready dicts and back: the store keeps each fact's dataclass as JSON.

:func:`to_plain` is the same field-by-field form ``lagebild analyze`` prints; :func:`from_plain`
rebuilds the frozen dataclass from it by reading the type hints of the model, so fields added to the
model later round-trip without changes here (unknown keys are ignored, missing ones take defaults).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

from lagebild import model

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """A dataclass (and the dataclasses inside it) as dicts and lists; derived ranges are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        for option in options:
            if isinstance(option, type) and dataclasses.is_dataclass(option) and isinstance(value, dict):
                return from_plain(option, value)
        if options and get_origin(options[0]) in (tuple, list):
            return _convert(options[0], value)
        return value
    if origin is tuple:
        args = get_args(hint)
        item = args[0] if args else Any
        return tuple(_convert(item, v) for v in value)
    if origin is list:
        args = get_args(hint)
        return [_convert(args[0] if args else Any, v) for v in value]
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return from_plain(typing.cast(type, hint), value)
    return value


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild dataclass ``cls`` from :func:`to_plain`'s output."""
    hints = _hints(typing.cast(type, cls))
    kwargs = {}
    for f in dataclasses.fields(typing.cast(Any, cls)):
        if f.name in data and f.init:
            kwargs[f.name] = _convert(hints.get(f.name, Any), data[f.name])
    return cls(**kwargs)
