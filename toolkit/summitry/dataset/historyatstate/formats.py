"""The setting of a visit (``format``): bilateral, multilateral or in a third location.

A trip is in a third location when every counterpart named is from a state other than
the host; the counterparts are told apart by the nationality word before their title.
"""

from __future__ import annotations

import re
from typing import Final

from .meetings import read_meetings

# Nationality words that qualify a counterpart in the trip remarks -> country slugs
# that count as that nationality.  A counterpart named without such a word is, by
# OOH's usage, an official of the host country.
_NATIONALITY: Final[dict[str, frozenset[str]]] = {
    k: frozenset(v) for k, v in {
        "Soviet": {"russia"}, "Russian": {"russia"}, "British": {"united-kingdom"}, "UK": {"united-kingdom"},
        "French": {"france"}, "German": {"germany"}, "West German": {"germany"},
        "East German": {"german-democratic-republic"}, "Chinese Nationalist": {"taiwan"}, "Chinese": {"china"},
        "PRC": {"china"}, "Taiwanese": {"taiwan"}, "Israeli": {"israel"},
        "Palestinian Authority": {"palestinian-authority", "west-bank", "israel"},
        "Palestinian": {"palestinian-authority", "west-bank", "israel"}, "PLO": {"palestinian-authority", "west-bank"},
        "Italian": {"italy"}, "Japanese": {"japan"}, "Iranian": {"iran"}, "Turkish": {"turkey", "turkiye"},
        "Saudi": {"saudi-arabia"}, "Saudi Arabian": {"saudi-arabia"}, "Jordanian": {"jordan"},
        "Egyptian": {"egypt"}, "Syrian": {"syria"}, "Korean": {"korea-south", "korea"},
        "South Korean": {"korea-south", "korea"}, "North Korean": {"korea-north"}, "Spanish": {"spain"},
        "Vietnamese": {"vietnam"}, "Lebanese": {"lebanon"}, "Iraqi": {"iraq"}, "Mexican": {"mexico"},
        "Indian": {"india"}, "Greek": {"greece"}, "Ukrainian": {"ukraine"}, "Thai": {"thailand"},
        "South African": {"south-africa"}, "Pakistani": {"pakistan"}, "Indonesian": {"indonesia"},
        "Afghan": {"afghanistan"}, "Portuguese": {"portugal"}, "Moroccan": {"morocco"},
        "Ethiopian": {"ethiopia"}, "Norwegian": {"norway"}, "Kenyan": {"kenya"}, "Colombian": {"colombia"},
        "Canadian": {"canada"}, "Yugoslav": {"yugoslavia"}, "Swedish": {"sweden"}, "Salvadoran": {"el-salvador"},
        "Philippine": {"philippines"}, "Nigerian": {"nigeria"}, "Mongolian": {"mongolia"}, "Libyan": {"libya"},
        "Kuwaiti": {"kuwait"}, "Irish": {"ireland"}, "Finnish": {"finland"}, "Danish": {"denmark"},
        "Brazilian": {"brazil"}, "Belgian": {"belgium"}, "Australian": {"australia"}, "Venezuelan": {"venezuela"},
        "UAE": {"united-arab-emirates"}, "Tunisian": {"tunisia"}, "Swiss": {"switzerland"},
        "Singaporean": {"singapore"}, "Romanian": {"romania"}, "Qatari": {"qatar"}, "Polish": {"poland"},
        "New Zealand": {"new-zealand"}, "Montenegrin": {"montenegro"}, "Malaysian": {"malaysia"},
        "Lithuanian": {"lithuania"}, "Hungarian": {"hungary"}, "Guatemalan": {"guatemala"}, "Dutch": {"netherlands"},
        "Dominican": {"dominican-republic"}, "Cambodian": {"cambodia"}, "Bulgarian": {"bulgaria"},
        "Bosnian Serb": {"bosnia-herzegovina"}, "Bosnian": {"bosnia-herzegovina"}, "Bahraini": {"bahrain"},
        "Austrian": {"austria"}, "Yemeni": {"yemen"}, "Uzbek": {"uzbekistan"}, "Uruguayan": {"uruguay"},
        "Turkish Cypriot": {"cyprus"}, "Tanzanian": {"tanzania"}, "Somali": {"somalia"}, "Somalian": {"somalia"},
        "Nicaraguan": {"nicaragua"}, "Maltese": {"malta"}, "Liberian": {"liberia"}, "Laotian": {"laos"},
        "Kazakh": {"kazakhstan"}, "Kazakhstani": {"kazakhstan"}, "Ivorian": {"cote-divoire"}, "Haitian": {"haiti"},
        "Ghanaian": {"ghana"}, "Ecuadorean": {"ecuador"},
        "Congolese": {"congo-democratic-republic", "congo-republic", "congo-kinshasa"},
        "Chadian": {"chad"}, "Cameroonian": {"cameroon"}, "Burmese": {"burma"}, "Bolivian": {"bolivia"},
        "Argentine": {"argentina"}, "Argentinian": {"argentina"}, "Djiboutian": {"djibouti"}, "Fijian": {"fiji"},
        "Peruvian": {"peru"}, "Chilean": {"chile"}, "Cuban": {"cuba"},
        "Czech": {"czech-republic", "czechia", "czechoslovakia"},
        "Slovak": {"slovakia"}, "Croatian": {"croatia"}, "Serbian": {"serbia", "yugoslavia"}, "Georgian": {"georgia"},
        "Armenian": {"armenia"}, "Azerbaijani": {"azerbaijan"}, "Estonian": {"estonia"}, "Latvian": {"latvia"},
        "Icelandic": {"iceland"}, "Omani": {"oman"}, "Emirati": {"united-arab-emirates"}, "Sudanese": {"sudan"},
        "Algerian": {"algeria"}, "Honduran": {"honduras"}, "Panamanian": {"panama"}, "Costa Rican": {"costa-rica"},
        "Jamaican": {"jamaica"}, "Sri Lankan": {"sri-lanka"}, "Bangladeshi": {"bangladesh"}, "Nepalese": {"nepal"},
        "Belarusian": {"belarus"}, "Moldovan": {"moldova"}, "Slovenian": {"slovenia"}, "Albanian": {"albania"},
        "Kosovar": {"kosovo"}, "Macedonian": {"macedonia", "north-macedonia"}, "Rwandan": {"rwanda"},
        "Ugandan": {"uganda"}, "Zimbabwean": {"zimbabwe"}, "Angolan": {"angola"}, "Senegalese": {"senegal"},
    }.items()
}
_IGO_QUALIFIERS: Final = (
    "NATO", "UN", "U.N.", "United Nations", "EU", "European Commission", "European Council", "European Parliament",
    "ASEAN", "OSCE", "Arab League", "OAU", "OECD", "EEC", "EC", "CARICOM", "African Union", "Red Cross",
)
_PERSON_TITLE: Final = (
    r"(?:President|Prime Minister|Foreign Minister|Foreign Secretary|Chancellor|King|Queen|Premier|"
    r"General Secretary|Chairman|Emir|Amir|Crown Prince|Sultan|Shah|Emperor|Vice President|Deputy Prime Minister|"
    r"Minister|Secretary|leader|Leader|Generalissimo|Pope)"
)
_QUALIFIED_RE: Final = re.compile(
    r"(?P<qual>(?:[A-Z][\w’'.-]*|New Zealand|South African|Saudi Arabian)(?: [A-Z][\w’'.-]*)?)\s+"
    r"(?:(?:Acting|Interim|Deputy|Vice|First|Foreign|Defense|Prime|General|Crown|Communist Party|Party|former|colonial|"
    r"senior|government|political|military)\s+)*"
    + _PERSON_TITLE
    + r"\b"
)
_QUALIFIED_GROUP_RE: Final = re.compile(
    r"(?:senior |government |political |military |colonial |other )*(?P<qual>[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)?)\s+"
    r"(?:senior |government |political |military |colonial )*"
    r"(?:officials|leaders|representatives|authorities|ministers)\b"
)
_ANY_TITLE_RE: Final = re.compile(r"\b" + _PERSON_TITLE + r"\s+[A-Z]")
_HOST_GROUP_RE: Final = re.compile(
    r"\b(?:senior |government |political |other |local )*"
    r"(?:officials|leaders|[Gg]overnment|authorities|members of the [A-Z])",
)
_MEET_VERB_RE: Final = re.compile(
    r"\b(?:met|meeting|meetings|summit|conference|talks|conferred|discussed|negotiat\w*|consult\w*|audience)\b",
    re.IGNORECASE,
)
_HOST_OCCASION_RE: Final = re.compile(
    r"ceremon\w*|funeral|inaugurat\w*|independence|anniversary|commemorat\w*|vacation|enthronement|coronation|"
    r"wedding|signing",
    re.IGNORECASE,
)
_PROTOCOL_KINDS: Final = frozenset({"state", "official", "official_working", "working"})
# Occasions that are ceremonies, not meetings; format_reason says so.
_CEREMONY_RE: Final = re.compile(
    r"\bfuneral|memorial service|inaugurat\w*|signing of|signing ceremony|dedication\b|enthronement|coronation",
    re.IGNORECASE,
)
_SUMMIT_WITH_RE: Final = re.compile(r"\b(?:summit|conference)\b[^.;]*?\bwith\b[^.;]*", re.IGNORECASE)
_ACCOMPANYING_RE: Final = re.compile(r"\b(?:Accompanied|Joined) (?:the )?President\b")


def _nationality_key(qual: str) -> str | None:
    words = qual.split()
    return next((k for k in (qual, words[-1], words[0]) if k in _NATIONALITY), None)


def read_counterparts(remarks: str | None, host_slug: str | None) -> tuple[set[str], int, int]:
    """Classify the persons named in trip remarks.

    A person whose title carries a nationality word ("Soviet General Secretary
    Gorbachev") is foreign unless the word is the host's; a titled person without one
    ("Met with President Mubarak") is, by OOH usage, a host official, as are "senior
    officials", "government leaders" and the like without a foreign nationality word.

    Parameters
    ----------
    remarks : str or None
        The trip remarks (or a clause of them).
    host_slug : str or None
        The host country's OOH slug.

    Returns
    -------
    foreign : set of str
        The nationality words of the foreign counterparts.
    host : int
        The number of host-country counterparts (and host nationality words).
    igo : int
        The number of officials of international organisations.
    """
    if not remarks:
        return set(), 0, 0
    foreign: set[str] = set()
    host = 0
    igo = 0
    spans: list[tuple[int, int]] = []
    for rx in (_QUALIFIED_RE, _QUALIFIED_GROUP_RE):
        for m in rx.finditer(remarks):
            if any(a <= m.start() < b for a, b in spans):
                continue
            qual = m.group("qual")
            key = _nationality_key(qual)
            if key is not None:
                if host_slug in _NATIONALITY[key]:
                    host += 1
                else:
                    foreign.add(key)
                spans.append((m.start(), m.end()))
            elif any(qual.startswith(q) or qual.endswith(q) for q in _IGO_QUALIFIERS):
                igo += 1
                spans.append((m.start(), m.end()))
    for m in _ANY_TITLE_RE.finditer(remarks):
        if any(a <= m.start() < b for a, b in spans):
            continue
        if re.match(r"s? of ", remarks[m.end() - 1 :]):
            continue  # "the President of Finland": qualified by the country named after it
        if re.search(r"(?:ccompanied|oined)\s+(?:the\s+)?$", remarks[max(0, m.start() - 14) : m.start()]):
            continue  # "Accompanied President Bush": the US president, not a counterpart
        host += 1
    for m in _HOST_GROUP_RE.finditer(remarks):
        if not any(a <= m.start() < b for a, b in spans):
            host += 1
    # A host nationality word anywhere ("senior Korean and Japanese officials" in Korea) names host officials.
    if host_slug and any(host_slug in slugs and re.search(r"\b" + re.escape(k) + r"\b", remarks)
                         for k, slugs in _NATIONALITY.items()):
        host += 1
    return foreign, host, igo


def read_format(
    text: str | None,
    role: str,
    host_slug: str | None,
    year: int | None,
    visit_type: str = "unknown",
    place: str | None = None,
) -> tuple[str, list[str], str]:
    """Read the setting of one row.

    1. multilateral: the text says the traveller attended a multilateral meeting
       in the host country (see ``read_meetings``), or held a summit or conference
       "with" leaders of two or more other states there.
    2. third_location (trips only): every counterpart named is from a state other
       than the host, the row is not a protocol visit to the host, not a host
       ceremony, and the traveller is not just accompanying the President.
    3. bilateral: everything else.

    Parameters
    ----------
    text : str or None
        The remarks (trips) or description (visits).
    role : str
        ``president``, ``secretary`` or ``visitor``.
    host_slug : str or None
        The host country's slug (``united-states`` for inbound visits).
    year : int or None
        The start year.
    visit_type : str, default "unknown"
        The kind already read; protocol visits to the host are never third_location.
    place : str, optional
        The locale (or country name), to name an unnamed summit conference.

    Returns
    -------
    format : str
        ``multilateral``, ``third_location`` or ``bilateral``.
    meetings : list of str
        The multilateral meetings attended (empty unless multilateral).
    reason : str
        Why, including meeting-like mentions that were set aside.
    """
    meetings, notes = read_meetings(text, role, year)
    if meetings:
        return "multilateral", meetings, "attended: " + "; ".join(meetings)
    if role in ("president", "secretary") and text:
        foreign, host, _igo = read_counterparts(text, host_slug)
        summit_with = _SUMMIT_WITH_RE.search(text)
        in_clause = read_counterparts(summit_with.group(0), host_slug)[0] if summit_with else set()
        if len(in_clause) >= 2:
            name = f"Summit conference at {place}" if place else "Summit conference"
            return "multilateral", [name], f"summit/conference with leaders of {len(foreign)} other states"
        if (foreign and host == 0 and visit_type not in _PROTOCOL_KINDS and _MEET_VERB_RE.search(text)
                and not _HOST_OCCASION_RE.search(text)
                and not _ACCOMPANYING_RE.search(text)):
            return "third_location", [], "counterpart(s) only from other states: " + ", ".join(sorted(foreign))
    reason = "; ".join(notes) if notes else "no multilateral meeting named"
    if _CEREMONY_RE.search(text or ""):
        reason = "ceremony, not a meeting" + (f"; {reason}" if notes else "")
    return "bilateral", [], reason

