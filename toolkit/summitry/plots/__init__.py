"""Plots of visit frequency, dyads, maps and one visit's timeline.

Each function draws on ``ax=`` (a new figure if None) and returns the axes, with a title,
labelled axes, a legend or colour bar and a small data credit.
"""

from .frequency import plot_visit_frequency
from .maps import plot_visit_map
from .matrix import plot_dyad_matrix
from .timeline import plot_timeline

__all__ = ["plot_dyad_matrix", "plot_timeline", "plot_visit_frequency", "plot_visit_map"]
