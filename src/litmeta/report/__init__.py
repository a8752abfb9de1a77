"""Reports built from the result tables: the summary of findings (CSV and Markdown) and the
self-contained evidence page (HTML), both byte-for-byte reproducible."""
