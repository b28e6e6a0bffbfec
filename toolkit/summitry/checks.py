"""The row-level rules, vectorised over one Arrow batch at a time.

Each check computes a boolean mask over the batch with Arrow compute kernels (no
Python loop per row) and hands it to the collector, which counts every hit and keeps
the first few with their row, id and value. Keys and foreign keys that need more than
one batch live in :mod:`summitry.keys`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field as dfield
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import imported, schema
from .report import Collector

CODE_FIELDS = {"event_code", "base_code", "root_code", "source_actor_code", "target_actor_code", "cameo_code"}
EVENT_CODE_FIELDS = {"event_code": "cameo_event_codes", "base_code": "cameo_event_codes",
                     "root_code": "cameo_root_codes"}
QUAD_SPLITS = ("gdelt", "icews")
_NULL_STR = pa.scalar(None, pa.string())
MIN_DATE = dt.date(1800, 1, 1)


@dataclass
class Spec:
    """What a batch is checked against: a table's fields and keys."""

    table: str
    fields: list[dict]
    imported: bool = False
    primary_key: list[str] = dfield(default_factory=list)
    foreign_keys: list[tuple[str, str, str]] = dfield(default_factory=list)

    @property
    def by_name(self) -> dict[str, dict]:
        return {f["name"]: f for f in self.fields}


def spec_for(table: str, columns: list[str], origin: str | None = None) -> Spec:
    """The spec of ``table``; events with an ``origin`` column are imported events."""
    if table == "events" and ("origin" in columns or origin):
        pk = ["event_id", "date"] if origin == "icews" else ["event_id"]
        return Spec("events", imported.fields(), True, pk, [])
    return Spec(table, schema.fields(table), False, schema.primary_key(table), schema.foreign_keys(table))


@cache
def _set(name: str) -> pa.Array:
    return pa.array(sorted(schema.codelist_keys(name)), pa.string())


@cache
def _event_table(column: str, kind=pa.string()):
    info = schema.event_code_info()
    return pa.array(list(info), pa.string()), pa.array([v[column] for v in info.values()]).cast(kind)


def _lookup(values: pa.Array, column: str, kind=pa.string()) -> pa.Array:
    keys, out = _event_table(column, kind)
    return out.take(pc.index_in(values, value_set=keys))


def quad_of_root(root: pa.Array, split: str) -> pa.Array:
    """The quad class of each two-digit root code under a split."""
    n = pc.cast(root, pa.int64(), safe=False)
    if split == "gdelt":
        bounds = [(1, 5, 1), (6, 9, 2), (10, 14, 3), (15, 20, 4)]
    else:  # ICEWS / Phoenix
        bounds = [(1, 5, 1), (6, 8, 2), (9, 13, 3), (14, 20, 4)]
    out = pa.nulls(len(n), pa.int64())
    for lo, hi, q in bounds:
        out = pc.if_else(pc.and_kleene(pc.greater_equal(n, lo), pc.less_equal(n, hi)), q, out)
    return out


class BatchChecker:
    """Applies every row-level rule of a spec to batches, reporting into a collector."""

    def __init__(self, spec: Spec, collector: Collector, *, quad_split: str = "gdelt",
                 today: dt.date | None = None, file: str | None = None) -> None:
        self.spec, self.c, self.quad_split, self.file = spec, collector, quad_split, file
        self.today = today or dt.date.today()

    # -- helpers ---------------------------------------------------------------------
    def _hit(self, code, field, mask, values, message):
        return self.c.add_mask(code, self.spec.table, field, mask, rows=self.rows, values=values,
                               ids=self.ids, message=message, file=self.file)

    # -- entry point ------------------------------------------------------------------
    def check(self, cols: dict[str, pa.Array], rows: np.ndarray) -> None:
        """``cols``: the batch's columns already coerced to the field types."""
        self.rows = rows
        self._lost = {}
        pk = self.spec.primary_key
        self.ids = cols.get(pk[0]) if pk and pk[0] in cols else None
        if self.ids is not None and not pa.types.is_string(self.ids.type):
            self.ids = self.ids.cast(pa.string())
        fields = self.spec.by_name
        trimmed = {}
        for name, arr in cols.items():
            f = fields.get(name)
            if f is None:
                continue
            if pa.types.is_string(arr.type):
                t = pc.utf8_trim_whitespace(arr)
                trimmed[name] = t
                if name in CODE_FIELDS:
                    self._codes(name, arr, t, cols)
            self._field(f, arr, trimmed.get(name, arr))
        if "event_code" in cols and self.spec.table == "events":
            self._event_semantics(cols, trimmed)
        self._coordinates(cols)
        if self.spec.imported:
            self._imported(cols)
        if self.spec.table == "visits" and "start_date" in cols and "end_date" in cols:
            self._hit("visit-ends-before-start", "end_date", pc.less(cols["end_date"], cols["start_date"]),
                      cols["end_date"], lambda v: f"the visit ends on {v}, before it starts")

    def _field(self, f: dict, arr: pa.Array, t: pa.Array) -> None:
        name, c = f["name"], f.get("constraints", {})
        missing = pc.is_null(arr)
        if pa.types.is_string(arr.type):
            missing = pc.or_kleene(missing, pc.equal(t, ""))
        if c.get("required"):
            self._hit("required", name, missing, None, lambda v: f"{name} is required")
        if name in CODE_FIELDS:
            present = pc.and_kleene(pc.invert(missing), pc.and_kleene(pc.equal(arr, t), pc.not_equal(t, "---")))
        else:
            present = pc.invert(missing)
        if "enum" in c:
            allowed = pa.array(c["enum"]).cast(arr.type) if not pa.types.is_string(arr.type) else pa.array(
                [str(e) for e in c["enum"]])
            self._hit("enum", name, pc.and_kleene(present, pc.invert(pc.is_in(arr, value_set=allowed))), arr,
                      lambda v: f"{v!r} is not one of: {', '.join(map(str, c['enum']))}")
        if "pattern" in c and pa.types.is_string(arr.type) and name not in ("event_code", "base_code", "root_code"):
            ok = pc.match_substring_regex(arr, c["pattern"])
            self._hit("pattern", name, pc.and_kleene(present, pc.invert(ok)), arr,
                      lambda v: f"{v!r} does not match the pattern {c['pattern']}")
        if name not in ("latitude", "longitude") and ("minimum" in c or "maximum" in c):
            lo, hi = c.get("minimum"), c.get("maximum")
            bad = pa.array(np.zeros(len(arr), dtype=bool))
            if lo is not None:
                bad = pc.or_kleene(bad, pc.less(arr, lo))
            if hi is not None:
                bad = pc.or_kleene(bad, pc.greater(arr, hi))
            self._hit("out-of-range", name, bad, arr, lambda v: f"{v} is outside {lo}..{hi}")
        if f.get("codelist") == "countries":
            self._hit("unknown-country", name, pc.and_kleene(present, pc.invert(pc.is_in(t, value_set=_set("countries")))),
                      arr, lambda v: f"{v!r} is not an ISO alpha-3 code of the country crosswalk")
        elif f.get("codelist") and name not in EVENT_CODE_FIELDS:
            cl = f["codelist"]
            self._hit("enum", name, pc.and_kleene(present, pc.invert(pc.is_in(t, value_set=_set(cl)))), arr,
                      lambda v: f"{v!r} is not in the code list {cl}")
        if f["type"] == "date" and pa.types.is_date(arr.type):
            self._hit("date-in-future", name, pc.greater(arr, pa.scalar(self.today, pa.date32())), arr,
                      lambda v: f"{v} is later than today ({self.today})")
            self._hit("date-before-1800", name, pc.less(arr, pa.scalar(MIN_DATE, pa.date32())), arr,
                      lambda v: f"{v} is before 1800")

    def _codes(self, name: str, arr: pa.Array, t: pa.Array, cols) -> None:
        """Padded codes, the '---' null code, and codes that lost their leading zero."""
        self._hit("padded-code", name, pc.not_equal(arr, t), arr,
                  lambda v: f"{v!r} has leading or trailing spaces")
        self._hit("null-code", name, pc.equal(t, "---"), arr, lambda v: "'---': no code assigned")
        if name not in EVENT_CODE_FIELDS:
            return
        known = _set(EVENT_CODE_FIELDS[name])
        digits = pc.match_substring_regex(t, r"^[0-9]{1,3}$")
        with_zero = pc.binary_join_element_wise("0", t, "")
        could = pc.and_kleene(digits, pc.is_in(with_zero, value_set=known))
        unknown = pc.invert(pc.is_in(t, value_set=known))
        lost = pc.and_kleene(could, unknown)
        if name == "event_code" and "root_code" in cols and pa.types.is_string(cols["root_code"].type):
            # '10' is a real root but also '010' without its zero: the root column decides
            root = pc.utf8_trim_whitespace(cols["root_code"])
            root_below_10 = pc.or_kleene(pc.equal(pc.utf8_length(root), 1), pc.starts_with(root, "0"))
            lost = pc.or_kleene(lost, pc.and_kleene(could, pc.and_kleene(root_below_10, pc.invert(pc.starts_with(t, "0")))))
        self._hit("lost-leading-zero", name, lost, arr,
                  lambda v: f"{v!r} lost its leading zero: CAMEO has '0{str(v).strip()}' (read codes as text)")
        self._lost[name] = lost
        if name == "event_code":
            fine = pc.and_kleene(pc.and_kleene(pc.is_valid(t), pc.not_equal(t, "---")), pc.not_equal(t, ""))
            self._hit("unknown-event-code", name, pc.and_kleene(pc.and_kleene(fine, unknown), pc.invert(pc.fill_null(lost, False))),
                      arr, lambda v: f"{v!r} is not a CAMEO event code")

    def _event_semantics(self, cols, trimmed) -> None:
        code = trimmed["event_code"]
        lost = self._lost.get("event_code")
        if lost is not None:
            code = pc.if_else(pc.fill_null(lost, False), pc.binary_join_element_wise("0", code, ""), code)
        for name in ("base_code", "root_code"):
            if name not in trimmed:
                continue
            expected = _lookup(code, name)
            got = trimmed[name]
            got0 = pc.binary_join_element_wise("0", got, "")
            bad = pc.and_kleene(pc.and_kleene(pc.is_valid(expected), pc.is_valid(got)),
                          pc.and_kleene(pc.not_equal(got, expected), pc.not_equal(got0, expected)))
            bad = pc.and_kleene(bad, pc.and_kleene(pc.not_equal(got, ""), pc.not_equal(got, "---")))
            self._hit(f"{name.split('_')[0]}-code-mismatch", name, bad, cols[name],
                      lambda v, n=name: f"{n} {v!r} is not the {n.replace('_', ' ')} of the event code")
        if "quad_class" in cols and pa.types.is_integer(cols["quad_class"].type):
            expected = quad_of_root(_lookup(code, "root_code"), self.quad_split)
            q = cols["quad_class"]
            bad = pc.and_kleene(pc.is_in(q, value_set=pa.array([1, 2, 3, 4], q.type)), pc.not_equal(q, expected))
            self._hit("quad-class-mismatch", "quad_class", bad, q,
                      lambda v: f"quad class {v} is not the {self.quad_split} quad class of the root code")
        if "goldstein" in cols and pa.types.is_floating(cols["goldstein"].type):
            expected = _lookup(code, "goldstein", pa.float64())
            g = cols["goldstein"]
            bad = pc.greater(pc.abs(pc.subtract(g, expected)), 0.05)
            self._hit("goldstein-mismatch", "goldstein", bad, g,
                      lambda v: f"Goldstein {v} is not the value of the event code in GDELT's table")

    def _coordinates(self, cols) -> None:
        lat, lon = cols.get("latitude"), cols.get("longitude")
        numeric = lambda a: a is not None and (pa.types.is_floating(a.type) or pa.types.is_integer(a.type))  # noqa: E731
        if numeric(lat):
            self._hit("latitude-range", "latitude", pc.or_kleene(pc.less(lat, -90), pc.greater(lat, 90)), lat,
                      lambda v: f"latitude {v} is outside -90..90")
        if numeric(lon):
            self._hit("longitude-range", "longitude", pc.or_kleene(pc.less(lon, -180), pc.greater(lon, 180)), lon,
                      lambda v: f"longitude {v} is outside -180..180")
        if numeric(lat) and numeric(lon):
            self._hit("null-island", "latitude", pc.and_kleene(pc.equal(lat, 0), pc.equal(lon, 0)), lat,
                      lambda v: "latitude and longitude are both 0 (a missing place written as zero?)")

    def _imported(self, cols) -> None:
        """Rules only imported rows can break: country values as written, and the date added."""
        from .textmap import known_origin_countries
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
            bad = pc.and_kleene(pc.and_kleene(pc.is_valid(raw), pc.is_null(iso)),
                          pc.invert(pc.is_in(raw, value_set=pa.array(sorted(known), pa.string()))))
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
