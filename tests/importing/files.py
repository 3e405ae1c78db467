"""Asset-list files as bytes, built the way operators' tools write them."""

import io

import openpyxl

from reuse.importing import ParsedAssetList, parse_asset_list


def csv_bytes(rows: list[list], separator: str = ";", encoding: str = "utf-8") -> bytes:
    """A CSV file of these rows, fields quoted only where they need it."""
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            text = "" if cell is None else str(cell)
            if any(c in text for c in (separator, '"', "\n")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(separator.join(cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list], *more_sheets: list[list]) -> bytes:
    """An XLSX workbook whose first sheet holds these rows, values typed as given."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Parc"
    for row in rows:
        workbook.active.append(row)
    for number, sheet_rows in enumerate(more_sheets, start=2):
        sheet = workbook.create_sheet(f"Feuille {number}")
        for row in sheet_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse_rows(rows: list[list], **csv_options) -> ParsedAssetList:
    """Parse these rows written as a semicolon-separated UTF-8 CSV."""
    return parse_asset_list(csv_bytes(rows, **csv_options), "parc.csv")
