"""Type information for summitry's public names, read by type checkers and by lazy_loader."""

from ._version import __version__ as __version__
from .analysis import add_visits, dyad_years, scan, state_years, visit_episodes, visit_frequency
from .analysis.covariates import (
    add_archigos,
    add_atop_alliance,
    add_capital_distance,
    add_contiguity,
    add_cow_majors,
    add_minimum_distance,
    add_nmc,
)
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
    "add_visits",
    "add_archigos",
    "add_atop_alliance",
    "add_capital_distance",
    "add_contiguity",
    "add_cow_majors",
    "add_minimum_distance",
    "add_nmc",
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
    "state_years",
    "validate",
    "versions",
    "visit_episodes",
    "visit_frequency",
    "Report",
    "SummitryError",
]
