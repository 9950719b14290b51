"""auditor: a linter for the citations, figures and dates of factual documents."""

from . import pattern_cache

__version__ = "0.1.0"

pattern_cache.load()  # before any module compiles its patterns
