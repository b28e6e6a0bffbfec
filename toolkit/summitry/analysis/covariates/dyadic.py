"""Dyadic covariates: contiguity, capital and minimum distance, ATOP alliance pledges.

Each takes a dyad-year panel (pandas or a lazy Ibis table, as :func:`summitry.dyad_years`
makes) and returns it with columns added, on pandas, DuckDB and Spark alike. Directed and
undirected panels both work: the symmetric sources are looked up either way round.

Missing values follow peacesciencer: inside the years a source covers, a dyad it does not
list has none (``conttype`` 0, ATOP pledges 0); outside them (contiguity after 2016,
ATOP after 2018, distances before 1886 or after 2019) the value is unknown (NA), where
peacesciencer would write 0 for contiguity and alliances too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._join import Keys, apply, covered, join_on, table

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pandas as pd
    from ibis.backends import BaseBackend

    from ..engine import Data

#: The Earth's mean radius (IUGG), for great-circle distances in km.
EARTH_RADIUS_KM = 6371.0088

ATOP_PLEDGES = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")


def _ends(t: ir.Table, k: Keys) -> tuple[ir.IntegerValue, ir.IntegerValue]:
    """The dyad's lower and higher code: the key of the sources stored with code1 < code2."""
    import ibis

    a, b = t[k.codes[0]], t[k.codes[1]]
    return ibis.least(a, b), ibis.greatest(a, b)


def add_contiguity(panel: Data) -> pd.DataFrame | ir.Table:
    """Add ``conttype``, the COW direct contiguity of the dyad in the year.

    1 is land or river border; 2, 3, 4 and 5 are separated by at most 12, 24, 150 and
    400 miles of water; 0 is none of these (COW Direct Contiguity 3.2, 1816-2016). In a
    year with several spells (a border that changed) the closest type counts, as in
    peacesciencer. Years after 2016 are NA (peacesciencer writes 0).

    Parameters
    ----------
    panel : pandas.DataFrame or ibis.expr.types.Table
        A COW dyad-year panel (``ccode1, ccode2, year``).

    Returns
    -------
    pandas.DataFrame or ibis.expr.types.Table
        The panel with ``conttype`` (Int8) added; a lazy table stays lazy.

    Raises
    ------
    SummitryError
        If the panel is not a COW dyad-year panel, or already has the column.
    """
    import ibis

    def build(t: ir.Table, k: Keys, be: BaseBackend) -> ir.Table:
        c1, c2 = k.codes
        j = join_on(t, table("cow_contdir"), be, {"ccode1": t[c1], "ccode2": t[c2], "year": t.year}, "_ct_")
        known = covered(j.year, "cow_contdir")
        conttype = known.ifelse(j._ct_conttype.coalesce(0), ibis.null()).cast("int8")
        return j.mutate(conttype=conttype).drop("_ct_conttype")

    return apply(panel, "add_contiguity", "contiguity", build, dyadic_only=True, systems=("cow",))


def add_capital_distance(panel: Data) -> pd.DataFrame | ir.Table:
    """Add ``capdist``, the great-circle distance in km between the two capitals.

    Each side's capital is the one in place on 1 January of the year (for a state born
    during the year, its first), from peacesciencer's ``cow_capitals`` or ``gw_capitals``,
    so moves count from the next year: Brazil's is Rio de Janeiro in 1960 and Brasilia
    from 1961, the G&W Federal Republic's Bonn in 1991 and Berlin from 1992. The distance
    is the haversine formula on a sphere of radius 6,371.0088 km.

    Parameters
    ----------
    panel : pandas.DataFrame or ibis.expr.types.Table
        A dyad-year panel, COW or G&W.

    Returns
    -------
    pandas.DataFrame or ibis.expr.types.Table
        The panel with ``capdist`` (float, NA where a capital is not in the data) added.

    Raises
    ------
    SummitryError
        If the panel is not a dyad-year panel, or already has the column.
    """
    def build(t: ir.Table, k: Keys, be: BaseBackend) -> ir.Table:
        caps = table(f"{k.system}_capitals")[[k.codes[0][:-1], "year", "lat", "lng"]]
        code = k.codes[0][:-1]
        for i, side in enumerate(k.codes, 1):
            t = join_on(t, caps, be, {code: t[side], "year": t.year}, f"_c{i}_")
        lat1, lat2 = t._c1_lat.radians(), t._c2_lat.radians()
        dlat, dlng = lat2 - lat1, (t._c2_lng - t._c1_lng).radians()
        h = (dlat / 2).sin() ** 2 + lat1.cos() * lat2.cos() * (dlng / 2).sin() ** 2
        dist = (h.sqrt().asin() * (2 * EARTH_RADIUS_KM)).cast("float64")
        return t.mutate(capdist=dist).drop("_c1_lat", "_c1_lng", "_c2_lat", "_c2_lng")

    return apply(panel, "add_capital_distance", "capitals", build, dyadic_only=True)


def add_minimum_distance(panel: Data) -> pd.DataFrame | ir.Table:
    """Add ``mindist``, the minimum distance in km between the two states' borders.

    From CShapes 2 (Schvitz et al. 2021) as peacesciencer ships it (``cow_mindist``,
    ``gw_mindist``, 1886-2019); 0 for
    contiguous states. NA where the dyad-year is not in the data.

    Parameters
    ----------
    panel : pandas.DataFrame or ibis.expr.types.Table
        A dyad-year panel, COW or G&W.

    Returns
    -------
    pandas.DataFrame or ibis.expr.types.Table
        The panel with ``mindist`` (float) added.

    Raises
    ------
    SummitryError
        If the panel is not a dyad-year panel, or already has the column.
    """
    def build(t: ir.Table, k: Keys, be: BaseBackend) -> ir.Table:
        lo, hi = _ends(t, k)
        code = k.codes[0][:-1]
        j = join_on(t, table(f"{k.system}_mindist"), be, {f"{code}1": lo, f"{code}2": hi, "year": t.year}, "_md_")
        return j.rename(mindist="_md_mindist")

    return apply(panel, "add_minimum_distance", "mindist", build, dyadic_only=True)


def add_atop_alliance(panel: Data) -> pd.DataFrame | ir.Table:
    """Add the ATOP 5 alliance pledges between the two states in the year.

    Columns ``atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul``: 1 if
    the states share an alliance with that obligation in force during the year, 0 if not
    (1815-2018); NA after 2018.

    Parameters
    ----------
    panel : pandas.DataFrame or ibis.expr.types.Table
        A COW dyad-year panel (``ccode1, ccode2, year``).

    Returns
    -------
    pandas.DataFrame or ibis.expr.types.Table
        The panel with the five pledge columns (Int8) added.

    Raises
    ------
    SummitryError
        If the panel is not a COW dyad-year panel, or already has the columns.
    """
    import ibis

    def build(t: ir.Table, k: Keys, be: BaseBackend) -> ir.Table:
        lo, hi = _ends(t, k)
        j = join_on(t, table("atop_alliance"), be, {"ccode1": lo, "ccode2": hi, "year": t.year}, "_at_")
        known = covered(j.year, "atop_alliance")
        j = j.mutate(**{p: known.ifelse(j[f"_at_{p}"].coalesce(0), ibis.null()).cast("int8") for p in ATOP_PLEDGES})
        return j.drop(*[f"_at_{p}" for p in ATOP_PLEDGES])

    return apply(panel, "add_atop_alliance", "atop", build, dyadic_only=True, systems=("cow",))
