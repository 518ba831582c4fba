"""``python -m drafting``: the command line (the same as the ``drafting`` command)."""
from drafting.cli import main

main()
