"""Commands on anyone's event files: validate, and import GDELT or ICEWS into Parquet.

Exit codes of ``validate``: 0 valid (warnings allowed), 1 invalid, 2 unreadable input
or a usage error.
"""

from __future__ import annotations

import sys

import click

from ..eventdata.inputs import FORMATS
from ..schema import TABLES


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--table", default="events", show_default=True, type=click.Choice(TABLES),
              help="Table whose rules apply (a folder of release tables checks every table).")
@click.option("--format", "fmt", default="auto", show_default=True, type=click.Choice(FORMATS),
              help="File format (default: from each file's name and first line).")
@click.option("--quad-split", default="gdelt", show_default=True, type=click.Choice(["gdelt", "icews"]),
              help="Quad classes of the root codes: GDELT's split or the ICEWS/Phoenix split.")
@click.option("--references", default=None, type=click.Path(file_okay=False),
              help="Folder of <table>.parquet files to resolve foreign keys against "
                   "(default: the Parquet files beside the first PATH).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--max-errors", default=1000, show_default=True, type=click.IntRange(min=0),
              help="List at most N failures (counts stay exact).")
@click.option("--examples", default=3, show_default=True, type=click.IntRange(min=0),
              help="Examples shown per rule in the summary.")
def validate_cmd(paths: tuple[str, ...], table: str, fmt: str, quad_split: str, references: str | None,
                 as_json: bool, max_errors: int, examples: int) -> None:
    """Check tables or GDELT/ICEWS files: schema, CAMEO semantics, known errata.

    PATH may be Parquet, CSV, TSV, a GDELT 1.0/2.0 events file or an ICEWS file, plain
    or zipped, or a folder holding release tables. Exit code 0 when valid (warnings
    allowed), 1 when invalid, 2 when an input cannot be read.
    """
    from ..validation.validate import validate

    report = validate(list(paths), table, format=fmt, quad_split=quad_split, references=references,
                      max_errors=max_errors,
                      progress=sys.stderr.isatty() and not as_json)
    click.echo(report.to_json() if as_json else report.summary(examples))
    sys.exit(2 if report.unreadable else 0 if report.ok else 1)


@click.command("import")
@click.argument("format", type=click.Choice(["gdelt", "gdelt1", "gdelt2", "icews"]))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder of the Parquet dataset.")
@click.option("--validate", "check", is_flag=True,
              help="Validate every batch on the way; write the report to _validation.json beside the data.")
@click.option("--strict", is_flag=True, help="With --validate: exit 1 when the report has any finding.")
@click.option("--no-normalize", is_flag=True,
              help="Keep codes exactly as written (default: strip padding, upper-case actor codes, '---' to null).")
def import_cmd(format: str, paths: tuple[str, ...], out: str, check: bool, strict: bool, no_normalize: bool) -> None:
    """Stream GDELT or ICEWS files into a Parquet dataset partitioned by year.

    Re-running over the same files adds nothing twice; an interrupted import resumes.
    With --validate the exit code is 0 once the data and the report are written, whatever
    the report finds (it says where the report is and how many findings it has); with
    --strict it is 1 when there is any finding.
    """
    if strict and not check:
        raise click.UsageError("--strict needs --validate (it fails the import on the validation's findings)")
    from pathlib import Path

    from ..importer import REPORT_FILE, import_events

    result = import_events(list(paths), out, format=format, validate=check, normalize=not no_normalize,
                           progress=sys.stderr.isatty())
    click.echo(result.summary())
    report = result.report
    if report is None:
        return
    findings = report.n_errors + report.n_warnings
    click.echo(f"validation report written to {Path(out) / REPORT_FILE}: {_n(findings, 'finding')} "
               f"({_n(report.n_errors, 'error')}, {_n(report.n_warnings, 'warning')})")
    if strict and findings:
        click.echo("--strict: failing on the findings above", err=True)
        sys.exit(1)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def register(group: click.Group) -> None:
    """Add the commands on event files to ``group``.

    Parameters
    ----------
    group : click.Group
        The ``summitry`` command group.
    """
    for cmd in (validate_cmd, import_cmd):
        group.add_command(cmd)
