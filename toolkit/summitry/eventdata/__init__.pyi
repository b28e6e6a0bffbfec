"""Type information for the public names of summitry.eventdata, read by type checkers and lazy_loader."""

from .gdelt import read_gdelt
from .icews import read_icews

__all__ = ["read_gdelt", "read_icews"]
