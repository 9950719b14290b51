"""auditor: a linter for the citations, figures and dates of factual documents."""

__version__ = "0.1.0"
