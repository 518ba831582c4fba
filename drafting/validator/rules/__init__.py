"""Importing this package registers every rule."""
from . import drafting, history, identity, narrative, parse, structure, style, tables  # noqa: F401
