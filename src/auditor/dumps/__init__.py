"""Audit MediaWiki XML exports and dumps page by page, at any size: on worker processes or a Dask cluster."""

# Where a scan's batches are audited (``scan --engine``): worker processes here, or a Dask cluster.
ENGINES = ("local", "dask")
