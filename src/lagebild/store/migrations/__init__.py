"""Alembic migrations of the lagebild store (shipped as package data, run by ``Store.open``)."""
