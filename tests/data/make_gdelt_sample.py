"""Rebuild ``gdelt-sample-events/`` from GDELT 1.0 and 2.0 events files (see README.md).

    python tests/data/make_gdelt_sample.py OUT_DIR gdelt1/20151207.export.CSV.small \
        gdelt2/20160802000000.export.CSV

GDELT 1.0 and 2.0 share the columns read here (the first 31), so one reader serves both.
Keeps the columns the analyses read, under the names and types of the events schema,
with CAMEO country codes turned into ISO alpha-3 by the country crosswalk, and writes
them as Parquet in hive ``year=YYYY/`` folders: the layout of an imported-events dataset.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from summitry import schema

# GDELT event table columns (0-based) used here.
GLOBALEVENTID, SQLDATE, ACTOR1CODE, ACTOR1COUNTRY, ACTOR2CODE, ACTOR2COUNTRY = 0, 1, 5, 7, 15, 17
EVENTCODE, BASECODE, ROOTCODE, QUADCLASS, GOLDSTEIN = 26, 27, 28, 29, 30


def _records(sources):
    for source in sources:
        with open(source, encoding="utf-8", newline="") as fh:
            # GDELT quotes nothing: a " is a literal character.
            yield from csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def main(out: str, sources: list[str]) -> None:
    iso = {r["cameo"]: r["iso3c"] for r in schema.codelist("countries") if r["cameo"] and r["iso3c"]}
    types = {f.name: f.type for f in schema.arrow_schema("events")}
    rows = []
    for rec in _records(sources):
        if rec:
            d = rec[SQLDATE]
            rows.append({
                "event_id": f"gdelt-{rec[GLOBALEVENTID]}",
                "date": f"{d[:4]}-{d[4:6]}-{d[6:8]}",
                "source_actor_code": rec[ACTOR1CODE].upper() or None,
                "source_country": iso.get(rec[ACTOR1COUNTRY].upper()),
                "target_actor_code": rec[ACTOR2CODE].upper() or None,
                "target_country": iso.get(rec[ACTOR2COUNTRY].upper()),
                "event_code": rec[EVENTCODE], "base_code": rec[BASECODE], "root_code": rec[ROOTCODE],
                "quad_class": int(rec[QUADCLASS]), "goldstein": float(rec[GOLDSTEIN]),
            })
    import datetime as dt

    cols = {}
    for name in rows[0]:
        typ = types[name]
        typ = pa.string() if pa.types.is_dictionary(typ) else typ
        values = [r[name] for r in rows]
        if pa.types.is_date32(typ):
            values = [dt.date.fromisoformat(v) for v in values]
        cols[name] = pa.array(values, typ)
    table = pa.table(cols).append_column("year", pa.array([int(r["date"][:4]) for r in rows], pa.int64()))
    target = Path(out)
    if target.exists():
        shutil.rmtree(target)
    pq.write_to_dataset(table, target, partition_cols=["year"],
                        basename_template="part-{i}.parquet")
    print(f"wrote {len(rows)} events to {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
