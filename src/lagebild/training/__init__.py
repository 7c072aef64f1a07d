"""Training the shipped models from the public corpora in ``../shared/data`` (see docs/entities.md)."""
