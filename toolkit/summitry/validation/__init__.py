"""``validate()``: rules with stable codes, checks, keys and the report they fill.

Works on summitry's tables and on anyone's event files, and never stops at the first failure.
"""

import lazy_loader as _lazy

# Imported on first use (names from __init__.pyi), so that loading one module of the
# subpackage does not load them all.
__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
