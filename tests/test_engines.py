"""The same analyses on pandas, DuckDB (a Parquet dataset, lazily) and Spark give one answer."""

from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

import summitry
from summitry.errors import SummitryError

from .analysis_data import PYONGYANG, REPORTS, events, visits, write_events_dataset


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """The reports as a hive-partitioned Parquet dataset in the events schema."""
    root = tmp_path_factory.mktemp("events")
    write_events_dataset(events(REPORTS), root)
    return root


def _spark_or_skip():
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.skip("pyspark is not installed (pip install 'summitry[spark]')")
    if not shutil.which("java"):
        pytest.skip("Spark needs a Java runtime (java is not on PATH)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spark = (SparkSession.builder.master("local[2]").appName("summitry-tests")
                 .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                 .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@pytest.fixture(scope="module")
def spark():
    session = _spark_or_skip()
    yield session
    session.stop()


ARGS = [dict(), dict(directed=False), dict(period="month"), dict(period="quarter", dyads=["RUS-PRK", "CHN-PRK"])]


@pytest.mark.parametrize("kw", ARGS)
def test_frequency_dataset_path_and_lazy_table_match_pandas(dataset, kw):
    expected = summitry.visit_frequency(events(REPORTS), **kw)
    assert len(expected)
    for source in (dataset, str(dataset), summitry.scan(dataset)):
        got = summitry.visit_frequency(source, **kw)
        pd.testing.assert_frame_equal(got, expected)


def test_dyad_years_dataset_matches_pandas(dataset):
    # hand-made event data declares no coverage: vouch for it (coverage="all")
    expected = summitry.dyad_years(start=2010, end=2024, visits=events(REPORTS), coverage="all")
    got = summitry.dyad_years(start=2010, end=2024, visits=dataset, coverage="all")
    pd.testing.assert_frame_equal(got, expected)
    assert got["visits"].sum() == 4


def test_scan_is_lazy_and_reads_hive_years(dataset):
    t = summitry.scan(dataset)
    assert {"date", "source_country", "target_country", "event_code", "year"} <= set(t.columns)
    assert t.schema()["event_code"].is_string()
    assert int(t.filter(t.year == 2000).count().execute()) == 4


def test_scan_errors(tmp_path):
    with pytest.raises(SummitryError, match="no such file"):
        summitry.scan(tmp_path / "missing")
    with pytest.raises(SummitryError, match="no .parquet files"):
        summitry.scan(tmp_path)
    with pytest.raises(SummitryError, match="unknown engine"):
        summitry.visit_frequency(visits(PYONGYANG), engine="oracle")


@pytest.mark.spark
@pytest.mark.parametrize("kw", ARGS)
def test_frequency_on_spark_matches_pandas(spark, dataset, kw):
    expected = summitry.visit_frequency(events(REPORTS), **kw)
    pd.testing.assert_frame_equal(summitry.visit_frequency(dataset, engine=spark, **kw), expected)
    pd.testing.assert_frame_equal(summitry.visit_frequency(events(REPORTS), engine=spark, **kw), expected)


@pytest.mark.spark
def test_dyad_years_on_spark_matches_pandas(spark, dataset):
    for directed in (True, False):
        expected = summitry.dyad_years(start=2020, end=2024, directed=directed, visits=events(REPORTS),
                                       coverage="all")
        got = summitry.dyad_years(start=2020, end=2024, directed=directed, visits=dataset, engine=spark,
                                  coverage="all")
        pd.testing.assert_frame_equal(got, expected)
    # G&W membership data end in 2017: the 2024 visit is on the COW panel
    hand = summitry.dyad_years("cow", start=2020, end=2024, visits=visits(PYONGYANG), engine=spark, coverage="all")
    pd.testing.assert_frame_equal(hand, summitry.dyad_years("cow", start=2020, end=2024, visits=visits(PYONGYANG),
                                                            coverage="all"))
    assert hand.loc[(hand.ccode1 == 365) & (hand.ccode2 == 731) & (hand.year == 2024), "years_since_last"].item() == 24


@pytest.mark.spark
def test_lazy_spark_table(spark, dataset):
    t = summitry.scan(dataset, engine=spark)
    assert t.get_backend().name == "pyspark"
    pd.testing.assert_frame_equal(summitry.visit_frequency(t), summitry.visit_frequency(events(REPORTS)))
