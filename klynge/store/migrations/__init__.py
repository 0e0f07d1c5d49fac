"""Alembic migrations of the store; `klynge.store.db.open_store` runs them (no alembic.ini needed)."""
