"""Property-based: corrupt a valid table in one known way; exactly that is reported."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import summitry

VALID = summitry.load_events()
N = len(VALID)
REFS = summitry.path("events").parent


def _lost_zero(df, i):
    df.loc[i, "event_code"] = df.loc[i, "event_code"].lstrip("0")
    return "lost-leading-zero", "event_code"


def _padded(df, i):
    df.loc[i, "source_actor_code"] = " " + df.loc[i, "source_actor_code"]
    return "padded-code", "source_actor_code"


def _lowercase(df, i):
    df.loc[i, "target_actor_code"] = df.loc[i, "target_actor_code"].lower()
    return "pattern", "target_actor_code"


def _unknown_code(df, i):
    df.loc[i, ["event_code", "base_code", "root_code"]] = ["998", "998", "99"]
    return "unknown-event-code", "event_code"


def _root(df, i):
    df.loc[i, "root_code"] = "19"
    return "root-code-mismatch", "root_code"


def _quad(df, i):
    df.loc[i, "quad_class"] = 4
    return "quad-class-mismatch", "quad_class"


def _country(df, i):
    df.loc[i, "source_country"] = "ZZZ"
    return "unknown-country", "source_country"


def _latitude(df, i):
    df.loc[i, "latitude"] = 91.5
    return "latitude-range", "latitude"


def _future(df, i):
    df.loc[i, "date"] = dt.datetime(2999, 1, 1)
    df.loc[i, "visit_id"] = None  # else it is also outside its visit, rightly
    return "date-in-future", "date"


def _visit(df, i):
    df.loc[i, "visit_id"] = "v-19990101-abc-def"
    return "foreign-key", "visit_id"


def _required(df, i):
    df.loc[i, "coder"] = None
    return "required", "coder"


CORRUPTIONS = [_lost_zero, _padded, _lowercase, _unknown_code, _root, _quad, _country, _latitude, _future,
               _visit, _required]


def _text_columns(df):
    out = df.copy()
    for c in out.columns:
        if str(out[c].dtype) == "category":
            out[c] = out[c].astype(object)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupt=st.sampled_from(CORRUPTIONS), row=st.integers(0, N - 1), dictionaries=st.booleans())
def test_one_corruption_one_report(corrupt, row, dictionaries):
    import summitry.validation.coerce

    summitry.validation.coerce.DICTIONARY_MIN_ROWS = 0 if dictionaries else 10_000
    df = _text_columns(VALID)
    code, field = corrupt(df, row)
    try:
        report = summitry.validate(df, references=REFS)
    finally:
        summitry.validation.coerce.DICTIONARY_MIN_ROWS = 10_000
    got = report.errors[["code", "row", "field"]].values.tolist()
    assert got == [[code, row, field]], report.summary()


@settings(max_examples=15, deadline=None)
@given(row=st.integers(0, N - 1), other=st.integers(0, N - 1))
def test_duplicate_key_reports_the_later_row(row, other):
    df = _text_columns(VALID)
    if row == other:
        return
    df.loc[other, "event_id"] = df.loc[row, "event_id"]
    report = summitry.validate(df, references=REFS)
    assert report.errors[["code", "row"]].values.tolist() == [["duplicate-key", max(row, other)]]
