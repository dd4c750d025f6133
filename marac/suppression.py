"""Small-number suppression for figures shown to partners.

Anyone without the MARAC coordinator role sees every count from 1 to 4 as "<5" (primary
suppression) and, where such a count could be worked back from a total minus the other cells,
one more cell hidden as "*" (secondary suppression). A second hidden cell is shown as "*"
rather than "<5" because it may well be 5 or more: "<5" must never be a false statement.

Linear relations are checked one at a time (cells + total): no relation is left with exactly
one hidden member. Combining several relations with the "<5" bounds can in rare layouts still
narrow a hidden cell down; that is the accepted limit of cell-by-cell suppression.
"""

from collections.abc import Hashable, Iterable, Sequence

from marac.figures import CATEGORIES, IDVA_REFERRED

SMALL = "<5"
WITHHELD = "*"
SMALLEST_SHOWN = 5

# A relation "sum of these cells = this total", each named by a key of the values dict.
Relation = tuple[Sequence[Hashable], Hashable]


def is_small(value) -> bool:
    """A count from 1 to 4: few enough to point at a person."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < SMALLEST_SHOWN


def hidden_cells(values: dict, relations: Iterable[Relation], unpublished=()) -> dict:
    """Which keys to hide, each with its marker: SMALL (1-4) or WITHHELD (secondary).

    While some relation has exactly one hidden member, that member could be worked out from
    the others, so the smallest non-zero visible cell of the relation is hidden as well (or
    the total, when every other cell is zero). Zero cells are never chosen: hiding a zero
    protects nothing when the cell is known to be small anyway. `unpublished` cells (counts no
    page shows, known only through their relation) are chosen first: hiding them costs nothing.
    """
    # A relation whose total is not published (or not a count) reveals nothing.
    relations = [
        ([cell for cell in cells if cell in values], total)
        for cells, total in relations
        if total in values
    ]
    hidden = {key: SMALL for key, value in values.items() if is_small(value)}
    changed = True
    while changed:
        changed = False
        for cells, total in relations:
            members = [*cells, total]
            if sum(member in hidden for member in members) != 1:
                continue
            visible = [
                (cell not in unpublished, values[cell], position)
                for position, cell in enumerate(cells)
                if cell not in hidden and values[cell] > 0
            ]
            if visible:
                pick = cells[min(visible)[2]]
            elif total not in hidden:
                pick = total
            else:
                continue
            hidden[pick] = WITHHELD
            changed = True
    return hidden


def suppress_table(
    rows: Sequence[dict],
    columns: Sequence[str],
    *,
    total_column: str | None = None,
    total_row: int | None = None,
) -> list[dict]:
    """A partner-safe copy of a table of counts (list of row dicts).

    `columns` are the count cells of each row; `total_column` names the column that holds
    each row's total, and `total_row` the index of a row holding each column's total. Other
    keys (labels) are copied unchanged.
    """
    count_columns = [*columns, *([total_column] if total_column else [])]
    values = {
        (index, column): row[column]
        for index, row in enumerate(rows)
        for column in count_columns
        if isinstance(row.get(column), int)
    }
    body = [index for index in range(len(rows)) if index != _index(total_row, len(rows))]
    relations = []
    if total_column:
        relations += [
            ([(index, column) for column in columns], (index, total_column))
            for index in range(len(rows))
        ]
    if total_row is not None:
        last = _index(total_row, len(rows))
        relations += [
            ([(index, column) for index in body], (last, column)) for column in count_columns
        ]
    hidden = hidden_cells(values, relations)
    result = [dict(row) for row in rows]
    for (index, column), marker in hidden.items():
        result[index][column] = marker
    return result


def _index(position: int | None, length: int) -> int | None:
    if position is None:
        return None
    return position % length


# -- the figures of a report ----------------------------------------------------------------

# Counts of people, cases or actions. Meetings and agency attendance count meetings, not
# people, and pass through unchanged; so do expected_cases (from the population) and the
# name mappings (ward_localities, referring_agency_groups).
_TOP_COUNTS = (
    "cases_discussed",
    *CATEGORIES,
    "police_referrals",
    "professional_judgement",
    "victims_16_17",
    "perpetrators_under_18",
    "children",
    "pregnancies",
    "actions_total",
    "over_30_working_days",
    "cases_with_incident_date",
    "cases_with_actions",
    "closed_marac",
    "cases_at_longest",
    "cases_at_shortest",
    "swaca_eligible",
    "swaca_open",
    "idva_referred",
    "idva_assessed",
)
# Shares, and the count each one reveals when multiplied by cases_discussed.
_SHARES = {
    "repeat_rate": "repeat",
    "police_share": "police_referrals",
    "bame_share": "bame",
    "lgbt_share": "lgbt",
    "disability_share": "disability",
    "male_share": "male",
}
_AVERAGES = (
    "avg_wd_incident_to_referral",
    "avg_wd_referral_to_marac",
    "avg_wd_incident_to_marac",
)
_MONTH_TOTALS = {
    "cases": "cases_discussed",
    **{name: name for name in CATEGORIES},
    "professional_judgement": "professional_judgement",
    "police_referrals": "police_referrals",
    "children": "children",
    "pregnancies": "pregnancies",
    "bame": "bame",
    "lgbt": "lgbt",
    "disability": "disability",
    "male": "male",
    "victims_16_17": "victims_16_17",
    "cases_with_incident_date": "cases_with_incident_date",
    "swaca_eligible": "swaca_eligible",
    "swaca_open": "swaca_open",
}
# Counts no page shows but a partner can work out by subtraction: eligible cases not open to
# SWACA (eligible - open) and cases not eligible or with no SWACA status (cases - eligible).
_SWACA_NOT_OPEN = "swaca_not_open"
_SWACA_NOT_ELIGIBLE = "swaca_not_eligible"
# Likewise cases not referred to the IDVA team (cases - referred) and referred cases not yet
# assessed (referred - assessed).
_IDVA_NOT_REFERRED = "idva_not_referred"
_IDVA_NOT_ASSESSED = "idva_not_assessed"
_DERIVED = (_SWACA_NOT_OPEN, _SWACA_NOT_ELIGIBLE, _IDVA_NOT_REFERRED, _IDVA_NOT_ASSESSED)


# Counts broken down by a key, and the figure they add up to.
_GROUP_TOTALS = {
    "actions_by_bucket": "actions_total",
    "actions_by_agency": "actions_total",
    "repeat_by_agency": "repeat",
    "professional_judgement_by_agency": "professional_judgement",
    "cases_by_referral_basis": "cases_discussed",
    "closed_marac_by_referral_basis": "closed_marac",
}


def _figure_values(figures: dict) -> dict:
    """Every count of the figures by path, with the counts behind the shares."""
    values = {(key,): figures[key] for key in _TOP_COUNTS if key in figures}
    cases = figures["cases_discussed"]
    for share, count in _SHARES.items():
        if (count,) not in values and figures.get(share) is not None:
            values[(count,)] = round(figures[share] * cases)
    for group in (*_GROUP_TOTALS, "by_ward", "by_locality", "idva", "swaca"):
        values.update({(group, key): value for key, value in figures.get(group, {}).items()})
    _add_swaca_derived(values, (), figures, "cases_discussed")
    referred, assessed = figures.get("idva_referred"), figures.get("idva_assessed")
    if isinstance(referred, int) and isinstance(assessed, int):
        values[(_IDVA_NOT_REFERRED,)] = figures["cases_discussed"] - referred
        values[(_IDVA_NOT_ASSESSED,)] = referred - assessed
    for month, row in figures.get("by_month", {}).items():
        for key in _MONTH_TOTALS:
            if key in row:
                values[("by_month", month, key)] = row[key]
        for group in ("referrals", "idva"):
            for key, value in row.get(group, {}).items():
                values[("by_month", month, group, key)] = value
        _add_swaca_derived(values, ("by_month", month), row, "cases")
    return values


def _add_swaca_derived(values: dict, prefix: tuple, counts: dict, cases_key: str) -> None:
    eligible, opened, cases = (counts.get(k) for k in ("swaca_eligible", "swaca_open", cases_key))
    if all(isinstance(value, int) for value in (eligible, opened, cases)):
        values[(*prefix, _SWACA_NOT_OPEN)] = eligible - opened
        values[(*prefix, _SWACA_NOT_ELIGIBLE)] = cases - eligible


def _swaca_relations(prefix: tuple, cases_key: str) -> list[Relation]:
    """Open + eligible not open = eligible; eligible + the rest = cases."""
    return [
        ([(*prefix, "swaca_open"), (*prefix, _SWACA_NOT_OPEN)], (*prefix, "swaca_eligible")),
        ([(*prefix, "swaca_eligible"), (*prefix, _SWACA_NOT_ELIGIBLE)], (*prefix, cases_key)),
    ]


def _figure_relations(figures: dict, values: dict) -> list[Relation]:
    children: dict[tuple, list[tuple]] = {}  # the paths one level below each prefix, in order
    for path in values:
        children.setdefault(path[:-1], []).append(path)

    def keys(*prefix):
        return list(children.get(prefix, ()))

    cases = ("cases_discussed",)
    # Wards and IDVA statuses can leave cases out (blank ones): relating them to all cases
    # anyway can only hide more, never less.
    relations = [
        ([(name,) for name in CATEGORIES], cases),
        *((keys(group), (total,)) for group, total in _GROUP_TOTALS.items()),
        (keys("by_locality"), cases),
        (keys("by_ward"), cases),
        (keys("idva"), cases),
        (keys("swaca"), cases),
        *_swaca_relations((), "cases_discussed"),
    ]
    # The professional-judgement basis is the professional_judgement figure itself.
    basis = ("cases_by_referral_basis", "professional_judgement")
    if basis in values:
        relations.append(([basis], ("professional_judgement",)))
    if (_IDVA_NOT_REFERRED,) in values:
        relations += [
            ([("idva_referred",), (_IDVA_NOT_REFERRED,)], cases),
            ([("idva_assessed",), (_IDVA_NOT_ASSESSED,)], ("idva_referred",)),
        ]
        meanings = figures.get("idva_status_engagement") or {}
        for total, counted in (("idva_referred", IDVA_REFERRED), ("idva_assessed", ("assessed",))):
            cells = [path for path in keys("idva") if meanings.get(path[1]) in counted]
            relations.append((cells, (total,)))
    engagement = figures.get("swaca_engagement", {})
    for total, meanings in (("swaca_open", ("open",)), ("swaca_eligible", ("open", "not_open"))):
        cells = [path for path in keys("swaca") if engagement.get(path[1]) in meanings]
        relations.append((cells, (total,)))
    for locality in figures.get("by_locality", {}):
        wards = [
            ("by_ward", ward)
            for ward, where in figures.get("ward_localities", {}).items()
            if where == locality and ("by_ward", ward) in values
        ]
        relations.append((wards, ("by_locality", locality)))
    months = list(figures.get("by_month", {}))
    for key, total in _MONTH_TOTALS.items():
        cells = [("by_month", month, key) for month in months if ("by_month", month, key) in values]
        if cells and (total,) in values:
            relations.append((cells, (total,)))
    police = {
        agency
        for agency, group in figures.get("referring_agency_groups", {}).items()
        if group == "police"
    }
    statuses = {path[1] for path in keys("idva")}
    for month in months:
        month_cases = ("by_month", month, "cases")
        relations.append(([("by_month", month, name) for name in CATEGORIES], month_cases))
        relations.append((keys("by_month", month, "referrals"), month_cases))
        relations.append((keys("by_month", month, "idva"), month_cases))
        relations += _swaca_relations(("by_month", month), "cases")
        relations.append(
            (
                [
                    ("by_month", month, "referrals", agency)
                    for agency in sorted(police)
                    if ("by_month", month, "referrals", agency) in values
                ],
                ("by_month", month, "police_referrals"),
            )
        )
    for status in statuses:
        cells = [
            ("by_month", month, "idva", status)
            for month in months
            if ("by_month", month, "idva", status) in values
        ]
        relations.append((cells, ("idva", status)))
    return relations


def _copy(value):
    """A deep copy of JSON-like figures (dicts, lists, scalars): several times quicker than
    `copy.deepcopy`, which the dashboard would otherwise pay on every request."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def suppress_figures(figures: dict) -> dict:
    """A partner-safe copy of `marac_figures`' result; the original is left untouched.

    Referrals per agency per month have no per-agency total in the figures; a view that adds
    one (the report's Table 6 has a total column) builds that table with `suppress_table`.
    """
    values = _figure_values(figures)
    derived = [path for path in values if path[-1] in _DERIVED]
    hidden = hidden_cells(values, _figure_relations(figures, values), unpublished=derived)
    result = _copy(figures)
    for path, marker in hidden.items():
        if (len(path) == 1 and path[0] not in figures) or path[-1] in _DERIVED:
            continue  # a count behind a share or a difference: no page shows it
        target = result
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = marker
    for share, count in _SHARES.items():
        if (count,) in hidden and share in result:
            result[share] = hidden[(count,)]
    for count in ("idva_referred", "idva_assessed"):
        if (count,) in hidden and result.get("idva_assessed_share") is not None:
            result["idva_assessed_share"] = hidden[(count,)]
    # Open / eligible gives either count back from the other.
    for count in ("swaca_open", "swaca_eligible"):
        if (count,) in hidden and result.get("swaca_share") is not None:
            result["swaca_share"] = hidden[(count,)]
    # An average over one to four cases tells each case's timeline.
    if ("cases_with_incident_date",) in hidden:
        result.update(dict.fromkeys(_AVERAGES, WITHHELD))
    # The longest or shortest wait of one to four cases is those cases' timeline.
    for wait, count in (
        ("longest_wd_incident_to_marac", "cases_at_longest"),
        ("shortest_wd_incident_to_marac", "cases_at_shortest"),
    ):
        if result.get(wait) is not None and (
            (count,) in hidden or ("cases_with_incident_date",) in hidden
        ):
            result[wait] = WITHHELD
    for month, row in result.get("by_month", {}).items():
        if ("by_month", month, "cases_with_incident_date") in hidden:
            row.update(dict.fromkeys(_AVERAGES, WITHHELD))
    return result
