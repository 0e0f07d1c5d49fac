"""The store: SQLAlchemy schema (tables), engine and migrations (db), ingest (repo), shared reads (views)."""
