"""Configuration: the rules' shipped defaults (``defaults``, from the top-level ``rules/*.toml``) and
the user's configuration over them (``settings``), which together say which rules run and how."""
