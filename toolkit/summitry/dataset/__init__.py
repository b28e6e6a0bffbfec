"""The dataset: curated records and upstream collections, built into immutable releases.

Build, load, cite, compare and export the releases that ship inside the package.
"""

import lazy_loader as _lazy

# Imported on first use (names from __init__.pyi), so that loading one module of the
# subpackage does not load them all.
__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
