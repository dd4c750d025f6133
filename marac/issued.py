"""An issued report as it was issued: its content stored as JSON, and read back for display.

Issuing freezes both variants exactly as they were shown (the restricted exact tables and the
circulation tables after suppression), rather than the exact figures to suppress again on
each view: the circulated document then stays what partners received even if the suppression
rules, the definitions or the records change later. The definitions printed, the review action
plan, the commentary and the moment the records were read are stored with them. Pure: no
database access.
"""

import dataclasses
import datetime
import math

from marac.definitions import AppliedVersion
from marac.report import Table

FORMAT = 1
VARIANTS = ("restricted", "circulation")
_DATES = ("valid_from", "valid_to")


def _plain(value):
    """JSON-safe copy: tuples as lists, dates as ISO text, NaN (never a shown figure) as None."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _table(table: Table) -> dict:
    fields = {f.name: getattr(table, f.name) for f in dataclasses.fields(Table)}
    return _plain(fields)


def _version(version: AppliedVersion) -> dict:
    return _plain(dataclasses.asdict(version))


def freeze(
    *,
    contents: dict,
    commentary: dict,
    review_actions: list[dict],
    data_as_at: datetime.datetime,
    issued_by: str,
) -> dict:
    """The stored form of a report: `contents` maps each variant to `build_report`'s result.

    The definitions are the same in both variants: stored once, from the restricted one.
    """
    variants = {}
    for variant in VARIANTS:
        content = contents[variant]
        variants[variant] = {
            "exact": content["exact"],
            "figures": _plain(content["figures"]),
            "headline": _plain(content["headline"]),
            "benchmarks": _plain(content["benchmarks"]),
            "sections": [
                {
                    "key": section["key"],
                    "title": section["title"],
                    "tables": [_table(table) for table in section["tables"]],
                }
                for section in content["sections"]
            ],
        }
    return {
        "format": FORMAT,
        "data_as_at": data_as_at.isoformat(),
        "issued_by": issued_by,
        "commentary": dict(commentary),
        "definitions": {
            section["key"]: [[_version(v) for v in versions] for versions in section["definitions"]]
            for section in contents["restricted"]["sections"]
        },
        "review_actions": review_actions,
        "variants": variants,
    }


def _thawed_table(data: dict) -> Table:
    data = dict(data)
    data["columns"] = [tuple(column) for column in data["columns"]]
    data["ratios"] = {key: tuple(pair) for key, pair in data["ratios"].items()}
    if data["chart"] and "band" in data["chart"]:
        data["chart"] = {**data["chart"], "band": tuple(data["chart"]["band"])}
    return Table(**data)


def _thawed_version(data: dict) -> AppliedVersion:
    dates = {key: datetime.date.fromisoformat(data[key]) if data[key] else None for key in _DATES}
    return AppliedVersion(**{**data, **dates})


def thaw(stored: dict, variant: str) -> dict:
    """One variant's content, shaped as `build_report` returns it, from the stored report."""
    content = stored["variants"][variant]
    definitions = {
        section: [[_thawed_version(v) for v in versions] for versions in groups]
        for section, groups in stored["definitions"].items()
    }
    return {
        "exact": content["exact"],
        "figures": content["figures"],
        "headline": [tuple(item) for item in content["headline"]],
        "benchmarks": content["benchmarks"],
        "sections": [
            {
                "key": section["key"],
                "title": section["title"],
                "tables": [_thawed_table(table) for table in section["tables"]],
                "definitions": definitions.get(section["key"], []),
            }
            for section in content["sections"]
        ],
    }


def data_as_at(stored: dict) -> datetime.datetime:
    return datetime.datetime.fromisoformat(stored["data_as_at"])
