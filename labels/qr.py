"""QR symbols from the qrcode library, reduced to runs of dark modules for vector drawing."""

import re
from dataclasses import dataclass

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4
"""Light modules kept around the symbol on every side, as the QR specification asks."""

_DARK_RUN = re.compile(rb"\x01+")


@dataclass(frozen=True)
class QrSymbol:
    """A QR symbol: its side in modules (quiet zone excluded) and its dark modules as row runs."""

    payload: str
    size: int
    runs: tuple[tuple[int, int, int], ...]
    """(column, row, length) of each horizontal run of dark modules, row by row."""

    @property
    def side(self) -> int:
        """Side in modules, quiet zone included."""
        return self.size + 2 * QUIET_ZONE


def make_qr(payload: str) -> QrSymbol:
    """Encode a payload at error correction M, the qrcode library choosing version and mask."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload)
    code.make(fit=True)
    runs = []
    # One regex scan per row (in C) finds the runs far faster than a per-module Python loop.
    for y, row in enumerate(code.modules):
        runs.extend((m.start(), y, m.end() - m.start()) for m in _DARK_RUN.finditer(bytes(row)))
    return QrSymbol(payload=payload, size=code.modules_count, runs=tuple(runs))


def qr_size(payload: str) -> int:
    """Side in modules (quiet zone excluded) of the symbol make_qr would draw, undrawn."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload)
    return code.best_fit() * 4 + 17
