"""summitry: leader-level visits and summits between states, as CAMEO-coded events.

Load a release with ``load_events()``, ``load_visits()`` and friends; find the Parquet
files with ``path()``; cite the exact release with ``cite()``.
"""

# The public names are imported on first use, from the list in __init__.pyi: `summitry
# --help` and `summitry --version` then start without pandas or pyarrow.
import lazy_loader as _lazy

from ._version import __version__ as __version__

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
