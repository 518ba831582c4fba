"""Files the app reads that ship with the project (inside the package: drafting/resources.py)."""
from ..resources import EXAMPLE_REPORT as EXAMPLE  # noqa: F401
