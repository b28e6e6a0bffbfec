"""Type information for the public names of summitry.analysis.covariates, read by type checkers and lazy_loader."""

from .dyadic import add_atop_alliance, add_capital_distance, add_contiguity, add_minimum_distance
from .monadic import add_archigos, add_cow_majors, add_nmc

__all__ = [
    "add_archigos",
    "add_atop_alliance",
    "add_capital_distance",
    "add_contiguity",
    "add_cow_majors",
    "add_minimum_distance",
    "add_nmc",
]
