"""Importing this package registers every rule."""
from . import identity, narrative, structure, style, tables  # noqa: F401
