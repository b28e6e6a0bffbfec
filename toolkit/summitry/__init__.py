"""summitry: leader-level visits and summits between states, as CAMEO-coded events.

Load a release with ``load_events()``, ``load_visits()`` and friends; find the Parquet
files with ``path()``; cite the exact release with ``cite()``.
"""

from ._version import __version__
from .build import build
from .cite import cite
from .describe import chronology
from .diff import diff
from .dyadyears import dyad_years
from .engine import scan
from .errors import SummitryError
from .export import export
from .frequency import visit_frequency
from .gdelt import read_gdelt
from .icews import read_icews
from .importer import import_events
from .load import (load_actors, load_event_sources, load_events, load_places, load_sources,
                   load_table, load_visits)
from .plots import plot_dyad_matrix, plot_timeline, plot_visit_frequency, plot_visit_map
from .releases import manifest, path, versions
from .report import Report
from .validate import validate

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
    "load_event_sources",
    "load_events",
    "load_places",
    "load_sources",
    "load_table",
    "load_visits",
    "manifest",
    "path",
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
