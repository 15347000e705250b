"""Room 5 of the pipeline: figures worked out from a valid plan, as frozen values.

Compute never reads files and never prints: the terminal, JSON output, the reports and
the rules all call the same functions, so their figures cannot disagree.
"""
