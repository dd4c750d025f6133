"""Cells safe to open in a spreadsheet: the one formula guard of every CSV and XLSX export.

Django-free, so the pure figures modules can use it."""

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value):
    """A cell safe to open in a spreadsheet: text beginning with =, +, -, @, tab or CR gets a
    leading single quote, unless it is a plain number such as "-3.2". Numbers pass through."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value
