"""Synthetic corpus: N papers in the styles of the five real ones, with specs and true values.

    python benchmarks/corpus OUT_DIR --n 500 --seed 0

writes, for papers ``0 .. N-1``::

    OUT_DIR/papers/<NNNN>_<hex>.txt       the paper (text as a reviewer would receive it)
    OUT_DIR/extraction/<paper_id>.yaml    its extraction spec (docs/extraction_specs.md)
    OUT_DIR/papers.tsv                    the paper sheet, config/papers.tsv format, with sha256
    OUT_DIR/truth/<paper_id>.json         the values the pipeline must extract

and a Snakemake run reads it with
``--config papers_sheet=OUT_DIR/papers.tsv papers_dir=OUT_DIR/papers specs_dir=OUT_DIR/extraction``.

Paper ``i`` has style ``STYLES[i % 5]``, each modelled on one real paper and written by the
module of its name (``symptomatic.py`` ...), on the shared core: ``core.py`` (:class:`Doc`, a
paper under construction with its spec entries and true values; the model that draws the
true values) and ``prose.py`` (background sentences, references).  ``build.py`` turns a seed
into a paper and writes the corpus; ``compare.py`` checks extracted values against the truth.

==============  =====================  ===================================================
style           modelled on            what it exercises
==============  =====================  ===================================================
symptomatic     zandee2021 (JCEM)      hard-wrapped PDF text, words hyphenated across line
                                       breaks, a per-grade toxicity table, implied CR = 0
preprint        kalantarhormozi2020    markdown, ``<sup>177</sup>``, ``$\\geq 2$``, ``11/16``
                                       counts, OS with CI, grade I/II table (implied zeros)
frontiers       iqbal2024              ``[¹⁷⁷Lu]`` superscripts, tab-separated tables, counts
                                       spelt out, OS ``not reached``, pancytopenia
retreatment     vanderzwan2019         several cohorts in one table row, ``-`` for none,
                                       salvage cohort pooled, initial and RR cohorts not
realworld       lazarenko2026          tab tables, en dashes and minus signs, ``NE`` bounds,
                                       grade 3-4 column, a reader's ``derive``, PRRT-1/2(/3)
==============  =====================  ===================================================

Each paper is drawn from ``random.Random(f"{seed}:{i}")``, so a corpus is deterministic for a
seed and paper ``i`` is the same whatever N (the N = 5 corpus is the first five papers of the
N = 500 one).  The true values are the model's numbers, not read back from the text: the
ones a spec captures and the ones the protocol derives from them (ORR/DCR events and n, grade
>= 3 events, MDS/AML events, population n).  NR / NE are stored as the strings ``"NR"`` and
``"NE"``.
"""

from .build import (
    CORRECTION,
    STYLES,
    Paper,
    config_overrides,
    load_truth,
    main,
    make_paper,
    spec_yaml,
    touch_paper,
    write_corpus,
)
from .compare import compare, rows_to_values

__all__ = [
    "CORRECTION",
    "STYLES",
    "Paper",
    "compare",
    "config_overrides",
    "load_truth",
    "main",
    "make_paper",
    "rows_to_values",
    "spec_yaml",
    "touch_paper",
    "write_corpus",
]
