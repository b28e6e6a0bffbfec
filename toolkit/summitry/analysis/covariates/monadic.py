"""State covariates: COW major powers, national material capabilities, Archigos leaders.

Each takes a state-year panel (``ccode, year`` or ``gwcode, year``) or a dyad-year one and
returns it with columns added: one set for a state-year, one per side (suffixes 1 and 2,
as peacesciencer names them: ``cinc1``, ``cinc2``) for a dyad-year; pandas, DuckDB and
Spark alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._join import Keys, apply, covered, join_on, table

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pandas as pd
    from ibis.backends import BaseBackend

    from ..engine import Data

NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")
LEADER_COLUMNS = ("obsid", "leadid", "leader", "leader_years")


def _sides(k: Keys) -> list[tuple[str, str]]:
    """``(code column, column suffix)`` for each side of the panel."""
    return [(c, str(i)) for i, c in enumerate(k.codes, 1)] if k.dyadic else [(k.codes[0], "")]


def add_cow_majors(panel: Data) -> pd.DataFrame | ir.Table:
    """Add ``cowmaj`` (state-years) or ``cowmaj1, cowmaj2`` (dyad-years): COW major power.

    1 if the state is a major power on any day of the year (COW 2016 list), 0 if not
    (1816-2016), NA after 2016.

    Parameters
    ----------
    panel : pandas.DataFrame or ibis.expr.types.Table
        A COW state-year or dyad-year panel.

    Returns
    -------
    pandas.DataFrame or ibis.expr.types.Table
        The panel with the column(s) (Int8) added.

    Raises
    ------
    SummitryError
        If the panel is not a COW panel, or already has the columns.
    """
    import ibis

    def build(t: ir.Table, k: Keys, be: BaseBackend) -> ir.Table:
        for code, sfx in _sides(k):
            t = join_on(t, table("cow_majors"), be, {"ccode": t[code], "year": t.year}, f"_mj{sfx}_")
            known = covered(t.year, "cow_majors")
            t = t.mutate(**{f"cowmaj{sfx}": known.ifelse(t[f"_mj{sfx}_cowmaj"].coalesce(0), ibis.null()).cast("int8")})
            t = t.drop(f"_mj{sfx}_cowmaj")
        return t

    return apply(panel, "add_cow_majors", "majors", build, systems=("cow",))


def add_nmc(panel: Data) -> pd.DataFrame | ir.Table:
    """Add COW National Material Capabilities 6 (1816-2022), with CINC.

    Columns ``milex`` (military expenditure, thousands of US dollars), ``milper``
    (military personnel, thousands), ``irst`` (iron and steel production, thousands of
    tons), ``pec`` (primary energy consumption, thousands of coal-ton equivalents),
    ``tpop`` and ``upop`` (total and urban population, thousands) and ``cinc`` (the
    composite index, the state's share of the system's capabilities); suffixed 1 and 2
    for the two sides of a dyad-year. NA where the source has none.

    Parameters
    ----------
    panel : pandas.DataFrame or ibis.expr.types.Table
        A COW state-year or dyad-year panel.

    Returns
    -------
    pandas.DataFrame or ibis.expr.types.Table
        The panel with the capabilities added.

    Raises
    ------
    SummitryError
        If the panel is not a COW panel, or already has the columns.
    """
    def build(t: ir.Table, k: Keys, be: BaseBackend) -> ir.Table:
        for code, sfx in _sides(k):
            t = join_on(t, table("cow_nmc"), be, {"ccode": t[code], "year": t.year}, f"_nmc{sfx}_")
            t = t.rename(**{f"{c}{sfx}": f"_nmc{sfx}_{c}" for c in NMC_COLUMNS})
        return t

    return apply(panel, "add_nmc", "nmc", build, systems=("cow",))


def add_archigos(panel: Data) -> pd.DataFrame | ir.Table:
    """Add the state's leader on 1 January of the year, from Archigos 4.1 (1875-2015).

    Columns ``obsid`` and ``leadid`` (Archigos' spell and leader ids, which LEAD and
    other leader data sets share), ``leader`` (the name as Archigos writes it) and
    ``leader_years`` (whole years in office on 1 January); suffixed 1 and 2 for the two
    sides of a dyad-year. NA where no leader had taken office by 1 January, and outside
    1875-2015. Archigos is coded on G&W states; a COW panel gets the leaders of the G&W
    state holding the same ISO code that year (COW 255, unified Germany, gets G&W 260's).

    Parameters
    ----------
    panel : pandas.DataFrame or ibis.expr.types.Table
        A state-year or dyad-year panel, COW or G&W.

    Returns
    -------
    pandas.DataFrame or ibis.expr.types.Table
        The panel with the leader columns added.

    Raises
    ------
    SummitryError
        If the panel is neither, or already has the columns.

    Examples
    --------
    >>> summitry.add_archigos(summitry.dyad_years(start=2000, end=2000))  # doctest: +SKIP
    """
    def build(t: ir.Table, k: Keys, be: BaseBackend) -> ir.Table:
        code = "ccode" if k.system == "cow" else "gwcode"
        for side, sfx in _sides(k):
            t = join_on(t, table(f"{k.system}_archigos"), be, {code: t[side], "year": t.year}, f"_ar{sfx}_")
            t = t.rename(**{f"{c}{sfx}": f"_ar{sfx}_{c}" for c in LEADER_COLUMNS})
        return t

    return apply(panel, "add_archigos", "archigos", build)
