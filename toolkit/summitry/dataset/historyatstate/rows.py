"""The row and problem records of the OOH collections, their vocabularies and a text helper."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

COLLECTION_PRESIDENT: Final = "ooh-president"
COLLECTION_SECRETARY: Final = "ooh-secretary"
COLLECTION_VISITS: Final = "ooh-visits"
COLLECTIONS: Final = (COLLECTION_PRESIDENT, COLLECTION_SECRETARY, COLLECTION_VISITS)

# Highest first: a row naming several visitors takes the highest of their levels.
LEVEL_ORDER: Final[tuple[str, ...]] = (
    "head_of_state",
    "head_of_government",
    "party_leader",
    "deputy_leader",
    "royal",
    "igo_leader",
    "foreign_minister",
    "minister",
    "other",
)
LEVEL_RANK: Final[dict[str, int]] = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}

VISIT_TYPES: Final = ("state", "official", "official_working", "working", "private", "unknown")
# multilateral_sidelines is part of the project's vocabulary but never produced here (see RULES.md).
FORMATS: Final = ("bilateral", "multilateral", "multilateral_sidelines", "third_location")


def norm_ws(text: str | None) -> str | None:
    """Collapse runs of whitespace to one space and strip.

    Parameters
    ----------
    text : str or None
        Free text as read from the XML.

    Returns
    -------
    str or None
        The normalised text; None when ``text`` is None or holds only whitespace.
    """
    if text is None:
        return None
    out = re.sub(r"\s+", " ", text).strip()
    return out or None


@dataclass(frozen=True, slots=True)
class Row:
    """One upstream ``<trip>`` or ``<visit>`` element, read and coded.

    Fields that a collection does not have are None (or empty), never guessed.

    Attributes
    ----------
    collection : str
        ``ooh-president``, ``ooh-secretary`` or ``ooh-visits``.
    upstream_id : str or None
        The element's ``<id>`` text. Unique within a collection, not across collections.
    source_file : str
        The file the element came from, relative to the collection's parent folder
        (``president-travels/obama-barack.xml``, ``data/1990.xml``).
    traveller : str or None
        Trips: the ``<name>`` text. Visits: the ``<visitor>`` string as given, titles included.
    person_slug : str or None
        Trips: the file stem (``obama-barack``). Visits: None.
    role : str or None
        Trips: the ``<role>`` text (or the ``role`` attribute), ``president`` or ``secretary``.
        Visits: ``visitor``.
    start_date, end_date : datetime.date or None
        The first and last day; None when the upstream text is missing or not a full ISO date
        (the text itself is in ``start_text`` and ``end_text``).
    country_slug : str or None
        Trips: the host, ``<country id>``. Visits: the guest's state, ``<from id>``. Passed through unchanged.
    country_name : str or None
        The ``<country>`` (trips) or ``<from>`` (visits) text.
    locale : str or None
        Trips: the ``<locale>`` text (cities). Visits: None.
    remarks : str or None
        Trips: the ``<remarks>`` text. Visits: None.
    description : str or None
        Visits: the ``<description>`` text. Trips: None.
    visit_type : str
        One of ``VISIT_TYPES``, read from the remarks or description.
    visit_type_as_called : str or None
        The kind phrase as written ("Offical Visit"); None when no kind phrase was found.
    level : str
        The office of the traveller, one of ``LEVEL_ORDER``.
    level_basis : str
        How ``level`` was found: "title: ...", "rule: ...", "override: ...", "no title", "collection: ...".
    format : str
        ``bilateral``, ``multilateral`` or ``third_location``.
    format_reason : str
        Why ``format`` was chosen, including meeting-like mentions that were set aside.
    multilateral_meeting : str or None
        The multilateral meetings attended, standard names joined by "; "; None when there are none.
    visitor_title : str or None
        Visits: the (corrected) title of the person whose level the row takes. Trips: None.
    visitor_name : str or None
        Visits: that person's name, without the title. Trips: None.
    co_visitors : tuple of str
        Visits: the other persons named in the visitor string, as written. Trips: empty.
    start_text, end_text : str or None
        The upstream date text (whitespace normalised), kept so ``problems`` can tell a
        partial date from a missing one.
    who_attribute, role_attribute : str or None
        Trips: the ``who`` and ``role`` attributes of ``<trip>``, kept for ``problems``. Visits: None.
    """

    collection: str
    upstream_id: str | None
    source_file: str
    traveller: str | None
    person_slug: str | None
    role: str | None
    start_date: date | None
    end_date: date | None
    country_slug: str | None
    country_name: str | None
    locale: str | None
    remarks: str | None
    description: str | None
    visit_type: str
    visit_type_as_called: str | None
    level: str
    level_basis: str
    format: str
    format_reason: str
    multilateral_meeting: str | None
    visitor_title: str | None
    visitor_name: str | None
    co_visitors: tuple[str, ...]
    start_text: str | None
    end_text: str | None
    who_attribute: str | None
    role_attribute: str | None

    @property
    def text(self) -> str | None:
        """The free text the row was coded from: ``description`` for visits, ``remarks`` for trips."""
        return self.description if self.collection == COLLECTION_VISITS else self.remarks


@dataclass(frozen=True, slots=True)
class Problem:
    """One data problem found by ``problems``.

    Attributes
    ----------
    collection : str
        The row's collection.
    upstream_id : str or None
        The row's upstream id.
    source_file : str
        The row's source file.
    severity : str
        ``error`` (the row cannot be a dated visit as it stands) or ``warning`` (usable but unusual).
    reason : str
        What is wrong, in words.
    """

    collection: str
    upstream_id: str | None
    source_file: str
    severity: str
    reason: str


def parse_iso_date(text: str | None) -> date | None:
    """Read a full ISO date.

    Parameters
    ----------
    text : str or None
        Date text such as ``2018-06-10``.

    Returns
    -------
    datetime.date or None
        The date; None when ``text`` is empty or not a full, valid ISO date.
    """
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
