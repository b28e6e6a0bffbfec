"""Readers of foreign event files (GDELT 1.0 and 2.0, ICEWS), plain or zipped.

Each turns text into Arrow record batches in the imported-events schema.
"""

import lazy_loader as _lazy

# Imported on first use (names from __init__.pyi), so that loading one module of the
# subpackage does not load them all.
__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
