"""Analyses of visits and event data: visit frequency, dyad-year panels, the engines.

One Ibis implementation runs on pandas, DuckDB and Spark.
"""

import lazy_loader as _lazy

# Imported on first use (names from __init__.pyi), so that loading one module of the
# subpackage does not load them all.
__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
