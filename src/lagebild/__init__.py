"""lagebild: a situation picture from German conflict news, every fact grounded in its sentence."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
