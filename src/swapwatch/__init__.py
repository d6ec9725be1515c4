"""swapwatch: news reports in, evidence-linked records of prisoner exchanges out."""

__version__ = "0.2.0"
