"""Files the app reads that ship with the project."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "fixtures" / "reports" / "example.yaml"
