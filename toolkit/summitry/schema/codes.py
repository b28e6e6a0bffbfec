"""The code lists in ``schemas/codes/``: CAMEO, PLOVER, countries and state systems, read as text."""

from __future__ import annotations

import csv
from functools import cache
from typing import TYPE_CHECKING, cast

from .tables import schemas_dir

if TYPE_CHECKING:
    import pandas as pd


# Each code list: the TSV in schemas/codes/ and the column that holds its key.
CODELISTS = {
    "cameo_event_codes": ("cameo_event_codes.tsv", "code"),
    "cameo_root_codes": ("cameo_root_codes.tsv", "root_code"),
    "quad_classes": ("quad_classes.tsv", "quad_class"),
    "actor_types": ("actor_types.tsv", "code"),
    "cameo_countries": ("cameo_countries.tsv", "code"),
    "countries": ("countries.tsv", "iso3c"),
    "plover_event_types": ("plover_event_types.tsv", "event_type"),
    "plover_modes": ("plover_modes.tsv", "mode"),
    "cameo_to_plover": ("cameo_to_plover.tsv", "cameo_code"),
    "cow_states": ("cow_states.tsv", "ccode"),
    "cow_states_v2016": ("cow_states_v2016.tsv", "ccode"),
    "gw_states": ("gw_states.tsv", "gwcode"),
    "icews_countries": ("icews_countries.tsv", "icews_name"),
    "ooh_country_slugs": ("ooh_country_slugs.tsv", "slug"),
}


@cache
def codelist(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a code list as dicts of text (codes keep their leading zeros).

    Parameters
    ----------
    name : str
        One of :data:`CODELISTS`.

    Returns
    -------
    tuple of dict of str to str
        One dict per row, keyed by column name; cached, so treat them as read-only.

    Raises
    ------
    KeyError
        If ``name`` is not a code list.
    """
    if name not in CODELISTS:
        raise KeyError(f"unknown code list {name!r}; valid choices: {', '.join(sorted(CODELISTS))}")
    filename, _ = CODELISTS[name]
    with open(schemas_dir() / "codes" / filename, encoding="utf-8", newline="") as fh:
        # Every line of these TSVs has its header's columns, so no key or value is None.
        return cast("tuple[dict[str, str], ...]",
                    tuple(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)))


@cache
def codelist_keys(name: str) -> frozenset[str]:
    """The non-empty keys of code list ``name``.

    Parameters
    ----------
    name : str
        One of :data:`CODELISTS`.

    Returns
    -------
    frozenset of str
        The values of the code list's key column.
    """
    key = CODELISTS[name][1]
    return frozenset(r[key] for r in codelist(name) if r[key])


def codelist_frame(name: str) -> pd.DataFrame:
    """A code list as a pandas DataFrame of strings.

    Parameters
    ----------
    name : str
        One of :data:`CODELISTS`.

    Returns
    -------
    pandas.DataFrame
        One row per code, every column of dtype object.
    """
    import pandas as pd

    return pd.DataFrame(list(codelist(name)), dtype=object)


@cache
def event_code_info() -> dict[str, dict[str, str]]:
    """CAMEO event code -> its row (label, base and root code, Goldstein, quad class).

    Returns
    -------
    dict of str to dict
        The rows of ``cameo_event_codes`` by code.
    """
    return {r["code"]: r for r in codelist("cameo_event_codes")}


@cache
def country_info() -> dict[str, dict[str, str]]:
    """ISO alpha-3 -> its crosswalk row (COW, G&W, CAMEO, FIPS, Wikidata ...).

    Returns
    -------
    dict of str to dict
        The rows of ``countries`` that have an ISO code, by that code.
    """
    return {r["iso3c"]: r for r in codelist("countries") if r["iso3c"]}


@cache
def plover_for(code: str) -> tuple[str | None, str | None]:
    """PLOVER (event type, mode) of a CAMEO code from the CAMEO-to-PLOVER map.

    Parameters
    ----------
    code : str
        A CAMEO event code.

    Returns
    -------
    tuple of (str or None, str or None)
        The PLOVER event type and mode; None for what the map leaves empty or lacks.
    """
    for r in codelist("cameo_to_plover"):
        if r["cameo_code"] == code:
            return (r["plover_event_type"] or None, r["plover_mode"] or None)
    return (None, None)
