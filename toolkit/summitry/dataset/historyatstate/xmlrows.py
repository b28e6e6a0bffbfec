"""The readers: one :class:`Row` per upstream ``<trip>`` or ``<visit>`` element.

Files are read in sorted order and elements in document order, so the output is the
same on every run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from .formats import read_format
from .kinds import read_kind
from .rows import COLLECTION_PRESIDENT, COLLECTION_SECRETARY, COLLECTION_VISITS, Row, norm_ws, parse_iso_date
from .titles import read_visitor

Term = tuple[str | None, str | None]
"""A term of office: (took office, left office) as ISO date text; None when open or unknown."""

_PRESIDENT_ELECT_RE: Final = re.compile(r"Visit made as President[- ]elect", re.IGNORECASE)
_YEAR_RE: Final = re.compile(r"^\d{4}")


def _child_text(elem: ET.Element, tag: str) -> str | None:
    child = elem.find(tag)
    return None if child is None else child.text


def _child_attr(elem: ET.Element, tag: str, attr: str) -> str | None:
    child = elem.find(tag)
    return None if child is None else child.get(attr)


def _year(d: str | None) -> int | None:
    return int(d[:4]) if d and _YEAR_RE.match(d) else None


def _xml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xml"))


def read_presidents(path: str | Path) -> dict[str, list[Term]]:
    """Read the presidents and their terms from ``presidents.xml``.

    A president with two non-consecutive terms (Cleveland, Trump) has two
    ``<president>`` elements with the same id; both terms are kept.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``travels/presidents/presidents.xml`` file.

    Returns
    -------
    dict of str to list of Term
        Person slug -> terms in file order. An empty left-office date (still in office) is None.
    """
    root = ET.parse(path).getroot()
    out: dict[str, list[Term]] = {}
    for p in root.iter("president"):
        slug = norm_ws(_child_text(p, "id"))
        if slug:
            out.setdefault(slug, []).append(
                (norm_ws(_child_text(p, "took-office-date")), norm_ws(_child_text(p, "left-office-date")))
            )
    return out


def in_office(day: str, terms: Sequence[Term]) -> bool:
    """Tell whether a day falls within one of the terms.

    Parameters
    ----------
    day : str
        ISO date text.
    terms : sequence of Term
        The president's terms.

    Returns
    -------
    bool
        True if took <= day < left for some term (an open end counts as no bound).
    """
    return any((took is None or took <= day) and (left is None or day < left) for took, left in terms)


def _president_level(remarks: str | None, start: str | None, own_terms: Sequence[Term]) -> tuple[str, str]:
    # A trip before or after every term was made by a private citizen, not the head of state.
    if remarks and _PRESIDENT_ELECT_RE.search(remarks):
        return "other", "remarks: visit made as President-elect"
    if start and own_terms and not in_office(start, own_terms):
        spans = ", ".join(f"{a} to {b or 'now'}" for a, b in own_terms)
        return "other", f"date outside term of office ({spans})"
    return "head_of_state", "collection: President of the United States"


def _trip_row(trip: ET.Element, path: Path, folder: Path, collection: str, role_rule: str,
              terms: dict[str, list[Term]]) -> Row:
    role = norm_ws(_child_text(trip, "role")) or trip.get("role")
    start = norm_ws(_child_text(trip, "start-date"))
    end = norm_ws(_child_text(trip, "end-date"))
    country_slug = norm_ws(_child_attr(trip, "country", "id"))
    country_name = norm_ws(_child_text(trip, "country"))
    locale = norm_ws(_child_text(trip, "locale"))
    remarks = norm_ws(_child_text(trip, "remarks"))
    visit_type, as_called = read_kind(remarks)
    fmt, meetings, reason = read_format(remarks, role_rule, country_slug, _year(start), visit_type,
                                        locale or country_name)
    if role_rule == "secretary":
        level, basis = "foreign_minister", "collection: Secretary of State"
    else:
        level, basis = _president_level(remarks, start, terms.get(path.stem, []))
    return Row(
        collection=collection,
        upstream_id=norm_ws(_child_text(trip, "id")),
        source_file=f"{folder.name}/{path.name}",
        traveller=norm_ws(_child_text(trip, "name")),
        person_slug=path.stem,
        role=role,
        start_date=parse_iso_date(start),
        end_date=parse_iso_date(end),
        country_slug=country_slug,
        country_name=country_name,
        locale=locale,
        remarks=remarks,
        description=None,
        visit_type=visit_type,
        visit_type_as_called=as_called,
        level=level,
        level_basis=basis,
        format=fmt,
        format_reason=reason,
        multilateral_meeting="; ".join(meetings) or None,
        visitor_title=None,
        visitor_name=None,
        co_visitors=(),
        start_text=start,
        end_text=end,
        who_attribute=trip.get("who"),
        role_attribute=trip.get("role"),
    )


def _read_trips(folder: str | Path, collection: str, role_rule: str) -> list[Row]:
    folder = Path(folder)
    terms: dict[str, list[Term]] = {}
    if role_rule == "president":
        pres = folder.parent / "presidents" / "presidents.xml"
        if pres.exists():
            terms = read_presidents(pres)
    return [
        _trip_row(trip, path, folder, collection, role_rule, terms)
        for path in _xml_files(folder)
        for trip in ET.parse(path).getroot().iter("trip")
    ]


def read_president_trips(folder: str | Path) -> list[Row]:
    """Read the trips abroad of US presidents (``ooh-president``).

    Parameters
    ----------
    folder : str or pathlib.Path
        The ``travels/president-travels`` folder; its sibling ``presidents/presidents.xml``
        gives the terms of office.

    Returns
    -------
    list of Row
        One row per ``<trip>``: a president's stay in one country.
    """
    return _read_trips(folder, COLLECTION_PRESIDENT, "president")


def read_secretary_trips(folder: str | Path) -> list[Row]:
    """Read the trips abroad of US Secretaries of State (``ooh-secretary``).

    Parameters
    ----------
    folder : str or pathlib.Path
        The ``travels/secretary-travels`` folder.

    Returns
    -------
    list of Row
        One row per ``<trip>``: a Secretary's stay in one country.
    """
    return _read_trips(folder, COLLECTION_SECRETARY, "secretary")


def _visit_row(visit: ET.Element, path: Path, folder: Path) -> Row:
    upstream_id = norm_ws(_child_text(visit, "id"))
    start = norm_ws(_child_text(visit, "start-date"))
    end = norm_ws(_child_text(visit, "end-date"))
    visitor = norm_ws(_child_text(visit, "visitor")) or ""
    country_slug = norm_ws(_child_attr(visit, "from", "id"))
    description = norm_ws(_child_text(visit, "description"))
    title, name, level, basis, co = read_visitor(visitor, country_slug, start, upstream_id)
    visit_type, as_called = read_kind(description)
    fmt, meetings, reason = read_format(description, "visitor", "united-states", _year(start), visit_type)
    return Row(
        collection=COLLECTION_VISITS,
        upstream_id=upstream_id,
        source_file=f"{folder.name}/{path.name}",
        traveller=visitor or None,
        person_slug=None,
        role="visitor",
        start_date=parse_iso_date(start),
        end_date=parse_iso_date(end),
        country_slug=country_slug,
        country_name=norm_ws(_child_text(visit, "from")),
        locale=None,
        remarks=None,
        description=description,
        visit_type=visit_type,
        visit_type_as_called=as_called,
        level=level,
        level_basis=basis,
        format=fmt,
        format_reason=reason,
        multilateral_meeting="; ".join(meetings) or None,
        visitor_title=title,
        visitor_name=name,
        co_visitors=tuple(co),
        start_text=start,
        end_text=end,
        who_attribute=None,
        role_attribute=None,
    )


def read_visits(folder: str | Path) -> list[Row]:
    """Read the visits of foreign leaders to the United States (``ooh-visits``).

    Parameters
    ----------
    folder : str or pathlib.Path
        The ``visits/data`` folder (one file per decade).

    Returns
    -------
    list of Row
        One row per ``<visit>``; the host is the United States and ``country_slug`` is the guest's state.
    """
    folder = Path(folder)
    return [_visit_row(visit, path, folder) for path in _xml_files(folder)
            for visit in ET.parse(path).getroot().iter("visit")]
