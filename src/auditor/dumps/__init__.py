"""Audit MediaWiki XML exports and dumps page by page, at any size: on worker processes or a Dask cluster."""
