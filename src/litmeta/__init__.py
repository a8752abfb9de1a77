"""litmeta: reproducible literature meta-analysis, from quoted extractions to pooled estimates."""

__version__ = "0.1.0"
