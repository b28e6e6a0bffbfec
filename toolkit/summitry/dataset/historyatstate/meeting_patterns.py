"""The patterns that find meetings in the free text, and the words around them that matter.

``MEETING_RES`` is the ordered table read by :func:`summitry.dataset.historyatstate.meetings.read_meetings`.
"""

from __future__ import annotations

import re
from typing import Final

_UN: Final = r"(?:U\.?\s?N\.?|United Nations)"
# Partners in two-party "U.S.-X" / "X-U.S." summits and dialogues (bilateral, not multilateral).
_PAIR: Final = (
    r"(?:Soviet|Russian?|China|Chinese|Japan|Japanese|India|Indian|Mexico|Mexican|Canada|Canadian|North Korea|Korea|"
    r"Korean|Israel|Israeli|Egypt|Egyptian|Pakistan|Afghanistan|Iraq|Ukraine|Kazakh|Kazakhstan|Jordan|Australia|"
    r"Brazil|Turkey|"
    r"Vietnam|Philippines|Indonesia|Saudi|Germany|German|France|French|UK|British|Italy|Italian|Spain|Poland|Greece|"
    r"Colombia|Chile|Argentina|Peru|Nigeria|South Africa|Kenya|Morocco|Tunisia|Algeria|Qatar|Kuwait|UAE|Bahrain|Oman|"
    r"Singapore|Malaysia|Thailand|New Zealand|Taiwan|Mongolia|Georgia|Armenia|Azerbaijan|Uzbekistan|Iran|Australian|"
    r"ROK|Republic of Korea)"
)
_US: Final = r"(?:U\.?S\.?|United States|American)"
_TALKS: Final = r"(?:[Ss]ummit|[Mm]eeting|[Dd]ialogue|[Tt]alks|[Cc]onsultations|[Nn]egotiations|Ministerial|Forum)"

# (pattern, name).  A name of None marks text that looks like a meeting but is not a
# meeting of states: bilateral bodies and non-governmental events.  Patterns are tried
# in order and each match masks its span, so a later, looser pattern cannot match the
# same words again.
_MEETINGS: Final[tuple[tuple[str, str | None], ...]] = (
    # not multilateral: bilateral commissions and consultations
    (r"(?:Joint|Binational|Bi-national|Bilateral) Commission|Australia-U\.?S\.? Ministerial|AUSMIN|"
     r"Strategic (?:and Economic )?Dialogue", None),
    (r"\bBilateral\b[^.;]{0,20}?(?:Ministerial|Forum|Meeting|Dialogue)|Strategic (?:Partnership )?Dialogue|"
     r"U\.S\.-[A-Z][a-z]+ (?:Strategic Partnership|Council)\b", None),
    (_US + r"[-– ]" + _PAIR + r"\b[^.;]{0,30}?" + _TALKS + r"|" + _PAIR + r"[-–]" + _US + r"[^.;]{0,30}?" + _TALKS,
     None),
    # not multilateral: non-governmental or domestic events
    (r"World Economic Forum|Council of the Americas|Business (?:and Entrepreneurship )?Summit|Entrepreneurship Summit|"
     r"ASEAN Business Council|Africare|Conference of Mayors|White House Summit|Olympic Committee|"
     r"World Meeting of Families|"
     r"Federalism Conference|Partnership to Cut Hunger|New York University|Reinventing Government|"
     r"Conference on Free Elections|"
     r"Socialist International|Munich Security Conference|Munich Conference on Security Policy|Press Conference|"
     r"[Tt]own [Mm]eeting|[Tt]own [Hh]all|\bAIPAC\b|Saban Forum|Oslo Forum|Investors Summit|U\.S\.-Islamic World Forum|"
     r"Women[’']s Leadership Forum", None),
    # not multilateral: a national legislature
    (r"[Jj]oint (?:[Ss]ession|[Mm]eeting)(?: of (?:the )?(?:U\.?S\.? )?(?:Congress|Parliament))?", None),
    # two-power wartime conferences (not multilateral; US and UK, sometimes Canada as host)
    (r"(?:First |Second )?Washington \(Arcadia\) Conference|Arcadia Conference|Trident Conference|"
     r"Second Washington Conference|"
     r"(?:First |Second )?Quebec Conference|Casablanca Conference|Malta Conference|"
     r"conference with Prime Minister Churchill", None),
    # meetings held abroad that a visitor to the US passed through (never in the host country here)
    (r"Commonwealth (?:Prime Ministers[’']? )?(?:conference|meeting|Conference|Meeting)|"
     r"Conference of (?:British )?Commonwealth|"
     r"Imperial Conference|Conference of Nonaligned Nations|World Monetary and Economic Conference", None),
    # UN family
    (r"Nuclear Security Summit", "Nuclear Security Summit"),
    (r"Millenn?ium Summit", "UN Millennium Summit"),
    (_UN + r"\s+Security Council Summit", "UN Security Council Summit"),
    (r"(?:" + _UN + r"\s+)?(?:General Assembly\s+)?Special Session(?: on [A-Z][\w ]+)?",
     "UN General Assembly Special Session"),
    (r"(?:" + _UN + r"\s+)?Climate Change Conference|Conference of the Parties|Framework Convention on Climate Change",
     "UN Climate Change Conference"),
    (r"Earth Summit", "UN Conference on Environment and Development (Earth Summit)"),
    (_UN + r"\s+Ecology Summit", "UN Ecology Summit"),
    (r"United Nations Conference(?: in San Francisco| on International Organization)?",
     "UN Conference on International Organization"),
    (r"(?:" + _UN + r"\s+)?Trusteeship Council", "UN Trusteeship Council"),
    (r"(?:Emergency Session of the\s+)?" + _UN + r"\s+General\s+Assembly|"
     r"General Assembly of the United Nations|\bUNGA\b", "UN General Assembly"),
    (r"International Labou?r Organization|\bILO\b", "International Labour Conference"),
    (r"\bIMF\b|International Monetary Fund|World Bank", "IMF/World Bank meeting"),
    (r"\bWTO\b|World Trade Organization", "WTO meeting"),
    (r"International Conference on Financing for Development", "International Conference on Financing for Development"),
    # NATO
    (r"\bNATO\b[^.;]{0,25}?Accession|Accession[^.;]{0,25}\bNATO\b", "NATO Accession Ceremony"),
    (r"\bNACC\b|North Atlantic Cooperation Council", "North Atlantic Cooperation Council"),
    (r"\bEAPC\b|Euro-Atlantic Partnership Council", "Euro-Atlantic Partnership Council"),
    (r"\bNATO[’']?s?\b(?:[^.;]{0,40}?)(?:Summit|summit|Ministerial|ministerial|Ministers|ministers|Council|"
     r"Meeting|meeting|meetings|Session|session|Conference|conference|Heads|heads|Leaders|leaders|dinner)\b", "NATO"),
    (r"North Atlantic (?:Alliance|Council|Treaty Organization)", "NATO"),
    # G-7/8/20 and the earlier Economic Summits
    (r"\bG\s?[-–=‑]?\s?(?:7|8|20)(?:\s?\+\s?\d+)?\b"
     r"(?:[^.;]{0,20}?(?:and|&)\s+G\s?[-–=‑]?\s?(?:7|8|20)\b)?(?:\s+Economic\s+Summit)?", "G"),
    (r"(?:Economic Summit|Summit of (?:the )?Industriali[sz]ed (?:Nations|Democracies))", "G-7 Summit"),
    # Americas
    (r"(?:Special |Second |First )?Summit of the Americas", "Summit of the Americas"),
    (r"Americas Partnership for Economic Prosperity|\bAPEP\b", "APEP Leaders' Summit"),
    (r"Presidents of the American Republics|Hemispheric Summit|Meeting of American (?:Chiefs of State|Presidents)",
     "Meeting of American Presidents"),
    (r"Inter-American Conference|International Conference of American States|"
     r"Conference for the Maintenance of (?:Continental )?Peace(?: and Security)?", "Inter-American Conference"),
    (r"\bOAS\b|Organization of American States", "OAS"),
    (r"(?:Presidents of (?:the )?Central American Republics|Central American (?:Summit|heads of state|Presidents))",
     "Central American Summit"),
    (r"Central America(?:n)? reconstruction|Prosperity and Security in Central America",
     "Conference on Central America"),
    (r"Caribbean Leaders Conference|Caribbean Heads of Government|\bCARICOM\b|Caribbean Community",
     "U.S.-Caribbean (CARICOM) Summit"),
    (r"Drug Summit|Summit Meeting on the control of illicit drug", "Drug Summit"),
    (r"North American Leaders[’']? Summit", "North American Leaders' Summit"),
    (r"Freely Associated States", "Freely Associated States leaders' meeting"),
    # Asia-Pacific
    (r"\bAPEC\b|Asia[- ]Pacific Economic (?:and )?Cooperation", "APEC"),
    (r"(?:U\.?S\.?-ASEAN|United States-Association of Southeast Asian)", "U.S.-ASEAN Summit"),
    (r"ASEAN Post[- ]Ministerial", "ASEAN Post-Ministerial Conference"),
    (r"ASEAN Regional Forum|\bARF\b", "ASEAN Regional Forum"),
    (r"East Asia Summit", "East Asia Summit"),
    (r"\bASEAN\b", "ASEAN"),
    (r"Trans[- ]Pacific Partnership", "Trans-Pacific Partnership Leaders' Meeting"),
    (r"Pacific Alliance", "Pacific Alliance Summit"),
    (r"Pacific Islands? (?:Countries|Country|Nations)|U\.?S\.?-Pacific Island", "U.S.-Pacific Islands Summit"),
    (r"Quad Leaders", "Quad Leaders' Summit"),
    (r"\bAUKUS\b", "AUKUS Summit"),
    (r"\bSEATO\b|Southeast Asia Treaty Organization", "SEATO Council"),
    (r"\bCENTO\b|Baghdad Pact", "CENTO Council"),
    (r"\bANZUS\b", "ANZUS Council"),
    (r"Pacific War Council", "Pacific War Council"),
    (r"Japanese Peace Conference", "San Francisco Peace Conference"),
    (r"Trilateral Summit", "Trilateral Summit"),
    # Europe
    (r"\b(?:OSCE|CSCE)\b|(?:Organization|Conference) (?:for|on) Security and Cooperation in Europe", "OSCE"),
    (r"U\.?S\.?[-–]\s?(?:EU|European Union|European Community|EC)\b|EU[-–]U\.?S\.?|"
     r"United States-European (?:Union|Community)", "U.S.-EU Summit"),
    (r"(?:European (?:Union|Community) Summit|Council of the European Union|EU Summit)", "European Council"),
    (r"Nordic Leaders", "U.S.-Nordic Leaders' Summit"),
    (r"Baltic Leaders", "U.S.-Baltic Summit"),
    (r"Stability Pact", "Stability Pact Summit"),
    (r"Council of Foreign Ministers", "Council of Foreign Ministers"),
    (r"Paris Peace Conference", "Paris Peace Conference"),
    (r"Potsdam Conference", "Potsdam Conference"),
    (r"Yalta Conference", "Yalta Conference"),
    (r"Tehran Conference", "Tehran Conference"),
    (r"(?:First |Second )?Cairo Conference", "Cairo Conference"),
    (r"Bermuda Conference", "Bermuda Conference"),
    (r"Conference on the Limitation of Armaments", "Washington Naval Conference"),
    (r"Progressive Governance", "Progressive Governance Conference"),
    # Middle East and Africa
    (r"Middle East Peace Conference|Middle East peace conference", "Middle East Peace Conference"),
    (r"Middle East Summit", "Middle East Summit"),
    (r"Summit of the Peacemakers", "Summit of the Peacemakers"),
    (r"Israeli-Palestinian Summit", "Israeli-Palestinian Summit"),
    (r"Red Sea Summit", "Red Sea Summit"),
    (r"Gulf Cooperation Council|\bGCC\b", "Gulf Cooperation Council"),
    (r"Friends of Democratic Pakistan", "Friends of Democratic Pakistan"),
    (r"C5\s?\+\s?1", "C5+1 Summit"),
    (r"U\.?S\.?[-–]\s?Africa Leaders|African Leaders Summit|U\.?S\.?-Africa\b", "U.S.-Africa Leaders Summit"),
    (r"Ebola Meeting", "Africa Leaders Ebola Meeting"),
    (r"African Union|\bOAU\b|Organization of African Unity", "African Union"),
    (r"Arab League", "Arab League"),
    (r"International Cooperation and Development", "Summit on International Cooperation and Development"),
    (r"\bP5\s?\+\s?1\b|\bP-5\+1\b", "P5+1 talks"),
    (r"\bQuartet\b", "Middle East Quartet"),
    (r"Human Rights (?:Commission|Council)", "UN Human Rights Council"),
    (r"\bAGOA\b|African Growth and Opportunity Act", "AGOA Forum"),
    (r"International Compact with Iraq", "International Compact with Iraq"),
    (r"[Tt]rilateral (?:[Mm]eeting|[Ss]ummit|[Tt]alks)", "Trilateral meeting"),
    (r"Heads of Government meeting", "Heads of Government meeting"),
    # generic: a summit or conference "with" several leaders, or of heads of state
    (r"(?:[Ss]ummit|[Cc]onference)(?: meeting| conference)? (?:with|of) (?:the )?(?:[\w-]+ )?(?:[Hh]eads of [Ss]tate|"
     r"[Cc]hiefs of [Ss]tate|leaders of)", "Summit of several states"),
    # generic UN mention with an attendance verb
    (r"\b(?:[Aa]ddressed|[Aa]ttending|appearing at|[Aa]ttended|luncheon at|reception at)\s+(?:the |a )?" + _UN
     + r"(?:\s+meeting)?\b(?!\s*(?:Secretary|Mission|Declaration|Ambassador|officials|Charter|Day))", "United Nations"),
    (r"(?<=\bat the\s)" + _UN + r"(?!\s*(?:Secretary|Mission|Declaration|Ambassador|officials|Charter|Day))\b",
     "United Nations"),
    # generic: "Attended the <Proper Name> Conference/Meeting/Summit/...".  Named from the text.
    (r"\b(?:[Aa]ttended|[Pp]articipated in|[Cc]o-?chaired|[Cc]haired|[Cc]o-?convened|[Cc]onvened|[Hh]osted|"
     r"[Ll]ed (?:the )?U\.?S\.? [Dd]elegation to(?: attend)?|[Aa]ddressed)\s+(?:the\s+|a\s+|an\s+)?"
     r"(?:(?:opening|closing|final|plenary|inaugural)(?: session| meeting)? of (?:the )?)?(?:\d+\w*\s+)?"
     r"(?P<gname>(?:(?:[A-Z0-9][\w’'.+&/-]*|of|on|for|the|and|in|to|de)\s+){0,9}?"
     r"(?:Conference|Meeting|Meetings|Summit|Session|Forum|Ministerial|Dialogue|Talks)"
     r"(?:\s+(?:Meeting|Meetings|Conference|Session|Council))?)\b", "GENERIC"),
    # generic, lower case: "Attended a Libya Contact Group meeting", "attended an international conference on ...".
    (r"\b(?:[Aa]ttended|[Pp]articipated in|[Hh]eaded the U\.S\. delegation to|[Ll]ed the U\.S\. delegation to|"
     r"[Jj]oined [\w ]{0,30}? for|[Tt]ook part in)\s+(?:the |a |an )?"
     r"(?P<lname>(?:[\w’'+&/-]+ ){0,7}?(?:conference|meeting|ministerial|summit|talks|forum|"
     r"Conference|Ministerial|Summit|Forum)"
     r"(?: (?:of|on|for) (?:the )?[^.;,]{1,70})?)(?=[.;,]|$| and )", "LOWER"),
)
LOWER_REJECT_RE: Final = re.compile(
    r"\bwith\b|Chiefs? of Mission|ambassadors|[Cc]abinet|press|[Tt]own|[Bb]ilateral|"
    r"U\.S\.-[A-Z][a-z]+ (?:Council|Commission)|"
    r"^(?:a |an |the )?(?:meeting|conference|summit|talks|ministerial|forum)s?$|"
    r"Egyptian-Israeli|Israeli-Egyptian|preliminary|"
    r"\b[A-Z]$|\bU\.S\. (?:Chiefs|ambassadors|officials)",
)
# Words that alone do not make a meeting's name a proper name.
GENERIC_WORDS: Final = frozenset({
    "Conference", "Meeting", "Meetings", "Summit", "Session", "Forum", "Council", "Ministerial", "Dialogue",
    "Talks", "of", "on", "for", "the", "and", "in", "to", "de", "Special", "Extraordinary", "Annual", "Informal",
    "Leaders", "Leaders’", "Leaders'", "High", "Level", "High-Level", "Regional", "International", "Economic",
    "Heads", "State", "Government",
})
MEETING_RES: Final[tuple[tuple[re.Pattern[str], str | None], ...]] = tuple(
    (re.compile(p), n) for p, n in _MEETINGS
)

# Words in the same clause, just before a meeting's name, that say the traveller did
# not attend it here (was on the way, came back from it, discussed or prepared it,
# was briefed on it, held an office in it).
NOT_ATTENDED_RE: Final = re.compile(
    r"\b(?P<prep>en route to|on (?:the |his |her )?way to|returning from|return from|on return from|before|prior to|"
    r"forthcoming|following|after|discuss\w*|postpon\w*|cancel\w*|prepar\w*|brief\w*[^.;]*?\bon|"
    r"(?:serving )?as (?:the )?(?:President|Chairman|Chair|Secretary[- ]General) of|on the)\b",
    re.IGNORECASE,
)
ATTEND_RE: Final = re.compile(r"\b(?:attend\w*|particip\w*|at the|during|while|addressed|led)\b", re.IGNORECASE)
UN_FAMILY: Final = frozenset(
    {"UN General Assembly", "UN General Assembly Special Session", "UN Security Council Summit", "UN Millennium Summit",
     "United Nations", "UN Ecology Summit", "UN Trusteeship Council"}
)
# Non-US places named right after a meeting in the inbound descriptions.
ABROAD_AFTER_RE: Final = re.compile(
    r"^\s*(?:meeting\s+|meetings\s+)?in\s+(?:London|Canada|Ottawa|Belgrade|Paris|Quebec|Geneva|Europe|Bermuda|"
    r"Brussels)\b"
)


GENERIC_TAIL_RE: Final = re.compile(
    r"^\s+(?:of|on|for|to)\s+(?:the\s+)?(?:(?:(?:[A-Z]\.){2,}(?:-[A-Z][\w]*)?|[A-Z0-9][\w’'+&/-]*|of|on|for|the|and|in|"
    r"to|de)(?: |(?=[.,;:)]|$))){1,10}"
)

