"""pilot-tracker: runs a grassroots government-disclosure standardization pilot."""

__version__ = "0.1.0"
