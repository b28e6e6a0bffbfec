"""Type information for the public names of summitry.analysis, read by type checkers and lazy_loader."""

from .engine import scan
from .frequency import visit_frequency
from .panels import dyad_years

__all__ = ["dyad_years", "scan", "visit_frequency"]
