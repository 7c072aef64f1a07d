"""The REST API and the web page over the store (``lagebild serve``)."""

from __future__ import annotations
