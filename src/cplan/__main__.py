"""``python -m cplan``: the same as the ``cplan`` command."""

from cplan.cli import main

main()
