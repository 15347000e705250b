"""cplan: validate, track and report Chinese community work plans kept as YAML.

The pipeline runs one way, and each room is a sub-package:

    read → locate → model → rules → compute → render

``read`` turns file bytes into text, ``locate`` turns text into plain data plus a map
from data paths to line:column, ``model`` validates the data into a typed ``Plan``,
``rules`` checks what a schema cannot, ``compute`` works out figures and ``render``
writes documents. :func:`cplan.check.check_file` runs the first four on one file and
:func:`cplan.batch.check_files` on many, in parallel.
"""

from __future__ import annotations

__version__ = "0.1.0"
