"""The kind of a visit (``visit_type``, ``visit_type_as_called``), read from its free text."""

from __future__ import annotations

import re
from typing import Final

from .rows import norm_ws

# The kind words that precede "visit".  Order matters only for the alternation:
# longer phrases first.  "offici?al" also catches the upstream typo "Offical".
_KIND_RE: Final = re.compile(
    r"\b(?P<kind>"
    r"official[\s-]+working|official[\s-]+select|official[\s-]+state|"
    r"informal[\s-]+working|private[\s-]+working|"
    r"unofficial|offici?al|working|state|private|informal|"
    r"courtesy|good[\s-]?will|pastoral|social|ceremonial"
    r")\s+visit(?:s)?\b",
    re.IGNORECASE,
)
# Outbound remarks also use "trip"/"tour" for two kinds that are not protocol categories.
_TRIP_KIND_RE: Final = re.compile(r"\bgood[\s-]?will\s+(?:trip|tour)\b", re.IGNORECASE)
# A kind phrase that refers to some other (postponed, cancelled, planned) visit.
_KIND_NEGATION_RE: Final = re.compile(
    r"(postpon\w*|cancel\w*|plan\w*|prepar\w*|invit\w* (?:him |her )?for)\s+(?:a|an|the)\s*$",
    re.IGNORECASE,
)

_KIND_MAP: Final[dict[str, str]] = {
    "official working": "official_working",
    "official select": "unknown",  # a 2003-04 label for ranch/Camp David visits; not one of the five
    "official state": "state",
    "informal working": "working",
    "private working": "working",
    "unofficial": "unknown",
    "official": "official",
    "offical": "official",
    "working": "working",
    "state": "state",
    "private": "private",
    "informal": "unknown",
    "courtesy": "unknown",
    "goodwill": "unknown",
    "good will": "unknown",
    "pastoral": "unknown",
    "social": "unknown",
    "ceremonial": "unknown",
}


def _kind_key(raw: str) -> str:
    key = re.sub(r"[\s-]+", " ", raw.lower()).strip()
    return "goodwill" if key in ("good will", "goodwill") else key



def read_kind(text: str | None) -> tuple[str, str | None]:
    """Read the kind of a visit from a description or remarks text.

    The first kind phrase in the text is taken: OOH descriptions open with the kind
    of the visit ("Official visit. ... Private visit to New York afterwards."), and a
    later phrase describes a side trip. Phrases about another, postponed or
    cancelled visit are skipped.

    Parameters
    ----------
    text : str or None
        The description (inbound visits) or remarks (trips), whitespace normalised.

    Returns
    -------
    visit_type : str
        One of ``state``, ``official``, ``official_working``, ``working``, ``private``, ``unknown``.
    visit_type_as_called : str or None
        The matched phrase as written (whitespace normalised, no trailing punctuation);
        None when no kind phrase is found.
    """
    if not text:
        return "unknown", None
    for m in _KIND_RE.finditer(text):
        if _KIND_NEGATION_RE.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        as_called = norm_ws(m.group(0))
        return _KIND_MAP.get(_kind_key(m.group("kind")), "unknown"), as_called
    m2 = _TRIP_KIND_RE.search(text)
    if m2:
        return "unknown", norm_ws(m2.group(0))
    return "unknown", None

