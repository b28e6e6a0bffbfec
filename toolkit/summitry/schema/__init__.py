"""The table schemas and code lists in ``schemas/``: the single source of truth.

Everything that needs a field list (the build's Arrow types, the loaders' dtypes, the
record checks, the codebook, each release's ``datapackage.json``) asks this module, so
no second copy of a field list exists anywhere in the package.
"""

from __future__ import annotations

from .codes import CODELISTS, codelist, codelist_frame, codelist_keys, country_info, event_code_info, plover_for
from .tables import (
    TABLES,
    dataset_descriptor,
    field,
    field_names,
    fields,
    foreign_keys,
    foreign_keys_of,
    geo_tables,
    geometry_spec,
    is_derived,
    is_required,
    may_be_given,
    primary_key,
    schemas_dir,
    table_schema,
)
from .types import PandasDtype, arrow_schema, arrow_type, pandas_dtypes
from .values import Value, codelist_problem, constraint_problem, parse_value

__all__ = [
    "CODELISTS",
    "PandasDtype",
    "TABLES",
    "Value",
    "arrow_schema",
    "arrow_type",
    "codelist",
    "codelist_frame",
    "codelist_keys",
    "codelist_problem",
    "constraint_problem",
    "country_info",
    "dataset_descriptor",
    "event_code_info",
    "field",
    "field_names",
    "fields",
    "foreign_keys",
    "foreign_keys_of",
    "geo_tables",
    "geometry_spec",
    "is_derived",
    "is_required",
    "may_be_given",
    "pandas_dtypes",
    "parse_value",
    "plover_for",
    "primary_key",
    "schemas_dir",
    "table_schema",
]
