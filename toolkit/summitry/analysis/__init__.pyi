"""Type information for the public names of summitry.analysis, read by type checkers and lazy_loader."""

from .covariates import (
    add_archigos,
    add_atop_alliance,
    add_capital_distance,
    add_contiguity,
    add_cow_majors,
    add_minimum_distance,
    add_nmc,
)
from .engine import scan
from .episodes import visit_episodes
from .frequency import visit_frequency
from .panels import add_visits, dyad_years, state_years

__all__ = [
    "add_archigos",
    "add_atop_alliance",
    "add_capital_distance",
    "add_contiguity",
    "add_cow_majors",
    "add_minimum_distance",
    "add_nmc",
    "add_visits",
    "dyad_years",
    "scan",
    "state_years",
    "visit_episodes",
    "visit_frequency",
]
