"""Thin views: check the role, read the filters, ask dashboards/imports, render or download."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from assessments import dashboards, selectors
from assessments.figures import export_csv, export_xlsx
from assessments.forms import FilterForm, RecommendationProgressForm, UploadForm
from assessments.imports import (
    BOUNDARIES,
    RollbackRefused,
    boundaries_import,
    dataset_import,
    dataset_import_rollback,
)
from assessments.models import DatasetImport, PartnershipPriority, Recommendation
from assessments.readers import CRIME_TYPES, format_columns
from assessments.tasks import queue_import
from sscp import queued_uploads
from sscp.confirmation import Confirmation, confirm

VIEW = "assessments.view_assessment"
IMPORT = "assessments.import_dataset"
EDIT_PROGRESS = "assessments.edit_recommendation_progress"


def _borough(boroughs, data):
    """The borough asked for, else the first (the partnership's own)."""
    code = data.get("area", "")
    chosen = next((b for b in boroughs if b[1] == code), None) or next(iter(boroughs), None)
    return selectors.borough_area(chosen)


def _area_choices(boroughs):
    return [(code, name) for _, code, name, _ in boroughs]


def _download(board, request, slug: str):
    chart = board.chart(request.GET.get("chart", ""))
    if chart is None:
        raise Http404("No such chart on this dashboard.")
    name = f"{slug}-{chart.id}"
    if request.GET["download"] == "xlsx":
        response = HttpResponse(
            export_xlsx(chart.export_rows()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(export_csv(chart.export_rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _show(request, template, board, form, slug, title, **extra):
    if request.GET.get("download") in ("csv", "xlsx"):
        return _download(board, request, slug)
    query = request.GET.copy()
    query.pop("download", None)
    query.pop("chart", None)
    return render(
        request,
        template,
        {
            "board": board,
            "form": form,
            "title": title,
            "query": query.urlencode(),
            "can_attach": request.user.has_perm("meetings.attach_frozenpaper"),
            "dashboard": slug,
            "breadcrumb_trail": [("Performance", reverse("performance")), (title, None)],
            **extra,
        },
    )


# Each dashboard's board and filter form for a query string: the page, its downloads and
# "Attach to an agenda item" all build the board the same way.


SPAN_LABELS = {"from": "From", "to": "To"}


def _span_choices(board) -> dict:
    """From (oldest first) and to (newest first): each select's first choice is its default,
    as the dashboard's is (every period)."""
    periods = [(p, p) for p in board.periods]
    return {"from": periods, "to": periods[::-1]}


def overview_board(data):
    boroughs = selectors.boroughs()
    indicators = sorted(
        selectors.rate_indicators(), key=lambda i: "total recorded crime" not in i.name.lower()
    )
    indicator = next((i for i in indicators if str(i.pk) == data.get("indicator")), None)
    board = dashboards.overview(
        _borough(boroughs, data),
        indicator or next(iter(indicators), None),
        data.get("from", ""),
        data.get("to", ""),
    )
    form = FilterForm(
        data,
        choices={
            "area": _area_choices(boroughs),
            "indicator": [(str(i.pk), i.name) for i in indicators],
            **_span_choices(board),
        },
        labels={"area": "Area", "indicator": "Indicator", **SPAN_LABELS},
    )
    return board, form


def categories_board(data):
    boroughs = selectors.boroughs()
    datasets = sorted(
        selectors.category_datasets(), key=lambda d: ("offence" not in d.name.lower(), d.name)
    )
    dataset = next((d for d in datasets if str(d.pk) == data.get("dataset")), None)
    board = dashboards.by_category(
        _borough(boroughs, data),
        dataset or next(iter(datasets), None),
        data.get("from", ""),
        data.get("to", ""),
    )
    form = FilterForm(
        data,
        choices={
            "area": _area_choices(boroughs),
            "dataset": [(str(d.pk), d.name) for d in datasets],
            **_span_choices(board),
        },
        labels={"area": "Area", "dataset": "Table of categories", **SPAN_LABELS},
    )
    return board, form


def places_board(data):
    boroughs = selectors.boroughs()
    indicators = selectors.place_indicators()
    indicator = next((i for i in indicators if str(i.pk) == data.get("indicator")), None)
    indicator = indicator or next(iter(indicators), None)
    borough = _borough(boroughs, data)
    stored = selectors.periods_of(indicator, borough) if indicator else []
    # One source of figures at a time (police.uk by default); the choice only when there are two.
    sources = dashboards.place_sources(stored)
    wanted = next((key for key, _ in sources if str(key) == data.get("source")), None)
    source = dashboards.place_source(stored, wanted)
    periods = dashboards.period_choices([p for p in stored if p.source == source])
    period = data.get("period", "")
    board = dashboards.places(
        borough,
        indicator,
        period if period in periods else next(iter(periods), ""),
        stored,
        source,
    )
    source_choice = {"source": [(str(k), n) for k, n in sources]} if len(sources) > 1 else {}
    form = FilterForm(
        data,
        choices={
            "area": _area_choices(boroughs),
            "indicator": [(str(i.pk), i.name) for i in indicators],
            **source_choice,
            "period": [(p, p) for p in periods],
        },
        labels={
            "area": "Area",
            "indicator": "Crime type or indicator",
            "source": "Source",
            "period": "Period",
        },
    )
    return board, form


def spine_board(data):
    boroughs = selectors.boroughs()
    board = dashboards.spine(_borough(boroughs, data), data.get("period", ""))
    form = FilterForm(
        data,
        choices={
            "area": _area_choices(boroughs),
            "period": [("", "Latest for each indicator")] + [(p, p) for p in board.periods],
        },
        labels={"area": "Area", "period": "Period"},
    )
    return board, form


BOARDS = {
    "overview": (overview_board, "Overview"),
    "categories": (categories_board, "By category"),
    "places": (places_board, "Places"),
    "spine": (spine_board, "Spine chart"),
}


def _dashboard(slug):
    build, title = BOARDS[slug]

    @require_safe
    @permission_required(VIEW, raise_exception=True)
    def view(request):
        board, form = build(request.GET)
        return _show(request, f"assessments/{slug}.html", board, form, slug, title)

    view.__name__ = slug
    return view


overview = _dashboard("overview")
categories = _dashboard("categories")
places = _dashboard("places")
spine = _dashboard("spine")
VIEWS = {"overview": overview, "categories": categories, "places": places, "spine": spine}


# ---------------------------------------------------------------------------------------------
# Imports


@require_http_methods(["GET", "POST"])
@permission_required(IMPORT, raise_exception=True)
def import_list(request):
    report = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            if queued_uploads.should_queue(data["file"]):
                return redirect("job_status", pk=_queue(form, request.user).pk)
            if data["format"] == BOUNDARIES:
                report = boundaries_import(
                    data["file"],
                    dataset_name=data["dataset"],
                    user=request.user,
                    replace=data["replace"],
                    filename=data["file"].name,
                    code_property=data["code_property"],
                )
            else:
                report = dataset_import(
                    None if data["format"] == "auto" else data["format"],
                    data["file"],
                    dataset_name=data["dataset"],
                    user=request.user,
                    replace=data["replace"],
                    filename=data["file"].name,
                    options=form.reader_options(),
                )
            if report.ok:
                stored = (
                    f"{report.rows_accepted} area boundaries"
                    if report.format == BOUNDARIES
                    else f"{report.observations_stored} figures"
                )
                messages.success(request, f"{report.filename} loaded: {stored} stored.")
                return redirect("assessments:import_detail", pk=report.dataset_import.pk)
    else:
        form = UploadForm()
    imports = DatasetImport.objects.select_related("dataset", "imported_by")[:50]
    status = 400 if report is not None or form.errors else 200
    return render(
        request,
        "assessments/import_list.html",
        {
            "form": form,
            "report": report,
            "imports": imports,
            "formats": format_columns(),
            "crime_types": CRIME_TYPES,
        },
        status=status,
    )


def _queue(form, user):
    data = form.cleaned_data
    return queue_import(
        file=data["file"], user=user, format=data["format"], dataset=data["dataset"],
        replace=data["replace"], options=form.reader_options(),
        code_property=data.get("code_property") or "",
    )  # fmt: skip


@require_safe
@permission_required(IMPORT, raise_exception=True)
def import_detail(request, pk):
    record = get_object_or_404(DatasetImport.objects.select_related("dataset"), pk=pk)
    return render(request, "assessments/import_detail.html", {"record": record})


@require_http_methods(["GET", "POST"])
@permission_required(IMPORT, raise_exception=True)
def import_rollback(request, pk):
    """GET: what rolling back removes (the GOV.UK confirmation page). POST from it: roll back."""
    record = get_object_or_404(DatasetImport.objects.select_related("dataset"), pk=pk)
    detail = reverse("assessments:import_detail", args=[record.pk])
    if record.rolled_back:
        messages.error(request, f"Import #{record.pk} ({record.filename}) is already rolled back.")
        return redirect(detail)
    confirmation = Confirmation(
        heading=f"Roll back import #{record.pk} ({record.filename})?",
        caption=f"Strategic-assessment import into {record.dataset.name}",
        consequences=selectors.rollback_summary(record),
        button="Roll back this import",
        cancel_url=detail,
        warning=True,
    )

    def act(_):
        try:
            dataset_import_rollback(record, user=request.user)
        except RollbackRefused as exc:
            raise ValidationError(f"Import #{record.pk} was not rolled back: {exc}.") from exc
        return detail

    return confirm(
        request, confirmation, act, done=f"Import #{record.pk} ({record.filename}) rolled back."
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def dataset_export(request, pk):
    record = get_object_or_404(DatasetImport.objects.select_related("dataset"), pk=pk)
    rows = selectors.export_rows(record.observations.all())
    response = HttpResponse(export_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{record.pk}.csv"'
    return response


# ---------------------------------------------------------------------------------------------
# Recommendations register


REGISTER_COLUMNS = {
    "recommendations": (
        "code", "kind", "text", "priority_area", "owner", "status", "progress_notes", "updated_at"
    ),
    "priorities": (
        "priority", "plan", "budget", "activity", "expected_outcomes", "performance_measures"
    ),
}  # fmt: skip


def _register_csv(table: str) -> HttpResponse:
    if table == "recommendations":
        rows = [
            {
                **{c: getattr(r, c) for c in REGISTER_COLUMNS[table]},
                "kind": r.get_kind_display(),
                "status": r.get_status_display(),
                "updated_at": f"{r.updated_at:%Y-%m-%d %H:%M}",
            }
            for r in Recommendation.objects.all()
        ]
    elif table == "priorities":
        rows = [
            {
                **{c: getattr(p, c) for c in REGISTER_COLUMNS[table]},
                "budget": None if p.budget is None else float(p.budget),
            }
            for p in PartnershipPriority.objects.all()
        ]
    else:
        raise Http404("No such table.")
    response = HttpResponse(
        export_csv(rows, REGISTER_COLUMNS[table]), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{table}.csv"'
    return response


@require_safe
@permission_required(VIEW, raise_exception=True)
def recommendation_list(request):
    if request.GET.get("download") == "csv":
        return _register_csv(request.GET.get("table", ""))
    return render(
        request,
        "assessments/recommendation_list.html",
        {
            "recommendations": Recommendation.objects.all(),
            "priorities": PartnershipPriority.objects.all(),
            "can_edit": request.user.has_perm(EDIT_PROGRESS),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(EDIT_PROGRESS, raise_exception=True)
def recommendation_edit(request, pk):
    recommendation = get_object_or_404(Recommendation, pk=pk)
    form = RecommendationProgressForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        recommendation = form.save(commit=False)
        recommendation.updated_by = request.user
        recommendation.save()
        messages.success(request, f"Progress on {recommendation.code} saved.")
        return redirect("assessments:recommendations")
    return render(
        request,
        "assessments/recommendation_edit.html",
        {"form": form, "recommendation": recommendation},
    )


# ---------------------------------------------------------------------------------------------
# Frozen papers


@require_http_methods(["GET", "POST"])
@permission_required(VIEW, raise_exception=True)
def chart_attach(request, dashboard, chart_id):
    """Freeze a chart (SVG + its table + data-as-at) into an agenda item's papers."""
    from meetings.forms import PaperAttachForm
    from meetings.services import frozen_paper_attach

    if not request.user.has_perm("meetings.attach_frozenpaper"):
        raise PermissionDenied
    if dashboard not in BOARDS:
        raise Http404
    query = request.GET.copy() if request.method == "GET" else request.POST.copy()
    board, _ = BOARDS[dashboard][0](query)
    chart = board.chart(chart_id)
    if chart is None:
        raise Http404("No such chart.")
    form = PaperAttachForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["agenda_item"]))
        else:
            item = form.cleaned_data["agenda_item"]
            html = render_to_string("assessments/_frozen_chart.html", {"chart": chart})
            try:
                frozen_paper_attach(
                    agenda_item=item,
                    title=chart.title,
                    kind="chart",
                    html=html,
                    data_as_at=str(chart.data_as_at or ""),
                    source=reverse(f"assessments:{dashboard}") + "?" + _query(query),
                    user=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"'{chart.title}' attached to {item.title}.")
                return redirect(reverse(f"assessments:{dashboard}") + "?" + _query(query))
    return render(
        request,
        "assessments/chart_attach.html",
        {"chart": chart, "items": form.items},
    )


def _query(query) -> str:
    query = query.copy()
    for key in ("csrfmiddlewaretoken", "agenda_item", "download", "chart"):
        query.pop(key, None)
    return query.urlencode()
