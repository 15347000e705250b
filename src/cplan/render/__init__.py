"""Room 6 of the pipeline: computed figures → what people read.

``context`` turns a plan and its computed figures into plain data (text, exact decimal
strings) once; JSON output, terminal tables and report templates all read that data,
so no two outputs can show different figures.
"""
