"""The row-level rules, vectorised over one Arrow batch at a time.

Each check computes a boolean mask over the batch with Arrow compute kernels (no
Python loop per row) and hands it to the collector, which counts every hit and keeps
the first few with their row, id and value. Keys and foreign keys that need more than
one batch live in :mod:`summitry.validation.keys`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache, partial
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from .report import Collector
from .specs import Spec

# CAMEO and actor codes: every text field named *_code, in any table (from the schemas)
CODE_FIELDS = frozenset(f["name"] for t in schema.TABLES for f in schema.fields(t)
                        if f["type"] == "string" and f["name"].endswith("code"))
EVENT_CODE_FIELDS = {"event_code": "cameo_event_codes", "base_code": "cameo_event_codes",
                     "root_code": "cameo_root_codes"}
QUAD_SPLITS = ("gdelt", "icews")
_NULL_STR = pa.scalar(None, pa.string())
MIN_DATE = dt.date(1800, 1, 1)


@cache
def _set(name: str) -> pa.Array:
    return pa.array(sorted(schema.codelist_keys(name)), pa.string())


@cache
def _code_table() -> tuple[pa.Array, dict[str, pa.Array]]:
    """The CAMEO code list as Arrow arrays: codes, then each code's base, root, quad classes, Goldstein."""
    info = schema.event_code_info()
    codes = pa.array(list(info), pa.string())
    root = [v["root_code"] for v in info.values()]
    icews = {**{f"{i:02d}": 1 for i in range(1, 6)}, **{f"{i:02d}": 2 for i in range(6, 9)},
             **{f"{i:02d}": 3 for i in range(9, 14)}, **{f"{i:02d}": 4 for i in range(14, 21)}}
    return codes, {
        "base_code": pa.array([v["base_code"] for v in info.values()], pa.string()),
        "root_code": pa.array(root, pa.string()),
        "gdelt": pa.array([int(v["quad_class"]) for v in info.values()], pa.int64()),
        "icews": pa.array([icews[r] for r in root], pa.int64()),
        "goldstein": pa.array([float(v["goldstein"]) for v in info.values()], pa.float64()),
    }


def _is_text(arr: pa.Array) -> bool:
    return bool(pa.types.is_string(arr.type) or (pa.types.is_dictionary(arr.type)
                                                and pa.types.is_string(arr.type.value_type)))


def _numeric(arr: pa.Array | None) -> bool:
    return arr is not None and bool(pa.types.is_floating(arr.type) or pa.types.is_integer(arr.type))


def _outside(arr: pa.Array, bound: float) -> pa.Array:
    """Values outside ``-bound..bound``; NaN (false in every comparison) counts as outside, as inf does."""
    bad = pc.or_kleene(pc.less(arr, -bound), pc.greater(arr, bound))
    return pc.or_kleene(bad, pc.is_nan(arr)) if pa.types.is_floating(arr.type) else bad


def _v(arr: pa.Array, fn: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``fn`` over the values: over a dictionary's distinct values, spread back by its indices.

    The spreading is a numpy gather, several times faster than Arrow's ``take`` here.
    """
    if not pa.types.is_dictionary(arr.type):
        return fn(arr)
    d = fn(arr.dictionary)
    if len(d) == 0:  # every value missing
        return pa.nulls(len(arr), d.type)
    zero = False if pa.types.is_boolean(d.type) else 0
    values = pc.fill_null(d, zero).to_numpy(zero_copy_only=False)
    idx = arr.indices
    null = None
    if idx.null_count:
        null = idx.is_null().to_numpy(zero_copy_only=False)
        idx = pc.fill_null(idx, 0)
    idx = idx.to_numpy()
    if d.null_count:
        gone = d.is_null().to_numpy(zero_copy_only=False)[idx]
        null = gone if null is None else (null | gone)
    return pa.array(values[idx], type=d.type, mask=null)


def _plain(arr: pa.Array) -> pa.Array:
    return arr.cast(pa.string()) if pa.types.is_dictionary(arr.type) else arr


def _true(mask: pa.Array) -> int:
    """How many true values (nulls not counted)."""
    return int(mask.true_count) if hasattr(mask, "true_count") else int(pc.sum(mask).as_py() or 0)


def _scatter(n: int, idx: npt.NDArray[np.intp], sub_mask: pa.Array) -> npt.NDArray[np.bool_]:
    full = np.zeros(n, dtype=bool)
    if len(idx):
        full[idx] = pc.fill_null(sub_mask, False).to_numpy(zero_copy_only=False)
    return full


class BatchChecker:
    """Applies every row-level rule of a spec to batches, reporting into a collector.

    Parameters
    ----------
    spec : Spec
        What the batches are checked against.
    collector : Collector
        Where failures go.
    quad_split : str, default ``"gdelt"``
        The quad classes to expect: ``gdelt`` or ``icews`` (see :data:`QUAD_SPLITS`).
    today : datetime.date, optional
        Dates after it are in the future; by default the day of the check.
    file : str, optional
        The file checked, for the report.
    """

    # set by check() for the batch at hand
    rows: npt.NDArray[np.int64]
    ids: pa.Array | None
    _ok: dict[str, pa.Array]
    _code_index: pa.Array | None

    def __init__(self, spec: Spec, collector: Collector, *, quad_split: str = "gdelt",
                 today: dt.date | None = None, file: str | None = None) -> None:
        self.spec, self.c, self.quad_split, self.file = spec, collector, quad_split, file
        self.today = today or dt.date.today()

    # -- helpers ---------------------------------------------------------------------
    def _hit(self, code: str, field: str | None, mask: pa.Array | npt.NDArray[np.bool_], values: pa.Array | None,
             message: Callable[[Any], str]) -> int:
        return self.c.add_mask(code, self.spec.table, field, mask, rows=self.rows, values=values,
                               ids=self.ids, message=message, file=self.file)

    # -- entry point ------------------------------------------------------------------
    def check(self, cols: dict[str, pa.Array], rows: npt.NDArray[np.int64]) -> None:
        """Check one batch.

        Parameters
        ----------
        cols : dict of str to pyarrow.Array
            The batch's columns already coerced to the field types (:func:`~summitry.validation.coerce.coerce`).
        rows : numpy.ndarray of int64
            Each row's line number or position.
        """
        self.rows = rows
        self._ok = {}  # code fields: rows neither padded nor '---'
        # set by _codes() for event_code; the cast keeps mypy from taking it as None below
        self._code_index = cast("pa.Array | None", None)
        pk = self.spec.primary_key
        self.ids = cols.get(pk[0]) if pk and pk[0] in cols else None
        if self.ids is not None and not pa.types.is_string(self.ids.type):
            self.ids = self.ids.cast(pa.string())
        fields = self.spec.by_name
        trimmed: dict[str, pa.Array] = {}
        for name, arr in cols.items():
            f = fields.get(name)
            if f is None:
                continue
            t = arr
            if _is_text(arr) and name in CODE_FIELDS:
                t = trimmed[name] = self._codes(name, arr, cols)
            self._field(f, arr, t)
        if "event_code" in cols and self.spec.table == "events" and self._code_index is not None:
            self._event_semantics(cols, trimmed)
        self._coordinates(cols)
        if self.spec.imported:
            self._imported(cols)
        if self.spec.table == "visits" and "start_date" in cols and "end_date" in cols:
            self._hit("visit-ends-before-start", "end_date", pc.less(cols["end_date"], cols["start_date"]),
                      cols["end_date"], lambda v: f"the visit ends on {v}, before it starts")

    def _field(self, f: dict[str, Any], arr: pa.Array, t: pa.Array) -> None:
        name, c = f["name"], f.get("constraints", {})
        missing = pc.is_null(arr)
        text = _is_text(arr)
        if text:
            missing = pc.or_kleene(missing, _v(t, lambda d: pc.equal(d, "")))
        if c.get("required"):
            self._hit("required", name, missing, None, lambda v: f"{name} is required")
        present = pc.invert(missing)
        if name in self._ok:
            present = pc.and_kleene(present, self._ok[name])
        if "enum" in c:
            allowed = pa.array(c["enum"]).cast(arr.type) if not text else pa.array([str(e) for e in c["enum"]])
            self._hit("enum", name,
                      pc.and_kleene(present, pc.invert(_v(arr, lambda d: pc.is_in(d, value_set=allowed)))), arr,
                      lambda v: f"{v!r} is not one of: {', '.join(map(str, c['enum']))}")
        if "pattern" in c and text and name not in EVENT_CODE_FIELDS:
            ok = _v(arr, lambda d: pc.match_substring_regex(d, c["pattern"]))
            self._hit("pattern", name, pc.and_kleene(present, pc.invert(ok)), arr,
                      lambda v: f"{v!r} does not match the pattern {c['pattern']}")
        if name not in ("latitude", "longitude") and ("minimum" in c or "maximum" in c):
            lo, hi = c.get("minimum"), c.get("maximum")
            bad = pa.array(np.zeros(len(arr), dtype=bool))
            if lo is not None:
                bad = pc.or_kleene(bad, pc.less(arr, lo))
            if hi is not None:
                bad = pc.or_kleene(bad, pc.greater(arr, hi))
            if pa.types.is_floating(arr.type):  # NaN compares false with both bounds, yet is in no range
                bad = pc.or_kleene(bad, pc.is_nan(arr))
            self._hit("out-of-range", name, bad, arr, lambda v: f"{v} is outside {lo}..{hi}")
        if f.get("codelist") == "countries":
            known = _v(t, lambda d: pc.is_in(d, value_set=_set("countries")))
            self._hit("unknown-country", name, pc.and_kleene(present, pc.invert(known)),
                      arr, lambda v: f"{v!r} is not an ISO alpha-3 code of the country crosswalk")
        elif f.get("codelist") and name not in EVENT_CODE_FIELDS:
            cl = f["codelist"]
            self._hit("enum", name,
                      pc.and_kleene(present, pc.invert(_v(t, lambda d: pc.is_in(d, value_set=_set(cl))))), arr,
                      lambda v: f"{v!r} is not in the code list {cl}")
        if f["type"] == "date" and pa.types.is_date(arr.type):
            self._hit("date-in-future", name, pc.greater(arr, pa.scalar(self.today, pa.date32())), arr,
                      lambda v: f"{v} is later than today ({self.today})")
            self._hit("date-before-1800", name, pc.less(arr, pa.scalar(MIN_DATE, pa.date32())), arr,
                      lambda v: f"{v} is before 1800")

    def _codes(self, name: str, arr: pa.Array, cols: dict[str, pa.Array]) -> pa.Array:
        """Padded codes, the '---' null code, and codes that lost their leading zero.

        Returns the codes with padding removed. The costly steps run only on the few
        rows that need them (padded, unknown or short codes), not on the whole batch.
        """
        n = len(arr)
        padded = _v(arr, lambda d: pc.or_kleene(pc.starts_with(d, " "), pc.ends_with(d, " ")))
        t = arr
        if _true(padded):
            self._hit("padded-code", name, padded, arr, lambda v: f"{v!r} has leading or trailing spaces")
            t = pc.if_else(padded, pc.utf8_trim_whitespace(_plain(arr)), _plain(arr))
        dashes = _v(t, lambda d: pc.equal(d, "---"))
        if _true(dashes):
            self._hit("null-code", name, dashes, arr, lambda v: "'---': no code assigned")
        self._ok[name] = pc.invert(pc.or_kleene(padded, dashes))
        if name not in EVENT_CODE_FIELDS:
            return t
        known = _set(EVENT_CODE_FIELDS[name]) if name != "event_code" else _code_table()[0]
        index = _v(t, lambda d: pc.index_in(d, value_set=known))
        unknown = pc.and_kleene(pc.is_null(index), pc.is_valid(t))
        candidates = unknown
        root = cols.get("root_code")
        below_10 = name == "event_code" and root is not None and _is_text(root)
        if below_10:
            # '10' is a real root but also '010' without its zero: the root column decides
            candidates = pc.or_kleene(candidates, _v(t, lambda d: pc.less_equal(pc.utf8_length(d), 2)))
        cidx = np.flatnonzero(pc.fill_null(candidates, False).to_numpy(zero_copy_only=False))
        lost = np.zeros(n, dtype=bool)
        if len(cidx):
            take = pa.array(cidx)
            sub = _plain(t.take(take))
            could = pc.and_kleene(pc.match_substring_regex(sub, r"^[0-9]{1,3}$"),
                                  pc.is_in(pc.binary_join_element_wise("0", sub, ""), value_set=known))
            why = unknown.take(take)
            if below_10 and root is not None:
                r = pc.utf8_trim_whitespace(_plain(root.take(take)))
                r10 = pc.or_kleene(pc.equal(pc.utf8_length(r), 1), pc.starts_with(r, "0"))
                why = pc.or_kleene(why, pc.and_kleene(r10, pc.invert(pc.starts_with(sub, "0"))))
            lost = _scatter(n, cidx, pc.and_kleene(could, why))
            self._hit("lost-leading-zero", name, lost, arr,
                      lambda v: f"{v!r} lost its leading zero: CAMEO has '0{str(v).strip()}' (read codes as text)")
        if name == "event_code":
            fine = pc.and_kleene(self._ok[name], _v(t, lambda d: pc.not_equal(d, "")))
            self._hit("unknown-event-code", name, pc.and_kleene(pc.and_kleene(fine, unknown), pa.array(~lost)),
                      arr, lambda v: f"{v!r} is not a CAMEO event code")
            if lost.any():  # check the rest of the row against the code it was meant to be
                plain = _plain(t)
                fixed = pc.if_else(pa.array(lost), pc.binary_join_element_wise("0", plain, ""), plain)
                index = pc.index_in(fixed, value_set=known)
            self._code_index = index
        return t

    def _event_semantics(self, cols: dict[str, pa.Array], trimmed: dict[str, pa.Array]) -> None:
        index = self._code_index
        _, table = _code_table()
        for name in ("base_code", "root_code"):
            if name not in trimmed:
                continue
            expected = table[name].take(index)
            got = _plain(trimmed[name])
            differ = pc.and_kleene(pc.not_equal(got, expected), self._ok[name])
            differ = pc.and_kleene(differ, pc.not_equal(got, ""))
            didx = np.flatnonzero(pc.fill_null(differ, False).to_numpy(zero_copy_only=False))
            if not len(didx):
                continue
            take = pa.array(didx)
            # a root written '4' for '04' lost its zero (reported as such), it is not a mismatch
            zero_only = pc.equal(pc.binary_join_element_wise("0", got.take(take), ""), expected.take(take))
            bad = _scatter(len(got), didx, pc.invert(zero_only))

            def mismatch(v: object, n: str = name) -> str:
                return f"{n} {v!r} is not the {n.replace('_', ' ')} of the event code"

            self._hit(f"{name.split('_')[0]}-code-mismatch", name, bad, cols[name], mismatch)
        if "quad_class" in cols and pa.types.is_integer(cols["quad_class"].type):
            expected = table[self.quad_split].take(index)
            q = cols["quad_class"]
            bad = pc.and_kleene(pc.and_kleene(pc.greater_equal(q, 1), pc.less_equal(q, 4)), pc.not_equal(q, expected))
            self._hit("quad-class-mismatch", "quad_class", bad, q,
                      lambda v: f"quad class {v} is not the {self.quad_split} quad class of the root code")
        if "goldstein" in cols and pa.types.is_floating(cols["goldstein"].type):
            expected = table["goldstein"].take(index)
            g = cols["goldstein"]
            bad = pc.greater(pc.abs(pc.subtract(g, expected)), 0.05)
            self._hit("goldstein-mismatch", "goldstein", bad, g,
                      lambda v: f"Goldstein {v} is not the value of the event code in GDELT's table")

    def _coordinates(self, cols: dict[str, pa.Array]) -> None:
        lat, lon = cols.get("latitude"), cols.get("longitude")
        if _numeric(lat):
            self._hit("latitude-range", "latitude", _outside(lat, 90), lat,
                      lambda v: f"latitude {v} is outside -90..90")
        if _numeric(lon):
            self._hit("longitude-range", "longitude", _outside(lon, 180), lon,
                      lambda v: f"longitude {v} is outside -180..180")
        if _numeric(lat) and _numeric(lon):
            self._hit("null-island", "latitude", pc.and_kleene(pc.equal(lat, 0), pc.equal(lon, 0)), lat,
                      lambda v: "latitude and longitude are both 0 (a missing place written as zero?)")

    def _imported(self, cols: dict[str, pa.Array]) -> None:
        """Rules only imported rows can break: country values as written, and the date added."""
        from ..eventdata.textmap import known_origin_countries
        origin = cols.get("origin")
        origin_value = None
        if origin is not None and len(origin):
            origin_value = origin[0].as_py()
        for raw_name, iso_name in (("origin_source_country", "source_country"),
                                   ("origin_target_country", "target_country"),
                                   ("origin_place_country", "place_country")):
            raw, iso = cols.get(raw_name), cols.get(iso_name)
            if raw is None or iso is None or origin_value not in ("gdelt1", "gdelt2", "icews"):
                continue
            if origin_value == "icews":
                known = known_origin_countries("icews")
            elif raw_name == "origin_place_country":
                known = _fips()
            else:
                known = known_origin_countries("gdelt")
            values = pa.array(sorted(known), pa.string())
            bad = pc.and_kleene(pc.and_kleene(pc.is_valid(raw), pc.is_null(iso)),
                                pc.invert(_v(raw, partial(pc.is_in, value_set=values))))
            self._hit("unknown-country", iso_name, bad, raw,
                      lambda v: f"{v!r} is not a country the crosswalk knows")
        date, added = cols.get("date"), cols.get("date_added")
        if date is not None and added is not None and pa.types.is_date(date.type) and pa.types.is_date(added.type):
            gap = pc.days_between(date, added)
            bad = pc.or_kleene(pc.greater(gap, 366), pc.less(gap, -1))
            self._hit("date-far-from-added", "date", bad, date,
                      lambda v: f"event dated {v}, far from the date the row was added")


@cache
def _fips() -> frozenset[str]:
    return frozenset(r["fips"] for r in schema.codelist("countries") if r["fips"])
