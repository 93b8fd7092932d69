"""Evaluation harnesses: measure fogline against public gold sets in ``../shared/data``."""
