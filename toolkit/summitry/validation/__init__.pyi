"""Type information for the public names of summitry.validation, read by type checkers and lazy_loader."""

from .report import Report
from .validate import validate

__all__ = ["Report", "validate"]
