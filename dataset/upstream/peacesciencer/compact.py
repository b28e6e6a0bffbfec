"""Write the covariate tables shipped in the wheel from peacesciencer's data (maintainers only).

    .venv/bin/python dataset/upstream/peacesciencer/compact.py

Reads the files beside this script (copies of peacesciencer 1.2.9's ``data/``, bytes
unchanged, listed in ``dataset/upstream/manifest.tsv``) and writes Parquet (zstd, integer
columns) to ``toolkit/summitry/analysis/covariates/data/``. Nothing here runs at import:
the package only reads the Parquet files. Every table is keyed by state code(s) and year,
so that a covariate is one equi-join on the engine; the rules that turn dated spells into
years are applied here, once:

- contiguity: a dyad-year has the closest (lowest) ``conttype`` of any spell overlapping
  the year, as peacesciencer's ``add_contiguity`` counts;
- capitals and leaders: the one in place on 1 January (a state born during the year: its
  first capital); so Brazil's 1960 capital is Rio de Janeiro and 1961's Brasilia;
- majors: a state is a major power in a year if it is one on any day of it;
- Archigos is G&W-coded; the COW table maps each G&W state-year to the COW code holding
  the same ISO alpha-3 code that year (so COW 255, unified Germany, gets G&W 260's leaders).

Each file's key-value metadata holds ``first_year`` and ``last_year``: the years the
source covers, inside which a missing dyad means "none" (0), outside "unknown" (null).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[2] / "toolkit" / "summitry" / "analysis" / "covariates" / "data"


def _write(df: pd.DataFrame, name: str, first: int, last: int) -> None:
    # Sorted by the keys (codes, then year): runs of a dyad's years compress best.
    df = df.sort_values([c for c in df.columns if c.endswith(("code", "code1", "code2"))] + ["year"])
    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    meta = {**(table.schema.metadata or {}), b"first_year": str(first).encode(), b"last_year": str(last).encode()}
    meta.pop(b"pandas", None)  # no pandas index metadata: the reader decides the dtypes
    pq.write_table(table.replace_schema_metadata(meta), OUT / f"{name}.parquet", compression="zstd",
                   compression_level=19)


def _tsv(name: str) -> pd.DataFrame:
    return pd.read_csv(HERE / f"{name}.tsv", sep="\t", keep_default_na=False, na_values=["NA", ""])


def _rda(name: str) -> pd.DataFrame:
    import pyreadr

    return next(iter(pyreadr.read_r(str(HERE / f"{name}.rda")).values()))


def _years(df: pd.DataFrame, s: str = "stdate", e: str = "enddate") -> pd.DataFrame:
    """One row per spell and calendar year it touches, with ``year`` added."""
    df = df.assign(_s=pd.to_datetime(df[s]).dt.year, _e=pd.to_datetime(df[e]).dt.year)
    df = df.assign(year=[list(range(a, b + 1)) for a, b in zip(df["_s"], df["_e"], strict=True)])
    return df.explode("year").astype({"year": "int64"}).drop(columns=["_s", "_e"])


def _jan1(df: pd.DataFrame, key: str, s: str, e: str) -> pd.DataFrame:
    """Per ``key``-year, the spell in place on 1 January, else the first begun that year."""
    y = _years(df, s, e)
    jan1 = pd.to_datetime(y["year"].astype(str) + "-01-01")
    # A spell that ended on 1 January is not in place that day when another begins on it.
    y = y[pd.to_datetime(y[e]) >= jan1].assign(_s=pd.to_datetime(y[s]))
    return y.sort_values([key, "year", "_s"]).drop_duplicates([key, "year"]).drop(columns="_s")


def contiguity() -> None:
    c = _years(_tsv("cow_contdir"))
    c = c.groupby(["ccode1", "ccode2", "year"], as_index=False)["conttype"].min()
    _write(c.astype({"ccode1": "int16", "ccode2": "int16", "year": "int16", "conttype": "int8"}),
           "cow_contdir", 1816, 2016)


def capitals() -> None:
    for system, key in (("cow", "ccode"), ("gw", "gwcode")):
        c = _jan1(_tsv(f"{system}_capitals"), key, "stdate", "enddate")
        c = c[[key, "year", "capital", "lat", "lng"]].astype({key: "int16", "year": "int16"})
        _write(c, f"{system}_capitals", int(c["year"].min()), int(c["year"].max()))


def mindist() -> None:
    for system, key in (("cow", "ccode"), ("gw", "gwcode")):
        m = _rda(f"{system}_mindist")
        # Sorted by dyad then year, the unchanged float64 distances compress to a fifth.
        m = m.astype({f"{key}1": "int16", f"{key}2": "int16", "year": "int16"})
        m = m.sort_values([f"{key}1", f"{key}2", "year"])
        _write(m, f"{system}_mindist", int(m["year"].min()), int(m["year"].max()))


def atop() -> None:
    a = _rda("atop_alliance")
    cols = [c for c in a.columns if c.startswith("atop_")]
    a = a.astype({"ccode1": "int16", "ccode2": "int16", "year": "int16", **dict.fromkeys(cols, "int8")})
    # The table is symmetric (both directions); keep ccode1 < ccode2 and join either way round.
    _write(a[a["ccode1"] < a["ccode2"]], "atop_alliance", int(a["year"].min()), int(a["year"].max()))


def majors() -> None:
    m = _tsv("cow_majors")
    m = m.assign(stdate=[dt.date(*r) for r in m[["styear", "stmonth", "stday"]].itertuples(index=False)],
                 enddate=[dt.date(*r) for r in m[["endyear", "endmonth", "endday"]].itertuples(index=False)])
    y = _years(m)[["ccode", "year"]].drop_duplicates().assign(cowmaj=1)
    _write(y.astype({"ccode": "int16", "year": "int16", "cowmaj": "int8"}), "cow_majors", 1816,
           int(m["endyear"].max()))


def nmc() -> None:
    n = _tsv("cow_nmc")
    # Columns of whole numbers written as doubles become nullable integers: exact and smaller.
    whole = [c for c in n.columns[2:] if (n[c].dropna() % 1 == 0).all()]
    n = n.astype({"ccode": "int16", "year": "int16", **dict.fromkeys(whole, "Int64")})
    _write(n, "cow_nmc", int(n["year"].min()), int(n["year"].max()))


def archigos() -> None:
    import sys

    sys.path.insert(0, str(HERE.parents[2] / "toolkit"))
    from summitry.analysis import states

    a = _tsv("archigos")
    lead = _jan1(a, "gwcode", "startdate", "enddate")
    lead = lead[pd.to_datetime(lead["startdate"]) <= pd.to_datetime(lead["year"].astype(str) + "-01-01")]
    jan1 = pd.to_datetime(lead["year"].astype(str) + "-01-01")
    lead = lead.assign(leader_years=((jan1 - pd.to_datetime(lead["startdate"])).dt.days // 365.25).astype("int16"))
    lead = lead[["gwcode", "year", "obsid", "leadid", "leader", "leader_years"]]
    first, last = 1875, int(pd.to_datetime(a["enddate"]).dt.year.max())
    _write(lead.astype({"gwcode": "int16", "year": "int16"}), "gw_archigos", first, last)
    iso = {}
    for system in ("cow", "gw"):
        sy = states.state_years(system, 1816, last)
        iso[system] = sy.merge(states.code_iso3(system, sy), on=["code", "year"]).dropna(subset=["iso3"])
    walk = iso["cow"].merge(iso["gw"], on=["iso3", "year"], suffixes=("_cow", "_gw"))
    # States without an ISO code (19th-century German states...) keep their number.
    same = pd.merge(states.state_years("cow", 1816, last), states.state_years("gw", 1816, last), on=["code", "year"])
    same = same.assign(code_cow=same["code"], code_gw=same["code"])
    walk = pd.concat([walk[["code_cow", "code_gw", "year"]], same[["code_cow", "code_gw", "year"]]])
    walk = walk.drop_duplicates(["code_cow", "year"])
    cow = lead.merge(walk, left_on=["gwcode", "year"], right_on=["code_gw", "year"])
    cow = cow.rename(columns={"code_cow": "ccode"}).drop(columns=["gwcode", "code_gw"])
    cow = cow.sort_values(["ccode", "year"]).drop_duplicates(["ccode", "year"])
    _write(cow[["ccode", "year", "obsid", "leadid", "leader", "leader_years"]].astype(
        {"ccode": "int16", "year": "int16"}), "cow_archigos", first, last)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for step in (contiguity, capitals, mindist, atop, majors, nmc, archigos):
        step()
    for p in sorted(OUT.glob("*.parquet")):
        print(f"{p.name}\t{pq.read_metadata(p).num_rows} rows\t{p.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
