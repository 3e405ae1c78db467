"""Reading an operator's asset list (CSV or XLSX) into device records, with every error at once."""

from reuse.importing.asset_list import DEVICE_FIELDS, ParsedAssetList, RowError, parse_asset_list

__all__ = ["DEVICE_FIELDS", "ParsedAssetList", "RowError", "parse_asset_list"]
