"""Information extraction for Chinese law-based government reports."""

__version__ = "0.1.0"
