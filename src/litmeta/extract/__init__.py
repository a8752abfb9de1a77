"""Extraction: declarative specs resolved against a paper's normalised text."""
