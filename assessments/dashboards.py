"""The four dashboards: the selectors' rows turned into figures, tables and wording.

Each function returns a `Dashboard`: its charts (plotly figure, table, tidy export rows,
data-as-at) and any sentences the assessment would write ("second lowest of the six").
"""

import math
from dataclasses import dataclass, field
from datetime import date

from assessments import charts, figures, selectors, svg
from assessments.charts import Chart
from assessments.models import Polarity
from assessments.periods import MONTH, PeriodError, parse_period
from sscp.models import AreaType

LCR_SET = "Liverpool City Region authorities"


@dataclass
class Dashboard:
    charts: list[Chart] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    empty_reason: str = ""
    # The periods the page may be filtered to, as the data has them.
    periods: list[str] = field(default_factory=list)

    def chart(self, chart_id: str) -> Chart | None:
        return next((c for c in self.charts if c.id == chart_id), None)


def fmt(value, digits: int = 0) -> str:
    """A table cell: thousands separated, half-up rounding as the report rounds, '' if missing."""
    if figures.is_missing(value):
        return ""
    if isinstance(value, int) or float(value).is_integer():  # counts: nothing to round
        return f"{int(value):,.{digits}f}" if digits else f"{int(value):,}"
    rounded = figures.round_half_up(float(value), digits)
    return f"{rounded:,.{digits}f}"


def pct(value) -> str:
    text = fmt(value)
    return f"{text}%" if text else ""


def _export(
    indicator: str, code: str, name: str, period: str, value, count=None, note="", denominator=None
):
    return {
        "indicator": indicator,
        "area_code": code,
        "area_name": name,
        "period": period,
        "value": value,
        "count": count,
        "denominator": denominator,
        "note": note,
    }


def _rate_from_population(count, population) -> float | None:
    if count is None or not population:
        return None
    return figures.rate_per(count, population)


def coverage_note(span, months) -> str:
    """What a period's figures cover when only some of its months are loaded ("Only April and
    May 2018 of 2018/19 have been imported..."), else "". ``months`` are the month periods
    with figures (police.uk files list every crime, so their 0s are 0s only for those months)."""
    inside = sorted({m.start for m in months if span.start <= m.start and m.end <= span.end})
    if span.kind == MONTH or not inside:
        return ""
    total = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
    if len(inside) >= total:
        return ""
    return (
        f"Only {_months_text(inside)} of {span.label} have been imported ({len(inside)} of its "
        f"{total} months): the figures, zeros included, are for those months."
    )


def _months_text(firsts: list[date]) -> str:
    """Runs of consecutive months in words: "April and May 2018", "November 2018 to January
    2019", "April 2018 and June 2018"."""
    runs: list[list[date]] = []
    for day in firsts:
        last = runs[-1][-1] if runs else None
        if last and (day.year * 12 + day.month) - (last.year * 12 + last.month) == 1:
            runs[-1].append(day)
        else:
            runs.append([day])

    def words(run: list[date]) -> str:
        first, last = run[0], run[-1]
        if first == last:
            return f"{first:%B %Y}"
        joiner = " and " if len(run) == 2 else " to "
        start = f"{first:%B}" if first.year == last.year else f"{first:%B %Y}"
        return f"{start}{joiner}{last:%B %Y}"

    texts = [words(run) for run in runs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


# ---------------------------------------------------------------------------------------------
# Overview


def period_span(labels: list[str], start: str = "", end: str = "") -> list[str] | None:
    """The labels (in time order) from ``start`` to ``end`` inclusive; a label not among them
    means the first or the last. None when ``start`` comes after ``end``."""
    first = labels.index(start) if start in labels else 0
    last = labels.index(end) if end in labels else len(labels) - 1
    return labels[first : last + 1] if first <= last else None


def _span_refused(board, start, end) -> Dashboard:
    board.empty_reason = f"The period from ({start}) is after the period to ({end})."
    return board


def overview(borough, indicator, start: str = "", end: str = "") -> Dashboard:
    """The borough's rate by year against the wider areas, and its rank in its comparator set
    (the seed's Figure 1 and Table 1), for the periods from ``start`` to ``end`` (default: all;
    ``board.periods`` lists them). Three queries: comparator sets, the indicator's figures for
    every area shown, the imports behind them (and populations for the ranking)."""
    board = Dashboard()
    if borough is None or indicator is None:
        board.empty_reason = "No rates have been loaded yet."
        return board
    sets = selectors.comparator_sets(borough)
    chosen = LCR_SET if LCR_SET in sets else next(iter(sets), None)
    members = sets.get(chosen, [])
    rows = selectors.series(indicator, borough, [m["pk"] for m in members])
    board.periods = list(dict.fromkeys(r["period__label"] for r in rows))  # by start
    span = period_span(board.periods, start, end)
    if span is None:
        return _span_refused(board, start, end)
    within = set(span)
    rows = [r for r in rows if r["period__label"] in within]
    shown = [r for r in rows if r["lineage"] or r["area__area_type"] in selectors.COMPARATOR_TYPES]
    member_ids = {m["pk"] for m in members}
    ranked = [r for r in rows if r["area_id"] in member_ids]
    # The ranking's latest period and populations first: its data-as-at names both imports.
    own = [r for r in ranked if r["area_id"] == borough.pk and r["value"] is not None]
    latest = max(own, key=lambda r: r["period__start"]) if chosen is not None and own else None
    current = [r for r in ranked if latest and r["period__label"] == latest["period__label"]]
    pops = selectors.Populations()
    if latest is not None:
        year = latest["period__end"].year
        pops = selectors.populations([r["area_id"] for r in current], {year})
    used = [(r["area__code"], r["period__end"].year) for r in current if r["count"] is not None]
    trend_as_at, ranking_as_at = selectors.data_as_at(
        [r["dataset_import_id"] for r in shown],
        selectors.RateSources([r["dataset_import_id"] for r in ranked], pops.imports_of(used)),
    )
    board.charts.append(_trend(borough, indicator, shown, data_as_at=trend_as_at))
    if latest is not None:
        chart, sentence = _ranking(borough, indicator, chosen, latest, current, pops)
        chart.data_as_at = ranking_as_at
        board.charts.append(chart)
        board.sentences.append(sentence)
    return board


_AREA_ORDER = {
    AreaType.BOROUGH: 0,
    AreaType.CITY_REGION: 1,
    AreaType.REGION: 2,
    AreaType.COUNTRY: 3,
}


def _trend(borough, indicator, shown: list[dict], *, data_as_at) -> Chart:
    """The borough's rate by year, then its wider areas (city region, region, England)."""
    labels = list(dict.fromkeys(r["period__label"] for r in shown))
    by_area: dict[str, dict[str, float]] = {}
    names = {}
    order = {}
    for row in shown:
        code = row["area__code"]
        by_area.setdefault(code, {})[row["period__label"]] = row["value"]
        names[code] = row["area__name"]
        order[code] = (
            -1 if row["area_id"] == borough.pk else _AREA_ORDER.get(row["area__area_type"], 9),
            bool(row["lineage"]),
            row["area__name"],
        )
    codes = sorted(by_area, key=order.__getitem__)
    series = {
        names[code]: (labels, [by_area[code].get(label) for label in labels]) for code in codes
    }
    return Chart(
        id="trend",
        title=f"{indicator.name} by year",
        caption=(
            f"{indicator.name}: {borough.name} against "
            + ", ".join(n for n in series if n != borough.name)
        ),
        figure=charts.line_figure(series, y_title=indicator.get_unit_display()),
        columns=["Area", *labels],
        rows=[
            [names[code], *[fmt(by_area[code].get(label), 1) for label in labels]] for code in codes
        ],
        export=[
            _export(
                indicator.name,
                r["area__code"],
                r["area__name"],
                r["period__label"],
                r["value"],
                r["count"],
            )
            for r in shown
        ],
        data_as_at=data_as_at,
        svg=lambda: svg.line_svg(series, title=indicator.name),
    )


RATE_FROM_POPULATION = "Rate per 1,000 from count and population"
RATE_PER_RESIDENTS = "Rate per 1,000 residents"


def _ranking(borough, indicator, chosen: str, latest: dict, current: list[dict], pops):
    period = latest["period__label"]
    year = latest["period__end"].year
    values = {r["area__code"]: r["value"] for r in current}
    rank = figures.rank_among(values, borough.code)
    ordered = sorted(
        (r for r in current if r["value"] is not None), key=lambda r: (r["value"], r["area__name"])
    )
    table = []
    for position, r in enumerate(ordered, start=1):
        from_population = _rate_from_population(r["count"], pops.get((r["area__code"], year)))
        table.append(
            [
                str(position),
                r["area__name"],
                fmt(r["count"]),
                fmt(r["value"], 0),
                fmt(from_population, 0),
            ]
        )
    sentence = (
        f"In {period} {borough.name} was the {rank.wording} {chosen} for "
        f"{indicator.name[:1].lower()}{indicator.name[1:]}."
    )
    labels = [r["area__name"] for r in ordered]
    values = [r["value"] for r in ordered]
    unit = indicator.get_unit_display()
    chart = Chart(
        id="ranking",
        title=f"{chosen}: {indicator.name}, {period}",
        caption=f"{chosen} ranked from lowest to highest, {period}. {sentence}",
        figure=charts.bar_figure(labels, values, x_title=unit, highlight=borough.name),
        columns=[
            "Rank (1 = lowest)",
            "Area",
            "Count",
            unit,
            RATE_FROM_POPULATION,
        ],
        rows=table,
        optional_columns=(RATE_FROM_POPULATION,),
        export=[
            _export(
                indicator.name, r["area__code"], r["area__name"], period, r["value"], r["count"]
            )
            for r in ordered
        ],
        svg=lambda: svg.bar_svg(labels, values, title=f"{chosen}, {period}"),
    )
    return chart, sentence


# ---------------------------------------------------------------------------------------------
# By category


@dataclass
class _CategoryCounts:
    """A dataset's counts pivoted to category x period (months summed into financial years)."""

    monthly: bool
    indicator_of: dict[str, str]  # category -> the indicator's full name
    pivot: dict[str, dict[str, float]]  # category -> period label -> count
    imports_of: dict[str, set[int]]  # period label -> the imports behind it
    months_of: dict[str, set[str]]  # financial year -> its months with figures


def _pivot_categories(rows) -> _CategoryCounts:
    """Categories x periods: up to a thousand tuples (five years of police.uk months), summed
    into financial years in plain Python, each label and name worked out once."""
    monthly = all(kind == "month" for _, _, kind, _, _, _ in rows)
    names = {name for name, *_ in rows}
    prefix = _common_prefix(names)
    category_of = {name: name.removeprefix(prefix) for name in names}
    counts = _CategoryCounts(
        monthly=monthly,
        indicator_of={category: name for name, category in category_of.items()},
        pivot={category: {} for category in category_of.values()},
        imports_of={},
        months_of={},
    )
    year_of: dict[str, str] = {}
    for name, label, _, count, value, import_id in rows:
        if monthly:
            month = label
            label = year_of.get(label) or year_of.setdefault(
                label, figures.financial_year_label(label)
            )
            counts.months_of.setdefault(label, set()).add(month)
        counts.imports_of.setdefault(label, set()).add(import_id)
        if count is not None:
            value = float(count)
        if value is not None:
            cell = counts.pivot[category_of[name]]
            cell[label] = cell.get(label, 0.0) + value
    return counts


def by_category(area, dataset, start: str = "", end: str = "") -> Dashboard:
    """Counts by category and year, the rate per 1,000, change over the span and year on year,
    and each category's share of the latest year (Tables 2 and 3), for the periods from
    ``start`` to ``end`` (default: all; ``board.periods`` lists them)."""
    board = Dashboard()
    if area is None or dataset is None:
        board.empty_reason = "No categorised counts have been loaded yet."
        return board
    rows = selectors.category_counts(area, dataset)
    if not rows:
        board.empty_reason = f"No figures for {area.name} in this group."
        return board
    counts = _pivot_categories(rows)
    labels = sorted({label for cells in counts.pivot.values() for label in cells}, key=parse_period)
    if not labels:
        board.empty_reason = f"No counts for {area.name} in this group."
        return board
    board.periods = labels
    labels = period_span(labels, start, end)
    if labels is None:
        return _span_refused(board, start, end)
    last = labels[-1]
    # Each year's population (one query): a financial year's is that of the year it ends in.
    ends = {label: parse_period(label).end.year for label in labels}
    pops = selectors.populations([area.pk], set(ends.values()))
    population_of = {label: pops.get((area.code, year)) for label, year in ends.items()}
    # The rates depend on the population imports too: the data-as-at lines name them.
    counts_from = [pk for label in labels for pk in counts.imports_of[label]]
    as_at, rates_as_at = selectors.data_as_at(
        selectors.RateSources(counts_from, pops.imports_of([(area.code, ends[last])])),
        selectors.RateSources(counts_from, pops.imports_of((area.code, y) for y in ends.values())),
    )
    # A year summed from only some of its months says which, and no change is worked to or
    # from it (three months against twelve is not a fall).
    notes = {
        label: coverage_note(
            parse_period(label), [parse_period(m) for m in counts.months_of[label]]
        )
        for label in labels
        if counts.monthly
    }
    chart = _category_chart(area, dataset.name, counts, labels, population_of, notes)
    chart.data_as_at = as_at
    board.charts.append(chart)
    if any(population_of.values()):
        categories = sorted(counts.pivot)
        totals = _category_totals(counts.pivot, labels)
        rates = _category_rates(
            area, dataset.name, categories, labels, counts.pivot, totals, population_of, notes
        )
        rates.data_as_at = rates_as_at
        rates.note = chart.note
        board.charts.append(rates)
    if population_of[last] is None:
        board.sentences.append(
            f"No population for {area.name} in {parse_period(last).end.year} is loaded, so no "
            "rate is shown."
        )
    return board


def _category_totals(pivot: dict, labels: list[str]) -> dict[str, float | None]:
    """Each period's total over the categories; None for a period none of them has."""
    return {
        label: sum(v for cells in pivot.values() if (v := cells.get(label)) is not None)
        if any(label in cells for cells in pivot.values())
        else None
        for label in labels
    }


def _category_rows(pivot, labels, population, notes) -> list[list[str]]:
    """Tables 2 and 3: counts by year, rate, change over the span and year on year, share."""
    categories = sorted(pivot)
    first, last = labels[0], labels[-1]
    before_last = labels[-2] if len(labels) > 1 else first
    shares = figures.share_of_total({c: pivot[c].get(last, math.nan) for c in categories})

    def change(counts, before: str):
        if len(labels) < 2 or notes.get(before) or notes.get(last):
            return None
        return _safe_change(counts.get(before), counts.get(last))

    def row(name, counts, share):
        return [
            name,
            *[fmt(counts.get(label)) for label in labels],
            fmt(_rate_from_population(counts.get(last), population), 1),
            pct(change(counts, first)),
            pct(change(counts, before_last)),
            share,
        ]

    table = [row(c, pivot[c], pct(shares.get(c))) for c in categories]
    table.append(row("Total", _category_totals(pivot, labels), "100%"))
    return table


def _category_chart(area, group, counts: _CategoryCounts, labels, population_of, notes) -> Chart:
    categories = sorted(counts.pivot)
    pivot = counts.pivot
    first, last = labels[0], labels[-1]
    note = " ".join(n for n in notes.values() if n)
    if note and len(labels) > 1:
        note += " No change is worked out to or from a partly covered year."
    months_note = (
        " Monthly counts summed into financial years (April to March)." if counts.monthly else ""
    )
    months_note += f" {note}" if note else ""
    return Chart(
        id="categories",
        title=f"{group}: {area.name}",
        caption=f"Counts by category and year for {area.name}.{months_note}",
        figure=charts.grouped_bar_figure(
            categories,
            {label: [pivot[c].get(label) for c in categories] for label in labels},
            y_title="Count",
        ),
        columns=[
            "Category",
            *labels,
            f"Rate per 1,000, {last}",
            f"Change {first} to {last}" if len(labels) > 1 else "Change",
            f"Change {labels[-2]} to {last}" if len(labels) > 1 else "Year on year",
            f"Share of total, {last}",
        ],
        rows=_category_rows(pivot, labels, population_of[last], notes),
        export=lambda: [
            _export(
                counts.indicator_of[category],
                area.code,
                area.name,
                label,
                pivot[category].get(label),
                pivot[category].get(label),
                notes.get(label, ""),
            )
            for category in categories
            for label in labels
        ],
        note=note,
        svg=lambda: svg.bar_svg(
            categories,
            [pivot[c].get(last) for c in categories],
            title=f"{group}: {area.name}, {last}",
        ),
    )


def _category_rates(area, group, categories, labels, pivot, totals, population_of, notes):
    """Each category's rate per 1,000 residents by year, for the years with a population."""

    def rate(count, label):
        return _rate_from_population(count, population_of[label])

    rates = {c: {label: rate(pivot[c].get(label), label) for label in labels} for c in categories}
    without = [label for label in labels if not population_of[label]]
    missing = f" No population is loaded for {', '.join(without)}." if without else ""
    return Chart(
        id="category-rates",
        title=f"{group}: rate per 1,000 residents, {area.name}",
        caption=(
            f"Rate per 1,000 residents by category and year for {area.name} (each financial "
            f"year with the population of the year it ends in).{missing}"
        ),
        figure=charts.grouped_bar_figure(
            categories,
            {label: [rates[c][label] for c in categories] for label in labels},
            y_title="Rate per 1,000 residents",
        ),
        columns=["Category", *labels],
        rows=[[c, *[fmt(rates[c][label], 1) for label in labels]] for c in categories]
        + [["Total", *[fmt(rate(totals[label], label), 1) for label in labels]]],
        export=lambda: [
            _export(
                f"{c} per 1,000 residents",
                area.code,
                area.name,
                label,
                rates[c][label],
                pivot[c].get(label),
                notes.get(label, ""),
                population_of[label],
            )
            for c in categories
            for label in labels
            if rates[c][label] is not None
        ],
        svg=lambda: svg.bar_svg(
            categories,
            [rates[c][labels[-1]] for c in categories],
            title=f"{group}: rate per 1,000 residents, {area.name}, {labels[-1]}",
        ),
    )


def _common_prefix(names) -> str:
    """ "Recorded offences (ONS): " when every name starts with it, else ""."""
    heads = {name.split(": ", 1)[0] for name in names if ": " in name}
    if len(heads) == 1 and all(": " in name for name in names):
        return f"{heads.pop()}: "
    return ""


def _safe_change(before, after):
    before, after = figures.none_if_missing([before, after])
    if before in (None, 0) or after is None:
        return None
    return figures.percent_change(before, after)


# ---------------------------------------------------------------------------------------------
# Places


def period_choices(periods) -> list[str]:
    """Stored periods, then the financial years their months fall in, newest first."""
    labels = {p.label for p in periods}
    for p in periods:
        if p.kind == "month":
            labels.add(figures.financial_year_label(p.label))
    return sorted(labels, key=parse_period, reverse=True)


def place_sources(periods) -> list[tuple[int, str]]:
    """The sources of an indicator's figures below the borough (`selectors.periods_of`), as
    (key, name): police.uk first, the default, as it lists every crime; then each dataset of
    other files by name. The places figures come from one of them, never a sum of several."""
    sources = {p.source: p.source_name for p in periods}
    return sorted(sources.items(), key=lambda s: (s[0] != selectors.POLICE_UK_SOURCE, s[1]))


def place_source(periods, wanted=None) -> int | None:
    """``wanted`` if it is one of the sources, else the default (police.uk when present)."""
    keys = [key for key, _ in place_sources(periods)]
    return wanted if wanted in keys else next(iter(keys), None)


@dataclass(frozen=True)
class _Place:
    """What every chart of the places dashboard names: the indicator, borough and period, and
    the note on a partly loaded period."""

    indicator: object
    borough: object
    label: str
    note: str

    @property
    def noted(self) -> str:
        return f" {self.note}" if self.note else ""


def places(borough, indicator, period_label: str, periods=None, source=None) -> Dashboard:
    """Ward ranking (rate where populations are loaded, count otherwise), the locality split
    and the LSOAs with most, for one indicator over one period, from one source (see
    place_sources; default police.uk). The wards are mapped when an outline of each has been
    imported, otherwise shown as a ranked bar chart. ``periods``: the indicator's
    `selectors.periods_of` (the view has them already), which say whether only some months of
    the period are loaded."""
    board = Dashboard()
    if borough is None or indicator is None:
        board.empty_reason = "No ward or LSOA figures have been loaded yet."
        return board
    try:
        span = parse_period(period_label)
    except PeriodError:
        board.empty_reason = f"{period_label!r} is not a period."
        return board
    if periods is None:
        periods = selectors.periods_of(indicator, borough)
    source = place_source(periods, source)
    board.sentences += _other_sources(indicator, periods, source)
    periods = [p for p in periods if p.source == source]
    # A period stored as a whole (a year's total beside its months) is covered.
    whole = any(p.label == span.label for p in periods)
    note = "" if whole else coverage_note(span, [p for p in periods if p.kind == MONTH])
    place = _Place(indicator=indicator, borough=borough, label=span.label, note=note)
    totals = selectors.place_totals(indicator, span.start, span.end, borough, source)
    # An area type with no figures at all is left out; within a type, an area without a
    # figure is listed as "No data" after the others (police.uk's empty areas count 0).
    by_type = {t: [r for r in totals if r["area__area_type"] == t] for t in AreaType.values}
    by_type = {
        t: rows if any(r["count"] is not None for r in rows) else [] for t, rows in by_type.items()
    }
    wards, lsoas = by_type[AreaType.WARD], by_type[AreaType.LSOA]
    # Wards and LSOAs are each ranked by rate when all those with a count have a population.
    pops = selectors.populations_by_code([r["area__code"] for r in wards + lsoas], span.end.year)
    ward_key, lsoa_key = _rank_by_rate(wards, pops), _rank_by_rate(lsoas, pops)  # sorts them
    # A chart with rates names the population imports behind them too.
    counts_from = [r["dataset_import_id"] for r in totals]
    as_at, ward_as_at, lsoa_as_at = selectors.data_as_at(
        counts_from,
        selectors.RateSources(counts_from, pops.imports_of(_rated(wards))),
        selectors.RateSources(counts_from, pops.imports_of(_rated(lsoas))),
    )
    # One query for the outlines of both maps.
    outlines = selectors.boundaries([r["area__code"] for r in wards + lsoas])
    board.charts.append(_ward_chart(place, wards, ward_key, outlines, data_as_at=ward_as_at))
    localities = sorted(by_type[AreaType.LOCALITY], key=lambda r: r["area__name"])
    if localities:
        board.charts.append(_locality_chart(place, localities, data_as_at=as_at))
    board.charts += _lsoa_charts(place, lsoas, lsoa_key, outlines, data_as_at=lsoa_as_at)
    if not wards and not localities and not lsoas:
        board.empty_reason = f"No figures below the borough for {indicator.name} in {span.label}."
    return board


def _other_sources(indicator, periods, source) -> list[str]:
    sources = dict(place_sources(periods))
    if len(sources) < 2:
        return []
    others = "; ".join(name for key, name in sources.items() if key != source)
    return [
        f"{indicator.name}: figures from {sources[source]} only. Its other sources, "
        f"never added to these, can be chosen under Source: {others}."
    ]


def _measure(key: str) -> str:
    return RATE_PER_RESIDENTS if key == "rate" else "Count"


def _ward_chart(place: _Place, wards: list[dict], key: str, outlines, *, data_as_at) -> Chart:
    """The wards mapped (when every ward with a figure has an outline) or as a ranked bar
    chart, with the ranked table."""
    indicator, label, measure = place.indicator, place.label, _measure(key)
    ward_names = [r["area__name"] for r in wards]
    ward_map = _area_map(wards, key, outlines, measure)
    if ward_map is not None:
        caption = (
            f"{indicator.name} in {place.borough.name}'s wards, {label} ({measure.lower()}; "
            f"darker is more), ranked in the table. {ward_map.sources}{place.noted}"
        )
        figure = ward_map.figure
        drawing = ward_map.svg(f"{indicator.name}, {label}")
    else:
        caption = (
            f"{indicator.name} in {place.borough.name}'s wards, {label}, highest first "
            f"({measure.lower()}).{place.noted}"
        )
        figure = charts.bar_figure(
            ward_names, [r[key] for r in wards], x_title=measure, horizontal=True
        )

        def drawing():
            title = f"{indicator.name}, {label}"
            return svg.bar_svg(ward_names, [r[key] for r in wards], title=title, horizontal=True)

    return Chart(
        id="wards",
        title=f"Wards ranked: {indicator.name}, {label}",
        caption=caption,
        figure=figure,
        columns=["Rank", "Ward", "Locality", "Count", RATE_PER_RESIDENTS],
        optional_columns=(RATE_PER_RESIDENTS,),
        rows=[
            [
                _rank_cell(i, r["count"]),
                r["area__name"],
                r["area__parent__name"] or "",
                _count_cell(r["count"]),
                fmt(r["rate"], 1) if r["count"] is not None else NO_DATA,
            ]
            for i, r in enumerate(wards, start=1)
        ],
        export=_place_export(indicator, label, wards, place.note, key),
        data_as_at=data_as_at,
        svg=drawing,
        note=place.note,
    )


def _locality_chart(place: _Place, localities: list[dict], *, data_as_at) -> Chart:
    indicator, label = place.indicator, place.label
    parts = {r["area__name"]: r["count"] for r in localities}
    shares = figures.share_of_total(parts) if any(parts.values()) else {}
    names = [r["area__name"] for r in localities]
    counts = [r["count"] for r in localities]
    return Chart(
        id="localities",
        title=f"Locality split: {indicator.name}, {label}",
        caption=f"{indicator.name} by locality of {place.borough.name}, {label}.{place.noted}",
        figure=charts.bar_figure(names, counts, x_title="Count"),
        columns=["Locality", "Count", "Share of borough"],
        rows=[
            [r["area__name"], _count_cell(r["count"]), pct(shares.get(r["area__name"]))]
            for r in localities
        ],
        export=_place_export(indicator, label, localities, place.note),
        data_as_at=data_as_at,
        note=place.note,
        svg=lambda: svg.bar_svg(names, counts, title=label),
    )


_LSOA_COLUMNS = ["Rank", "LSOA", "Code", "Ward", "Count", RATE_PER_RESIDENTS]


def _lsoa_charts(place: _Place, all_lsoas, key: str, outlines, *, data_as_at) -> list[Chart]:
    """The 20 LSOAs with most, and all of them mapped when each has an outline."""
    indicator, label, measure = place.indicator, place.label, _measure(key)
    found = []
    lsoas = all_lsoas[:20]
    if lsoas:
        names = [r["area__name"] or r["area__code"] for r in lsoas]
        values = [r[key] for r in lsoas]
        found.append(
            Chart(
                id="lsoas",
                title=f"The 20 LSOAs with most: {indicator.name}, {label}",
                caption=(
                    f"LSOAs of {place.borough.name} with the highest {measure.lower()}s, "
                    f"{label}.{place.noted}"
                ),
                figure=charts.bar_figure(names, values, x_title=measure, horizontal=True),
                columns=_LSOA_COLUMNS,
                optional_columns=(RATE_PER_RESIDENTS,),
                rows=_lsoa_rows(lsoas, names),
                export=_place_export(indicator, label, lsoas, place.note, key),
                data_as_at=data_as_at,
                note=place.note,
                svg=lambda: svg.bar_svg(names, values, title=label, horizontal=True),
            )
        )
    lsoa_map = _area_map(all_lsoas, key, outlines, measure)
    if lsoa_map is not None:
        names = [r["area__name"] or r["area__code"] for r in all_lsoas]
        found.append(
            Chart(
                id="lsoa-map",
                title=f"LSOAs mapped: {indicator.name}, {label}",
                caption=(
                    f"{indicator.name} in {place.borough.name}'s LSOAs, {label} "
                    f"({measure.lower()}; darker is more), ranked in the table. "
                    f"{lsoa_map.sources}{place.noted}"
                ),
                figure=lsoa_map.figure,
                columns=_LSOA_COLUMNS,
                optional_columns=(RATE_PER_RESIDENTS,),
                rows=_lsoa_rows(all_lsoas, names),
                export=lambda: _place_export(indicator, label, all_lsoas, place.note, key),
                data_as_at=data_as_at,
                note=place.note,
                svg=lsoa_map.svg(f"{indicator.name}, {label}"),
            )
        )
    return found


NO_DATA = charts.NO_DATA
NO_ENGLAND_VALUE = "No England value"


def _count_cell(count) -> str:
    return NO_DATA if count is None else fmt(count)


def _rank_cell(rank: int, count) -> str:
    return "" if count is None else str(rank)


def _rated(rows: list[dict]) -> list[str]:
    """The codes of the areas whose rate is shown (count and population both known)."""
    return [r["area__code"] for r in rows if r["count"] is not None and r["population"]]


def _rank_by_rate(rows: list[dict], pops: dict[str, int]) -> str:
    """Each row's rate per 1,000 (None without a population) and the rows sorted, most first
    and no data last: by rate when every area with a count has a population, else by count.
    Returns the key ranked by."""
    for r in rows:
        r["population"] = pops.get(r["area__code"])
        r["rate"] = _rate_from_population(r["count"], r["population"])
    counted = [r for r in rows if r["count"] is not None]
    key = "rate" if counted and all(r["rate"] is not None for r in counted) else "count"
    rows.sort(key=lambda r: (r[key] is None, -(r[key] or 0), r["area__name"]))
    return key


def _lsoa_rows(lsoas: list[dict], names: list[str]) -> list[list[str]]:
    return [
        [
            _rank_cell(i, r["count"]),
            name,
            r["area__code"],
            r["area__parent__name"] or "",
            _count_cell(r["count"]),
            fmt(r["rate"], 1) if r["count"] is not None else NO_DATA,
        ]
        for i, (r, name) in enumerate(zip(lsoas, names, strict=True), start=1)
    ]


def _place_export(
    indicator, label: str, rows: list[dict], note: str = "", key: str = "count"
) -> list[dict]:
    """The places' figures as tidy rows (the value ranked by, with the count and, for a rate,
    the population); areas without one have nothing to export."""
    return [
        _export(
            indicator.name,
            r["area__code"],
            r["area__name"],
            label,
            r[key],
            r["count"],
            note,
            r["population"] if key == "rate" else None,
        )
        for r in rows
        if r["count"] is not None
    ]


@dataclass
class _AreaMap:
    figure: dict
    sources: str
    svg_of: object

    def svg(self, title: str):
        return lambda: self.svg_of(title)


def _area_map(rows: list[dict], key: str, outlines, measure: str) -> _AreaMap | None:
    """The areas with a figure shaded on their imported outlines (plotly on the page, SVG
    drawn on the server for frozen papers), or None unless each of them has an outline. Areas
    with an outline but no figure are drawn unshaded in the SVG ("No data")."""
    shaded = [r for r in rows if r[key] is not None]
    if not shaded or any(r["area__code"] not in outlines for r in shaded):
        return None
    codes = [r["area__code"] for r in shaded]
    names = [r["area__name"] or r["area__code"] for r in shaded]
    values = [r[key] for r in shaded]
    sources = sorted({(outlines[code].import_id, outlines[code].dataset) for code in codes})
    labelled = len(codes) <= svg.MAX_LABELLED_AREAS
    figure = charts.choropleth_figure(
        codes,
        names,
        values,
        {code: charts.RawJSON(outlines[code].geometry) for code in codes},
        colour_title=measure,
        label_points={code: svg.label_point(outlines[code].geometry) for code in codes}
        if labelled
        else None,
    )
    drawn = [r for r in rows if r["area__code"] in outlines]

    def drawing(title: str) -> str:
        return svg.map_svg(
            [r["area__name"] or r["area__code"] for r in drawn],
            [r[key] for r in drawn],
            [outlines[r["area__code"]].geometry for r in drawn],
            title=title,
            legend_title=measure,
        )

    return _AreaMap(
        figure,
        "Outlines: " + "; ".join(f"{name} (import #{pk})" for pk, name in sources) + ".",
        drawing,
    )


# ---------------------------------------------------------------------------------------------
# Spine chart


def spine(borough, period_label: str = "") -> Dashboard:
    """Each indicator's borough value placed among all areas of its type, England in the
    centre, polarity respected; the region and city region marked. The borough's latest value
    per indicator, or its value in ``period_label`` (one of ``board.periods``)."""
    board = Dashboard()
    if borough is None:
        board.empty_reason = "No areas are loaded yet."
        return board
    own = selectors.spine_own(borough)
    starts = {}
    for row in own:
        starts.setdefault(row["period__label"], row["period__start"])
    board.periods = sorted(starts, key=starts.__getitem__, reverse=True)
    if period_label not in starts:
        period_label = ""  # not a period of this borough's: the latest of each indicator
    latest: dict[int, dict] = {}
    for row in own:  # newest first per indicator
        if not period_label or row["period__label"] == period_label:
            latest.setdefault(row["indicator_id"], row)
    latest = list(latest.values())
    if not latest:
        board.empty_reason = f"No rates or percentages for {borough.name} are loaded yet."
        return board
    others = selectors.spine_others(borough, [(r["indicator_id"], r["period_id"]) for r in latest])
    # others: (indicator_id, area code, area name, area type, value, import id) tuples, a few
    # thousand of them (every borough in England), kept as tuples.
    (as_at,) = selectors.data_as_at(
        [r["dataset_import_id"] for r in latest] + [row[5] for row in others]
    )
    by_indicator: dict[int, list[tuple]] = {}
    for row in others:
        by_indicator.setdefault(row[0], []).append(row)
    lines = [_spine_line(own, by_indicator.get(own["indicator_id"], []), borough) for own in latest]
    board.charts.append(_spine_chart(borough, lines, data_as_at=as_at))
    return board


@dataclass
class _SpineLine:
    """One indicator of the spine chart: its positions, its table row and the values behind."""

    own: dict
    values: list[tuple]
    positions: dict
    cells: list[str]


def _spine_line(own: dict, values: list[tuple], borough) -> _SpineLine:
    peers = [v[4] for v in values if v[3] == borough.area_type]

    def first(area_type):
        return next((v[4] for v in values if v[3] == area_type), None)

    england = first(AreaType.COUNTRY)
    region = first(AreaType.REGION)
    lcr = first(AreaType.CITY_REGION)
    polarity = own["indicator__polarity"]
    scale = figures.spine_scale(peers, polarity)

    def place(value):
        # England is the spine's centre: without its value nothing can be placed on it.
        if value is None or england is None:
            return None
        return figures.spine_position(value, scale, england)

    positions = {
        "name": own["indicator__name"],
        "left_q": place(scale.left_quartile),
        "right_q": place(scale.right_quartile),
        "subject": place(own["value"]),
        "region": place(region),
        "lcr": place(lcr),
    }
    cells = [
        own["indicator__name"],
        own["period__label"],
        fmt(own["value"], 1),
        fmt(england, 1) if england is not None else NO_ENGLAND_VALUE,
        *(fmt(v, 1) for v in (region, lcr)),
        *(fmt(v, 1) for v in (scale.left, scale.left_quartile, scale.right_quartile)),
        fmt(scale.right, 1),
        Polarity(polarity).label if polarity in Polarity.values else polarity,
        str(scale.areas),
    ]
    return _SpineLine(own=own, values=values, positions=positions, cells=cells)


_SPINE_COLUMNS = [
    "England",
    "Region",
    "City region",
    "Worst (or lowest)",
    "25th percentile side",
    "75th percentile side",
    "Best (or highest)",
    "Polarity",
    "Areas compared",
]


def _spine_chart(borough, lines: list[_SpineLine], *, data_as_at) -> Chart:
    rows = [line.positions for line in lines]
    return Chart(
        id="spine",
        title=f"{borough.name} compared with all areas of its type",
        caption=(
            f"Each row places {borough.name} (circle) between the worst (left) and best "
            "(right) of the areas compared, with England in the centre; the grey band is "
            "the 25th to 75th percentile; the region and city region are marked. An "
            "indicator with no England value is named but not placed."
        ),
        figure=charts.spine_figure(rows),
        columns=["Indicator", "Period", borough.name, *_SPINE_COLUMNS],
        rows=[line.cells for line in lines],
        export=lambda: [
            _export(line.own["indicator__name"], v[1], v[2], line.own["period__label"], v[4])
            for line in lines
            for v in line.values
        ],
        data_as_at=data_as_at,
        svg=lambda: svg.spine_svg(rows),
    )
