"""Type information for summitry's public names, read by type checkers and by lazy_loader."""

from ._version import __version__ as __version__
from .analysis import dyad_years, scan, visit_frequency
from .dataset import (
                      build,
                      chronology,
                      cite,
                      diff,
                      export,
                      load_actors,
    load_collections,
    load_coverage,
                      load_event_sources,
                      load_events,
                      load_places,
                      load_sources,
                      load_table,
                      load_visits,
                      manifest,
                      path,
    tables,
                      versions,
)
from .errors import SummitryError
from .eventdata import read_gdelt, read_icews
from .importer import import_events
from .plots import plot_dyad_matrix, plot_timeline, plot_visit_frequency, plot_visit_map
from .validation import Report, validate

__all__ = [
    "__version__",
    "build",
    "chronology",
    "cite",
    "diff",
    "dyad_years",
    "export",
    "import_events",
    "load_actors",
    "load_collections",
    "load_coverage",
    "load_event_sources",
    "load_events",
    "load_places",
    "load_sources",
    "load_table",
    "load_visits",
    "manifest",
    "path",
    "tables",
    "plot_dyad_matrix",
    "plot_timeline",
    "plot_visit_frequency",
    "plot_visit_map",
    "read_gdelt",
    "read_icews",
    "scan",
    "validate",
    "versions",
    "visit_frequency",
    "Report",
    "SummitryError",
]
