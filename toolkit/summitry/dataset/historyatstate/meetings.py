"""Multilateral meetings the traveller attended in the host country, with standard names."""

from __future__ import annotations

import re
from typing import Final

from .meeting_patterns import (
    ABROAD_AFTER_RE,
    ATTEND_RE,
    GENERIC_TAIL_RE,
    GENERIC_WORDS,
    LOWER_REJECT_RE,
    MEETING_RES,
    NOT_ATTENDED_RE,
    UN_FAMILY,
)
from .rows import norm_ws

# Abbreviations whose full stop does not end a clause ("U.N.", "U.S.", "Calif.").
_ABBREVIATION_END_RE: Final = re.compile(
    r"\b(?:U\.N|U\.S|D\.C|St|Mr|Dr|Jr|a\.m|p\.m|Md|Va|Fla|Calif|Tex|Ga|Me|Mich|Conn|Pa|N\.J|N\.Y|S\.C)$"
)
# The words of NOT_ATTENDED_RE that mean passing through on the way to or from the meeting.
_TRANSIT_RE: Final = re.compile(
    r"en route|on (?:the |his |her )?way|returning|return|on return|before|prior|following|after"
)
_LOWER_LEAD_RE: Final = re.compile(
    r"^(?:and |\d+\w* |first |second |third |fourth |fifth |opening session of (?:the |a )?)+"
)


def _clause_before(text: str, start: int) -> str:
    cut = max(text.rfind(".", 0, start - 4 if start >= 4 else 0), text.rfind(";", 0, start))
    while cut > 0 and _ABBREVIATION_END_RE.search(text[:cut]):
        cut = max(text.rfind(".", 0, cut - 1), text.rfind(";", 0, cut - 1))
    return text[cut + 1 : start]


def _tier(context: str, role: str) -> str:
    c = context.lower()
    if "accession" in c:
        return "Accession Ceremony"
    if re.search(r"summit|heads of|leaders|anniversary", c):
        return "Summit"
    if re.search(r"ministerial|ministers|minister", c):
        return "Ministerial Meeting"
    return "Ministerial Meeting" if role == "secretary" else "Summit"


def _generic_name(match: re.Match[str], masked_after: str, text_after: str) -> str | None:
    # The name runs on over an "of the ..." tail ("Seventh Ministerial Meeting of the Arctic
    # Council"). None if the tail is a meeting already named by a specific pattern ("Third
    # Session of the UN General Assembly") or if the name holds no proper noun.
    gname = norm_ws(match.group("gname")) or ""
    lead = re.match(r"^\s+(?:of|on|for|to)\s+(?:the\s+)?", masked_after)
    if lead and masked_after[lead.end() : lead.end() + 1] == "\0":
        return None
    tail = GENERIC_TAIL_RE.match(text_after)
    if tail:
        tail_text = re.sub(r"\s+(?:of|on|for|the|and|in|to|de|with)$", "", tail.group(0).rstrip())
        if "\0" in masked_after[: len(tail_text)]:
            return None
        gname = f"{gname} {norm_ws(tail_text)}"
    words = [w for w in gname.split() if not w.isdigit()]
    if not any(w not in GENERIC_WORDS and w[:1].isupper() for w in words):
        return None
    return gname


def _name_meeting(raw_name: str, match_text: str, context: str, role: str, year: int | None) -> str:
    if raw_name == "NATO":
        return f"NATO {_tier(context, role)}"
    if raw_name == "G":
        nums = re.findall(r"G\s?[-–=‑]?\s?(7|8|20)", match_text)
        kind = "Foreign Ministers' Meeting" if re.search(r"foreign", context, re.I) else (
            "Finance Ministers' Meeting" if re.search(r"finance", context, re.I) else "Summit")
        return "; ".join(dict.fromkeys(f"G-{n} {kind}" for n in nums))
    if raw_name == "G-7 Summit" and year is not None and year >= 1998:
        return "G-8 Summit"
    if raw_name in ("APEC", "ASEAN", "OSCE", "OAS"):
        if raw_name == "OSCE":
            label = "OSCE" if re.search(r"OSCE|Organization for", match_text) else "CSCE"
        else:
            label = raw_name
        ctx = context.lower()
        if raw_name == "OAS":
            if "general assembly" in ctx:
                return "OAS General Assembly"
            if "permanent council" in ctx:
                return "OAS Permanent Council"
            return "OAS meeting"
        tier = _tier(context, role)
        if raw_name == "APEC" and tier == "Summit":
            return "APEC Leaders' Meeting"
        if raw_name == "OSCE" and tier == "Ministerial Meeting":
            return f"{label} Ministerial Council"
        return f"{label} {tier}"
    return raw_name


def read_meetings(text: str | None, role: str, year: int | None) -> tuple[list[str], list[str]]:
    """Find the multilateral meetings the text says the traveller attended in the host country.

    The patterns of ``MEETING_RES`` are tried in order; each match masks its span so a
    looser, later pattern cannot read the same words again. A meeting the clause says
    the traveller was on the way to, came back from, discussed, prepared or held an
    office in is set aside with a note, as is (inbound) one held abroad.

    Parameters
    ----------
    text : str or None
        The remarks or description.
    role : str
        ``president``, ``secretary`` or ``visitor`` (inbound).
    year : int or None
        The start year; an unnumbered "Economic Summit" from 1998 on is the G-8 Summit.

    Returns
    -------
    meetings : list of str
        The meetings attended, standard names, in text order without repeats.
    notes : list of str
        Meeting-like mentions that were set aside, with the reason.
    """
    if not text:
        return [], []
    masked = text
    found: list[tuple[int, str]] = []
    notes: list[str] = []
    for rx, raw_name in MEETING_RES:
        for m in rx.finditer(masked):
            span_text = text[m.start() : m.end()]
            masked = masked[: m.start()] + ("\0" * (m.end() - m.start())) + masked[m.end() :]
            if raw_name is None:
                notes.append(f"not a meeting of states or not in host country: {norm_ws(span_text)}")
                continue
            if raw_name == "GENERIC":
                generic = _generic_name(m, masked[m.end() :], text[m.end() :])
                if generic is None:
                    continue
                raw_name = generic
            elif raw_name == "LOWER":
                if "\0" in m.group("lname"):
                    continue  # overlaps a meeting already named
                lname = norm_ws(text[m.start("lname") : m.end("lname")]) or ""
                lname = _LOWER_LEAD_RE.sub("", lname)
                if LOWER_REJECT_RE.search(lname) or len(lname.split()) < 2:
                    continue
                raw_name = lname[:1].upper() + lname[1:]
            before = _clause_before(text, m.start())
            after = text[m.end() : m.end() + 160]
            sentence_tail = re.split(r"(?<![A-Z])\.\s|;", after, maxsplit=1)[0]
            context = before + span_text + sentence_tail
            name = _name_meeting(raw_name, span_text, context, role, year)
            # The nearest (last) not-attended phrase in the clause decides.
            hits = list(NOT_ATTENDED_RE.finditer(before))
            nm = hits[-1] if hits else None
            if nm is not None:
                between = before[nm.end("prep") :]
                prep = nm.group("prep").lower()
                # A UN meeting is in the US, so a visitor passing through to it attended it here.
                inbound_un_transit = role == "visitor" and name in UN_FAMILY and _TRANSIT_RE.match(prep)
                if not ATTEND_RE.search(between) and not inbound_un_transit:
                    notes.append(f"mentioned, not attended here ({prep}): {name}")
                    continue
                if prep.startswith("as ") or prep.startswith("serving"):
                    notes.append(f"office held, not attendance: {name}")
                    continue
            if role == "visitor" and ABROAD_AFTER_RE.match(text[m.end() :]):
                notes.append(f"held outside the host country: {name}")
                continue
            found.append((m.start(), name))
    found.sort()
    names: list[str] = []
    for _pos, n in found:
        for part in n.split("; "):
            if part not in names:
                names.append(part)
    return names, notes

