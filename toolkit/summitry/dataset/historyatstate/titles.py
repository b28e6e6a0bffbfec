"""The office of an inbound visitor (``level``), read from the title in the visitor string.

Also splits visitor strings that name two or more persons, and holds the few row-level
overrides where the title alone gives the wrong office or none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from .rows import COLLECTION_VISITS, LEVEL_RANK, norm_ws

# (pattern anchored at the start of a visitor string, canonical title, level).
# Longest / most specific first.  Patterns are applied after _fix_title_typos().
_TITLE_TABLE: Final[tuple[tuple[str, str, str], ...]] = (
    (r"President of the Council of Ministers", "President of the Council of Ministers", "head_of_government"),
    (r"President of the Government", "President of the Government", "head_of_government"),
    (r"President of the European Commission", "President of the European Commission", "igo_leader"),
    (r"President of the European Council", "President of the European Council", "igo_leader"),
    (r"President of the (?:UN|U\.N\.|United Nations) General Assembly", "President of the UN General Assembly",
     "igo_leader"),
    (r"Chairman of the Council of Ministers", "Chairman of the Council of Ministers", "head_of_government"),
    (r"Chairman of the Presidency", "Chairman of the Presidency", "head_of_state"),
    (r"Chairman of the [A-Z][\w ]*Party", "Party Chairman", "party_leader"),
    (r"President[- ]?elect", "President-elect", "other"),
    (r"President[- ]?designate", "President-designate", "other"),
    (r"Prime Minister[- ]?(?:elect|designate)", "Prime Minister-designate", "other"),
    (r"Chancellor[- ]?elect", "Chancellor-elect", "other"),
    (r"(?:Acting|Interim|Provisional|Transitional) President", "", "head_of_state"),
    (r"(?:Acting|Interim|Provisional|Transitional|Caretaker) Prime Minister", "", "head_of_government"),
    (r"First Deputy Prime Minister", "First Deputy Prime Minister", "deputy_leader"),
    (r"Deputy Prime Minister", "Deputy Prime Minister", "deputy_leader"),
    (r"Vice[- ]President", "Vice President", "deputy_leader"),
    (r"(?:First )?Vice[- ]Premier", "Vice Premier", "deputy_leader"),
    (r"Deputy Premier", "Deputy Premier", "deputy_leader"),
    (r"Prime Minister[- ]Prince", "Prime Minister-Prince", "head_of_government"),
    (r"Premier (?:and|&) Prince", "Premier and Prince", "head_of_government"),
    (r"(?:Minister of|Minister for) Foreign Affairs", "Minister of Foreign Affairs", "foreign_minister"),
    (r"Secretary of State for Foreign(?: and Commonwealth)? Affairs", "Secretary of State for Foreign Affairs",
     "foreign_minister"),
    (r"Foreign Minister", "Foreign Minister", "foreign_minister"),
    (r"Foreign Secretary", "Foreign Secretary", "foreign_minister"),
    (r"(?:Secretary for|Minister for|Minister of) External Affairs", "Minister of External Affairs",
     "foreign_minister"),
    (r"External Affairs Minister", "External Affairs Minister", "foreign_minister"),
    (r"(?:UN |U\.N\. |NATO |OAS |OAU )?Secretary[- ]General(?: of the [A-Z][\w.]*(?: [A-Z][\w.]*)*)?",
     "Secretary-General", "igo_leader"),
    (r"(?:European|EU|EC) Commission President", "President of the European Commission", "igo_leader"),
    (r"(?:European|EU) Council President", "President of the European Council", "igo_leader"),
    (r"General Secretary", "General Secretary", "party_leader"),
    (r"First Secretary", "First Secretary", "party_leader"),
    (r"Party Chairman", "Party Chairman", "party_leader"),
    (r"Prime Minister", "Prime Minister", "head_of_government"),
    (r"Premier", "Premier", "head_of_government"),
    (r"Federal Chancellor", "Federal Chancellor", "head_of_government"),
    (r"Chancellor", "Chancellor", "head_of_government"),
    (r"Taoiseach", "Taoiseach", "head_of_government"),
    (r"(?:Minister of|Minister for) [A-Z][a-z]+(?: and [A-Z][a-z]+)?", "", "minister"),
    (r"(?:[A-Z][a-z]+ )?Minister", "", "minister"),
    (r"Governor[- ]General", "Governor-General", "head_of_state"),
    (r"Chief of State", "Chief of State", "head_of_state"),
    (r"Head of State", "Head of State", "head_of_state"),
    (r"Junta Member", "Junta Member", "other"),
    (r"Chairman", "Chairman", "head_of_state"),
    (r"President", "President", "head_of_state"),
    (r"Crown Prince(?:ss)?", "", "royal"),
    (r"Regent(?: Prince)?", "", "head_of_state"),
    (r"Prince Consort|Queen Consort|Queen Mother", "", "royal"),
    (r"King", "King", "head_of_state"),
    (r"Queen", "Queen", "head_of_state"),
    (r"Emperor", "Emperor", "head_of_state"),
    (r"Empress", "Empress", "head_of_state"),
    (r"Shah", "Shah", "head_of_state"),
    (r"Sultan", "Sultan", "head_of_state"),
    (r"Amir", "Amir", "head_of_state"),
    (r"Emir", "Emir", "head_of_state"),
    (r"Grand Duke", "Grand Duke", "head_of_state"),
    (r"Grand Duchess", "Grand Duchess", "head_of_state"),
    (r"Pope", "Pope", "head_of_state"),
    (r"Generalissimo", "Generalissimo", "head_of_state"),
    (r"Prince(?:ss)?", "", "royal"),
    (r"(?:Brigadier |Lieutenant |Major )?General|Colonel|Marshal|Admiral", "", "other"),
    (r"Sheikh?a?", "", "other"),
)
_TITLE_RES: Final[tuple[tuple[re.Pattern[str], str, str], ...]] = tuple(
    (re.compile(r"(?:" + pat + r")(?=$|[\s,&])"), title, level) for pat, title, level in _TITLE_TABLE
)
_HONORIFIC_RE: Final = re.compile(
    r"^(?:(?:His|Her) (?:Royal |Serene |Imperial )?(?:Majesty|Highness|Excellency|Holiness)"
    r"|H\.\s?M\.|H\.\s?R\.\s?H\.)\s+"
)

# Countries whose reigning monarch is styled "Prince".
_PRINCIPALITIES: Final = frozenset({"monaco", "liechtenstein"})

# Row-level decisions where the title alone gives the wrong office or none at all.
# Keyed by (collection, upstream_id); each carries its reason into level_basis.
LEVEL_OVERRIDES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    (COLLECTION_VISITS, "2444"): ("head_of_state", "Prince Sihanouk was Head of State of Cambodia from June 1960"),
    (COLLECTION_VISITS, "28"): ("head_of_government", "Kosygin was Chairman of the USSR Council of Ministers"),
    (COLLECTION_VISITS, "564"): (
        "head_of_government", "Brathwaite chaired Grenada's Interim Advisory Council (head of the interim government)"),
    (COLLECTION_VISITS, "1862"): (
        "igo_leader", "Sheikha Haya Rashed al-Khalifa was President of the 61st UN General Assembly"),
    (COLLECTION_VISITS, "1519"): ("head_of_state", "title missing upstream; Valdas Adamkus was President of Lithuania"),
    (COLLECTION_VISITS, "2010"): (
        "head_of_government", "title missing upstream; Zapatero was President of the Government of Spain"),
    (COLLECTION_VISITS, "306"): (
        "head_of_state", "military rank only; Kjell Laugerud Garcia was President of Guatemala 1974-78"),
    (COLLECTION_VISITS, "307"): (
        "head_of_state", "military rank only; Juan Melgar Castro was Chief of State of Honduras 1975-78"),
    (COLLECTION_VISITS, "325"): (
        "head_of_state", "military rank only; Obasanjo was Head of the Federal Military Government of Nigeria 1976-79"),
}


def _fix_title_typos(s: str) -> str:
    s = re.sub(r"\bPrime Min(?:i)?ste?re?\b", "Prime Minister", s)
    s = re.sub(r"\bPrime Minister(?=[A-Z])", "Prime Minister ", s)
    s = re.sub(r"\b(President|Chancellor|Prime Minister)-\s+(elect|designate)\b", r"\1-\2", s, flags=re.I)
    s = re.sub(r"\b(President|Chancellor|Prime Minister)-(Elect|Designate)\b",
               lambda m: f"{m.group(1)}-{m.group(2).lower()}", s)
    s = re.sub(r"\bSheik\b", "Sheikh", s)
    return s


def parse_title(
    person: str, country_slug: str | None = None, start: str | None = None
) -> tuple[str | None, str, str, str]:
    """Split one person string into title, name and level.

    Typos in the title are corrected and an honorific ("His Majesty") is kept in
    front of the title. Country rules: a Spanish "President" is the head of
    government, so is an Irish "President" before 1937, and a Prince of Monaco or
    Liechtenstein is the head of state.

    Parameters
    ----------
    person : str
        One person as written, title first ("Prime Minister Giulio Andreotti").
    country_slug : str, optional
        The visitor's state, for the country rules.
    start : str, optional
        The ISO start date text, for the date-dependent rules.

    Returns
    -------
    title : str or None
        The corrected title (with any honorific); None when there is none.
    name : str
        The rest of the string.
    level : str
        One of ``LEVEL_ORDER``.
    basis : str
        How the level was found ("title: King", "rule: ...", "no title").
    """
    s = _fix_title_typos(person.strip())
    honorific = ""
    m = _HONORIFIC_RE.match(s)
    if m:
        honorific = m.group(0).strip()
        s = s[m.end() :]
    for rx, canon, level in _TITLE_RES:
        tm = rx.match(s)
        if not tm:
            continue
        title = canon or norm_ws(tm.group(0)) or tm.group(0)
        name = s[tm.end() :].strip(" ,")
        basis = f"title: {title}"
        # Rules that depend on the country (and date).
        if title == "President" and country_slug == "spain":
            level, basis = "head_of_government", "rule: a Spanish 'President' is the President of the Government"
        elif title == "President" and country_slug == "ireland" and start is not None and start < "1937-12-29":
            level = "head_of_government"
            basis = "rule: Irish 'President' before 1937 is President of the Executive Council"
        elif title in ("Prince", "Princess") and country_slug in _PRINCIPALITIES:
            level, basis = "head_of_state", f"rule: reigning Prince of {country_slug}"
        if honorific:
            title = f"{honorific} {title}"
        return title, name, level, basis
    # A bare "His Majesty" still names a reigning monarch.
    level = "head_of_state" if honorific.startswith(("His Majesty", "Her Majesty")) else "other"
    return (honorific or None), s, level, "no title"


_SPLIT_RE: Final = re.compile(r"\s*(?:,|\band\b|&)\s*")


def split_visitors(visitor: str) -> list[str]:
    """Split a visitor string that names two or more persons.

    A new person starts at ", ", " and " or " & " only where the next part opens
    with a title and the part before it already holds a name after its title.
    So "Premier & Prince Sihanouk" (one person with two titles) and
    "President Benigno S. Aquino, 3rd" stay whole, while "President X and Prime
    Minister Y" splits.

    Parameters
    ----------
    visitor : str
        The visitor string as given.

    Returns
    -------
    list of str
        The persons, each whitespace normalised, in the order written.
    """
    pieces: list[str] = []
    seps: list[str] = []
    pos = 0
    for m in _SPLIT_RE.finditer(visitor):
        pieces.append(visitor[pos : m.start()])
        seps.append(m.group(0))
        pos = m.end()
    pieces.append(visitor[pos:])
    persons: list[str] = [pieces[0]]
    for sep, piece in zip(seps, pieces[1:], strict=True):
        current = persons[-1]
        _t, cur_name, _l, cur_basis = parse_title(current)
        starts_with_title = any(rx.match(_fix_title_typos(piece.strip())) for rx, _c, _lv in _TITLE_RES)
        if starts_with_title and cur_name and cur_basis != "no title":
            persons.append(piece)
        else:
            persons[-1] = current + sep + piece
    return [norm_ws(p) or p for p in persons]


def _best(levels: Sequence[str]) -> int:
    return min(range(len(levels)), key=lambda i: (LEVEL_RANK[levels[i]], i))


def read_visitor(
    visitor: str, country_slug: str | None, start: str | None, upstream_id: str | None
) -> tuple[str | None, str | None, str, str, list[str]]:
    """Code the visitor string of one inbound visit.

    A string naming several persons takes the highest level among them (ties go to
    the first named); the others become co-visitors. A row-level override in
    ``LEVEL_OVERRIDES`` replaces the level found from the title.

    Parameters
    ----------
    visitor : str
        The ``<visitor>`` string, whitespace normalised; may be empty.
    country_slug : str or None
        The visitor's state (``<from id>``).
    start : str or None
        The ISO start date text.
    upstream_id : str or None
        The visit's ``<id>``, to look up overrides.

    Returns
    -------
    title : str or None
        The title of the person whose level the row takes.
    name : str or None
        That person's name; None when empty.
    level : str
        One of ``LEVEL_ORDER``.
    basis : str
        How the level was found.
    co_visitors : list of str
        The other persons, as written.
    """
    persons = split_visitors(visitor) if visitor else []
    parsed = [parse_title(p, country_slug, start) for p in persons]
    title: str | None
    name: str | None
    co: list[str]
    if parsed:
        i = _best([p[2] for p in parsed])
        title, name, level, basis = parsed[i]
        co = [persons[j] for j in range(len(persons)) if j != i]
    else:
        title, name, level, basis, co = None, None, "other", "no visitor", []
    if len(persons) > 1:
        basis = f"highest of {len(persons)} visitors; {basis}"
    override = LEVEL_OVERRIDES.get((COLLECTION_VISITS, upstream_id or ""))
    if override is not None:
        level, basis = override[0], f"override: {override[1]}"
    return title, name or None, level, basis, co
