"""Analyses of visits and event data: visit frequency, dyad-year panels, the engines.

One Ibis implementation runs on pandas, DuckDB and Spark.
"""

from .engine import scan
from .frequency import visit_frequency
from .panels import dyad_years

__all__ = ["dyad_years", "scan", "visit_frequency"]
