"""Everything that touches the network: one HTTP client, the MediaWiki API (and, later, archives)."""
