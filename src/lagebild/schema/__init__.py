"""JSON Schemas of the public output."""
