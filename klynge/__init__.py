"""Klynge: agendas and minutes of Danish health clusters as structured, searchable knowledge."""

from klynge.index.search import search
from klynge.pipeline import parse, parse_file
from klynge.store.db import open_store

__all__ = ["open_store", "parse", "parse_file", "search"]
__version__ = "0.1.0"
