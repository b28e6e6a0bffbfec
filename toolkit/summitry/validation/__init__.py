"""``validate()``: rules with stable codes, checks, keys and the report they fill.

Works on summitry's tables and on anyone's event files, and never stops at the first failure.
"""

from .report import Report
from .validate import validate

__all__ = ["Report", "validate"]
