"""Importing this package registers every rule."""
from . import history, identity, narrative, parse, structure, style, tables  # noqa: F401
