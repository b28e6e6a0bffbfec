"""Hand-made visits and events with known answers, shared by the analysis tests."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from summitry import schema


def visits(rows) -> pd.DataFrame:
    """A visits table from ``(guest, host, start, end)`` tuples (other fields left out)."""
    df = pd.DataFrame(rows, columns=["guest_country", "host_country", "start_date", "end_date"])
    for c in ("start_date", "end_date"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ms]")
    return df


# Russia and North Korea: Putin in Pyongyang in July 2000 and June 2024; Kim Jong Il in
# Russia in 2001 (a train journey that began in July and ended in August) and Kim Jong Un
# in 2019 and 2023. Two rows are made up for the rules they test: a visit coded with the
# Soviet Union's code (SUN) in 1986, and a visit that crosses a year boundary.
PYONGYANG = [
    ("SUN", "PRK", "1986-10-22", "1986-10-24"),
    ("RUS", "PRK", "2000-07-19", "2000-07-20"),
    ("PRK", "RUS", "2001-07-26", "2001-08-18"),
    ("PRK", "RUS", "2019-04-24", "2019-04-26"),
    ("PRK", "RUS", "2023-09-12", "2023-09-17"),
    ("RUS", "PRK", "2024-06-19", "2024-06-19"),
    ("CHN", "PRK", "2018-12-31", "2019-01-02"),
]


def events(rows) -> pd.DataFrame:
    """Event data from ``(date, source, target, code)`` tuples, typed as the events schema."""
    df = pd.DataFrame(rows, columns=["date", "source_country", "target_country", "event_code"])
    df.insert(0, "event_id", [f"x-{i:05d}" for i in range(len(df))])
    df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ms]")
    return df


# Reports of visits as event data gives them: duplicates on one day, 042 and 043 for the
# same visit, a visit reported on two days across a year boundary, a domestic trip, a
# report with no target, and events that are not visits.
REPORTS = [
    ("2000-07-19", "RUS", "PRK", "042"),
    ("2000-07-19", "RUS", "PRK", "042"),  # a second report of the same visit
    ("2000-07-19", "PRK", "RUS", "043"),  # the host's side of the same visit
    ("2000-07-20", "RUS", "PRK", "042"),  # the same visit reported the next day: a second visit-day
    ("2024-06-19", "PRK", "RUS", "043"),
    ("2024-06-19", "RUS", "PRK", "046"),  # talks, not a visit
    ("2018-12-31", "CHN", "PRK", "042"),
    ("2019-01-01", "PRK", "CHN", "043"),  # the same trip, next day, next year
    ("2019-04-25", "PRK", "RUS", "042"),
    ("2019-04-25", "PRK", "PRK", "042"),  # a domestic trip
    ("2019-04-25", "PRK", None, "042"),   # no target
    ("2019-04-25", "RUS", "PRK", "0423"),  # not a visit code
]


def write_events_dataset(df: pd.DataFrame, root) -> None:
    """Write ``df`` as a hive-partitioned Parquet dataset (``year=YYYY/``) in the events schema.

    Types come from the events schema; codes are plain strings, as imported events are.
    """
    fields = {f.name: f for f in schema.arrow_schema("events")}
    cols = {}
    for name in df.columns:
        typ = fields[name].type
        if pa.types.is_dictionary(typ):
            typ = pa.string()
        values = df[name].astype(object).where(df[name].notna(), None).tolist()
        if pa.types.is_date32(typ):
            values = [v.date() if v is not None else None for v in values]
        cols[name] = pa.array(values, typ)
    table = pa.table(cols)
    years = pa.array(pd.to_datetime(df["date"]).dt.year.astype("int64"))
    table = table.append_column("year", years)
    pq.write_to_dataset(table, root, partition_cols=["year"])
