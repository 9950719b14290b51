"""Facts computed once per document and shared by the rules."""
