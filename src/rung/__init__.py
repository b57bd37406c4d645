"""rung: an executable curriculum from vectors to transformers."""

__version__ = "0.1.0"
