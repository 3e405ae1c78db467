"""The preview of an asset-list import: what it would register, or every error in its own row.

The preview is the import's own dry run; a refused file is read again as plain cells so that each
error is shown in the row and column where a person finds it in the spreadsheet. Confirming
imports the same bytes: the preview's digest travels with the form, so what is confirmed is what
was previewed.
"""

import hashlib
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from reuse.errors import ImportRejected, ValidationFailed
from reuse.importing.reader import UnreadableFile, read_table
from reuse.services import device_import
from reuse.services.actors import Actor

#: Records shown when the file is fine, and rows with errors shown when it is not.
PREVIEW_RECORDS = 100
PREVIEW_ERROR_ROWS = 500


@dataclass
class PreviewRow:
    """A row of the file with its errors: per cell (by column position) and for the whole row."""

    number: int
    cells: list[str]
    cell_errors: dict[int, list[str]] = field(default_factory=dict)
    row_errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    """What importing a file would do."""

    filename: str
    digest: str
    count: int = 0
    warnings: list[str] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    error_count: int = 0
    rows_with_errors: int = 0

    @property
    def ok(self) -> bool:
        """Whether the file can be imported as it is."""
        return self.error_count == 0


def digest(data: bytes) -> str:
    """The file's SHA-256, to tell that a confirmed file is the previewed one."""
    return hashlib.sha256(data).hexdigest()


def preview(
    session: Session, actor: Actor, collection_id: int, data: bytes, filename: str
) -> ImportPreview:
    """Check the file as the import would, writing nothing."""
    try:
        report = device_import.import_devices(
            session, actor, collection_id, data, filename, dry_run=True
        )
    except ImportRejected as rejected:
        return _rejected(data, filename, rejected)
    return ImportPreview(
        filename=filename,
        digest=digest(data),
        count=report.created,
        warnings=report.warnings,
        records=report.records[:PREVIEW_RECORDS],
    )


def confirm(
    session: Session,
    actor: Actor,
    collection_id: int,
    data: bytes,
    filename: str,
    expected_digest: str | None,
) -> device_import.ImportReport:
    """Import the previewed file for real, all rows or none.

    :raises ValidationFailed: the file is not the one previewed.
    :raises ImportRejected: the file has errors (the database may have changed since).
    """
    if expected_digest and digest(data) != expected_digest:
        raise ValidationFailed(
            "this is not the file that was checked: check it again before importing", field="file"
        )
    return device_import.import_devices(session, actor, collection_id, data, filename)


def _rejected(data: bytes, filename: str, rejected: ImportRejected) -> ImportPreview:
    result = ImportPreview(
        filename=filename,
        digest=digest(data),
        warnings=rejected.warnings,
        error_count=len(rejected.errors),
    )
    try:
        table = read_table(data, filename)
    except UnreadableFile:
        result.file_errors = [error.message for error in rejected.errors]
        return result
    header_index = next(
        (i for i, cells in enumerate(table.itertuples(index=False)) if any(map(_filled, cells))),
        0,
    )
    result.headers = [str(cell).strip() for cell in table.iloc[header_index]]
    positions: dict[str, int] = {}
    for position, header in enumerate(result.headers):
        positions.setdefault(header, position)
    rows: dict[int, PreviewRow] = {}
    for error in rejected.errors:
        index = error.row - 1
        if index <= header_index or index >= len(table):
            result.file_errors.append(error.message)
            continue
        row = rows.get(error.row)
        if row is None:
            if len(rows) >= PREVIEW_ERROR_ROWS:
                continue
            row = rows[error.row] = PreviewRow(error.row, [str(c) for c in table.iloc[index]])
        position = positions.get((error.column or "").strip())
        if position is None:
            row.row_errors.append(error.message)
        else:
            row.cell_errors.setdefault(position, []).append(error.message)
    result.rows = [rows[number] for number in sorted(rows)]
    result.rows_with_errors = len(
        {e.row for e in rejected.errors if header_index < e.row - 1 < len(table)}
    )
    return result


def _filled(cell) -> bool:
    return bool(str(cell).strip())
