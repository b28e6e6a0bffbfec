"""Type information for the public names of summitry.dataset, read by type checkers and lazy_loader."""

from .build import build
from .cite import cite
from .describe import chronology
from .diff import diff
from .export import export
from .load import (
                   load_actors,
                   load_collections,
                   load_coverage,
                   load_event_sources,
                   load_events,
                   load_places,
                   load_sources,
                   load_table,
                   load_visits,
)
from .releases import manifest, path, tables, versions

__all__ = [
    "build", "chronology", "cite", "diff", "export", "load_actors", "load_collections", "load_coverage",
    "load_event_sources",
    "load_events", "load_places", "load_sources", "load_table", "load_visits", "manifest",
    "path",
    "tables", "versions",
]
