"""The validation rules: one registry of stable error codes, severities and meanings.

Codes are stable forever: a code may be added, never renamed or reused, so scripts
and papers that filter on them keep working. ``docs/validation-rules.md`` is
generated from this registry by :func:`rules_markdown` (a test fails when stale).
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Rule:
    """One validation rule.

    Parameters
    ----------
    code : str
        The stable error code, e.g. ``lost-leading-zero``.
    severity : str
        ``error`` (the data is invalid) or ``warning``.
    tables : str
        Which tables it applies to, in words.
    title : str
        A one-line name.
    description : str
        What it means, for the documentation.
    """

    code: str
    severity: str
    tables: str  # which tables it applies to, in words
    title: str
    description: str


_RULES = [
    # reading
    Rule("unreadable-file", ERROR, "any", "File cannot be read",
         "The file is missing, empty, truncated, not the format given, or a zip refused for safety "
         "(more than one member, a member path outside the archive, or an expansion past the size "
         "limit). The reason is in the message; nothing else of that file is checked."),
    Rule("malformed-row", ERROR, "any", "Row with the wrong number of fields",
         "A line of a delimited file has more or fewer fields than its layout (for GDELT 1.0: 57 or 58; "
         "GDELT 2.0: 61; ICEWS: 20). The row is skipped and the rest of the file is read."),
    Rule("encoding-error", ERROR, "any", "Text that is not UTF-8",
         "Bytes that are not valid UTF-8; the value is read with replacement characters."),
    Rule("nul-byte", ERROR, "any", "NUL byte in a text field",
         "A field of a delimited file holds a zero byte, which no text does: the file is damaged or "
         "binary data was written into it. The value is read as it is."),
    # columns and types
    Rule("missing-column", ERROR, "any", "Missing required column",
         "A column that the table's schema defines and requires is absent."),
    Rule("missing-optional-column", WARNING, "any", "Missing optional column",
         "A column that the table's schema defines but does not require is absent (a GDELT extract "
         "with a subset of the columns, say); it is read as empty."),
    Rule("unexpected-column", WARNING, "any", "Unexpected column",
         "A column the table's schema does not define; it is ignored."),
    Rule("type-error", ERROR, "any", "Value or column of the wrong type",
         "A value that is not of its field's type (a number field holding text), or a whole column "
         "stored with the wrong type, such as event codes read as integers."),
    Rule("required", ERROR, "any", "Required value missing",
         "A field the schema marks required is empty."),
    Rule("enum", ERROR, "any", "Value not among the allowed values",
         "A value outside the field's enumeration (date precision, visit type, quad class, ...)."),
    Rule("pattern", ERROR, "any", "Value does not match the field's pattern",
         "For example a CAMEO actor code that is not upper-case letters in groups of three "
         "(GDELT has lower-case actor codes in some rows), or an id of the wrong form."),
    Rule("out-of-range", ERROR, "any", "Number outside the field's range",
         "A value below the field's minimum or above its maximum (e.g. a Goldstein value beyond -10..10)."),
    # CAMEO semantics
    Rule("unknown-event-code", ERROR, "events", "CAMEO event code does not exist",
         "The event code is not in the CAMEO code list (schemas/codes/cameo_event_codes.tsv)."),
    Rule("lost-leading-zero", ERROR, "events", "Code lost its leading zero",
         "A code such as 42 or 43 where CAMEO has 042 or 043: the code was read as a number somewhere. "
         "Read code columns as text."),
    Rule("padded-code", ERROR, "events", "Code padded with spaces",
         "A code with leading or trailing spaces, such as GDELT's ' USA' or ' UIS'."),
    Rule("null-code", WARNING, "events", "The '---' null code",
         "GDELT writes '---' for an event or actor code its coder could not assign."),
    Rule("base-code-mismatch", ERROR, "events", "Base code disagrees with the event code",
         "The base code is not the first three digits of a four-digit code (or the code itself)."),
    Rule("root-code-mismatch", ERROR, "events", "Root code disagrees with the event code",
         "The root code is not the first two digits of the event code."),
    Rule("quad-class-mismatch", ERROR, "events", "Quad class disagrees with the root code",
         "The quad class is not the one of the root code. The GDELT split is the default "
         "(1: roots 01-05, 2: 06-09, 3: 10-14, 4: 15-20); quad_split='icews' uses the ICEWS/Phoenix "
         "split (1: 01-05, 2: 06-08, 3: 09-13, 4: 14-20)."),
    Rule("goldstein-mismatch", WARNING, "events", "Goldstein value disagrees with the code",
         "The Goldstein value differs by more than 0.05 from the value of the event code in GDELT's table."),
    Rule("unknown-country", ERROR, "any", "Country code or name not known",
         "A country that is not an ISO alpha-3 code of the crosswalk; for imported rows, a CAMEO country "
         "code, FIPS 10-4 code or ICEWS country name that the crosswalk does not know."),
    # coordinates
    Rule("latitude-range", ERROR, "events, places", "Latitude outside -90..90", "Latitude outside -90..90."),
    Rule("longitude-range", ERROR, "events, places", "Longitude outside -180..180", "Longitude outside -180..180."),
    Rule("null-island", WARNING, "events, places", "Coordinates (0, 0)",
         "Latitude and longitude both 0: almost always a missing location written as zero."),
    # dates
    Rule("date-unparseable", ERROR, "any", "Date that does not parse",
         "A date that is not a real calendar date in the file's date format."),
    Rule("date-in-future", ERROR, "any", "Date in the future", "A date later than today."),
    Rule("date-before-1800", ERROR, "any", "Date before 1800",
         "A date before 1 January 1800: no event data covers it; usually a mangled year."),
    Rule("date-far-from-added", WARNING, "events", "Event date far from the date added",
         "The event date is more than a year before, or any day after, the date the row was added "
         "(GDELT DATEADDED). This is the class of GDELT's year-shift erratum (events of 2020 dated 1920)."),
    # keys
    Rule("duplicate-key", ERROR, "any", "Primary key not unique",
         "Two or more rows share a primary key (for ICEWS files: the same event id on the same date). "
         "Every row after the first with that key is reported."),
    Rule("foreign-key", ERROR, "events, visits, event_sources", "Reference that does not resolve",
         "A value that should name a row of another table (an event's visit, actor or place; an "
         "event_source's event or source) that is not there."),
    # visits
    Rule("visit-ends-before-start", ERROR, "visits", "Visit ends before it starts",
         "A visit whose end date is before its start date."),
    Rule("event-outside-visit", ERROR, "events", "Event dated outside its visit",
         "An event that belongs to a visit but is dated before the visit starts or after it ends."),
]

RULES: dict[str, Rule] = {r.code: r for r in _RULES}


def rule(code: str) -> Rule:
    """The rule of an error code.

    Parameters
    ----------
    code : str
        A code of :data:`RULES`.

    Returns
    -------
    Rule
        Its rule.

    Raises
    ------
    KeyError
        When there is no such code.
    """
    return RULES[code]


def severity(code: str) -> str:
    """The severity of an error code.

    Parameters
    ----------
    code : str
        A code of :data:`RULES`.

    Returns
    -------
    str
        ``error`` or ``warning``.

    Raises
    ------
    KeyError
        When there is no such code.
    """
    return RULES[code].severity


def rules_markdown() -> str:
    """The error-code table of the documentation, generated from the registry.

    Returns
    -------
    str
        ``docs/validation-rules.md``, Markdown ending in a newline.
    """
    lines = [
        "# Validation rules",
        "",
        "<!-- Generated by summitry.validation.rules.rules_markdown(); do not edit by hand. -->",
        "",
        "`summitry.validate()` and `summitry validate` report every failure with one of these",
        "stable codes. Errors make a report invalid (CLI exit code 1); warnings do not.",
        "",
        "| Code | Severity | Tables | Rule | What it means |",
        "|---|---|---|---|---|",
    ]
    for r in _RULES:
        lines.append(f"| `{r.code}` | {r.severity} | {r.tables} | {r.title} | {r.description} |")
    return "\n".join(lines) + "\n"
