"""PDF route of ingestion: layout-aware reading of typeset papers.

:mod:`.layout` turns one page's words and rules into lines in reading order (full-width
blocks and columns found by whitespace gutters, tables as tab-separated rows);
:mod:`.margins` finds running heads, footers and page numbers; :mod:`.reader` runs the whole
reading in a child process that is stopped when it exceeds ``pdf_limits.max_seconds``.
"""
