"""Covariates for dyad-year and state-year panels: peacesciencer's ``add_*`` verbs.

Contiguity, capital and minimum distance, ATOP alliances, COW majors and capabilities, Archigos leaders.
"""

import lazy_loader as _lazy

# Imported on first use (names from __init__.pyi), as the other subpackages do.
__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
