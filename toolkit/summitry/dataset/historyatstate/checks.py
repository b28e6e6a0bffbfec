"""Data problems in the OOH rows: errors that stop a row being a dated visit, and warnings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from .rows import COLLECTION_VISITS, Problem, Row

_PARTIAL_DATE_RE: Final = re.compile(r"\d{4}(-\d{2})?")
LONG_STAY_DAYS: Final = 60


def _date_problems(r: Row) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    s, e = r.start_text, r.end_text
    ds, de = r.start_date, r.end_date
    for label, raw, parsed in (("start_date", s, ds), ("end_date", e, de)):
        if not raw:
            out.append(("error", f"{label} missing"))
        elif parsed is None:
            if _PARTIAL_DATE_RE.fullmatch(raw):
                out.append(("warning", f"{label} is a partial date: {raw}"))
            else:
                out.append(("error", f"{label} is not a valid date: {raw}"))
    if ds and de:
        if de < ds:
            out.append(("error", f"end_date {e} before start_date {s}"))
        elif (de - ds).days > LONG_STAY_DAYS:
            out.append(("warning", f"long stay: {(de - ds).days + 1} days ({s} to {e})"))
    return out


def _field_problems(r: Row) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    inbound = r.collection == COLLECTION_VISITS
    if not r.country_slug:
        out.append(("error", "country slug missing"))
    if not r.country_name:
        out.append(("error", "country name missing"))
    if not r.traveller:
        out.append(("error", "traveller missing"))
    if not inbound and not r.locale:
        out.append(("warning", f"locale empty (country {r.country_slug})"))
    if not r.text:
        field = "description" if inbound else "remarks"
        out.append(("warning", f"{field} empty: kind, format read as unknown/bilateral"))
    if r.level_basis.startswith("date outside term"):
        out.append(("warning", f"trip {r.level_basis}"))
    s = r.start_text
    if inbound and s and r.source_file:
        decade = Path(r.source_file).stem
        if decade.isdigit() and s[:3] != decade[:3]:
            out.append(("warning", f"start_date {s} filed under {decade}.xml"))
    if not inbound:
        if r.who_attribute not in (None, r.person_slug):
            out.append(("warning", f"who attribute {r.who_attribute} differs from file {r.person_slug}"))
        if r.role_attribute not in (None, r.role):
            out.append(("warning", f"role attribute {r.role_attribute} differs from <role> {r.role}"))
    return out


def problems(rows: Iterable[Row]) -> list[Problem]:
    """List the data problems of rows, each with a severity and a reason.

    Severity ``error``: the row cannot be a dated visit as it stands (missing or
    invalid date, end before start, no country, no traveller). Severity ``warning``:
    the row is usable but unusual (partial date, a stay of more than 60 days, empty
    locale or text, a trip outside the president's term, the same person in the same
    country on the same day twice, a visit filed under the wrong decade, a trip whose
    attributes disagree with its file or its ``<role>``).

    Parameters
    ----------
    rows : iterable of Row
        Rows of one or more collections, in reading order (the first of two
        duplicates is kept as the original).

    Returns
    -------
    list of Problem
        In row order, and for each row in the order of the checks above.
    """
    out: list[Problem] = []
    seen: dict[tuple[str, str | None, str | None, str | None], str] = {}
    for r in rows:
        found = _date_problems(r) + _field_problems(r)
        key = (r.collection, r.person_slug or r.traveller, r.country_slug, r.start_text)
        if key in seen:
            found.append(("warning", f"same traveller, country and start date as upstream id {seen[key]}"))
        else:
            seen[key] = str(r.upstream_id)
        out.extend(Problem(r.collection, r.upstream_id, r.source_file, sev, reason) for sev, reason in found)
    return out
