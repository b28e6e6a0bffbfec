"""Readers of foreign event files (GDELT 1.0 and 2.0, ICEWS), plain or zipped.

Each turns text into Arrow record batches in the imported-events schema.
"""

from .gdelt import read_gdelt
from .icews import read_icews

__all__ = ["read_gdelt", "read_icews"]
