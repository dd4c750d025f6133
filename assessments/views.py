"""Thin views: check the role, read the filters, ask dashboards/imports, render or download."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import dashboards, selectors
from assessments.figures import export_csv, export_xlsx
from assessments.forms import FilterForm, RecommendationProgressForm, UploadForm
from assessments.imports import RollbackRefused, dataset_import, dataset_import_rollback
from assessments.models import DatasetImport, Indicator, PartnershipPriority, Recommendation
from sscp.models import Area

VIEW = "assessments.view_assessment"
IMPORT = "assessments.import_dataset"
EDIT_PROGRESS = "assessments.edit_recommendation_progress"


def _borough_choices():
    return selectors.boroughs()  # the partnership's own first: the default choice


def _area(code: str):
    return Area.objects.filter(code=code).first() if code else None


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


@require_safe
@permission_required(VIEW, raise_exception=True)
def overview(request):
    areas = _borough_choices()
    indicators = selectors.rate_indicators()
    preferred = sorted(indicators, key=lambda i: "total recorded crime" not in i.name.lower())
    form = FilterForm(
        request.GET,
        choices={"area": areas, "indicator": [(str(i.pk), i.name) for i in preferred]},
        labels={"area": "Area", "indicator": "Indicator"},
    )
    indicator = next((i for i in indicators if str(i.pk) == form.value("indicator")), None)
    board = dashboards.overview(_area(form.value("area")), indicator)
    return _show(request, "assessments/overview.html", board, form, "overview", "Overview")


@require_safe
@permission_required(VIEW, raise_exception=True)
def categories(request):
    areas = _borough_choices()
    datasets = selectors.category_datasets()
    ordered = sorted(datasets, key=lambda d: ("offence" not in d.name.lower(), d.name))
    form = FilterForm(
        request.GET,
        choices={"area": areas, "dataset": [(str(d.pk), d.name) for d in ordered]},
        labels={"area": "Area", "dataset": "Table of categories"},
    )
    dataset = next((d for d in datasets if str(d.pk) == form.value("dataset")), None)
    board = dashboards.by_category(_area(form.value("area")), dataset)
    return _show(request, "assessments/categories.html", board, form, "categories", "By category")


@require_safe
@permission_required(VIEW, raise_exception=True)
def places(request):
    areas = _borough_choices()
    indicators = selectors.place_indicators()
    indicator_choices = [(str(i.pk), i.name) for i in indicators]
    chosen = request.GET.get("indicator") or (indicator_choices[0][0] if indicators else "")
    indicator = next((i for i in indicators if str(i.pk) == chosen), None)
    periods = dashboards.period_choices(selectors.periods_of(indicator)) if indicator else []
    form = FilterForm(
        request.GET,
        choices={
            "area": areas,
            "indicator": indicator_choices,
            "period": [(p, p) for p in periods],
        },
        labels={"area": "Area", "indicator": "Crime type or indicator", "period": "Period"},
    )
    board = dashboards.places(_area(form.value("area")), indicator, form.value("period"))
    return _show(request, "assessments/places.html", board, form, "places", "Places")


@require_safe
@permission_required(VIEW, raise_exception=True)
def spine(request):
    areas = _borough_choices()
    area = _area(FilterForm(request.GET, choices={"area": areas}, labels={}).value("area"))
    periods = selectors.spine_periods(area) if area else []
    form = FilterForm(
        request.GET,
        choices={
            "area": areas,
            "period": [("", "Latest for each indicator")] + [(p, p) for p in periods],
        },
        labels={"area": "Area", "period": "Period"},
    )
    board = dashboards.spine(area, form.value("period"))
    return _show(request, "assessments/spine.html", board, form, "spine", "Spine chart")


BUILDERS = {"overview": overview, "categories": categories, "places": places, "spine": spine}


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
                messages.success(
                    request,
                    f"{report.filename} loaded: {report.observations_stored} figures stored.",
                )
                return redirect("assessments:import_detail", pk=report.dataset_import.pk)
    else:
        form = UploadForm()
    imports = DatasetImport.objects.select_related("dataset", "imported_by")[:50]
    status = 400 if report is not None or form.errors else 200
    return render(
        request,
        "assessments/import_list.html",
        {"form": form, "report": report, "imports": imports},
        status=status,
    )


@require_safe
@permission_required(IMPORT, raise_exception=True)
def import_detail(request, pk):
    record = get_object_or_404(DatasetImport.objects.select_related("dataset"), pk=pk)
    return render(request, "assessments/import_detail.html", {"record": record})


@require_POST
@permission_required(IMPORT, raise_exception=True)
def import_rollback(request, pk):
    record = get_object_or_404(DatasetImport, pk=pk)
    try:
        dataset_import_rollback(record, user=request.user)
    except RollbackRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Import #{record.pk} ({record.filename}) rolled back.")
    return redirect("assessments:import_detail", pk=record.pk)


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


@require_safe
@permission_required(VIEW, raise_exception=True)
def recommendation_list(request):
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
    from meetings.selectors import agenda_items_open_for_papers
    from meetings.services import frozen_paper_attach

    if not request.user.has_perm("meetings.attach_frozenpaper"):
        raise PermissionDenied
    builder = BUILDERS.get(dashboard)
    if builder is None:
        raise Http404
    query = request.GET.copy() if request.method == "GET" else request.POST.copy()
    board = _board_for(dashboard, query)
    chart = board.chart(chart_id)
    if chart is None:
        raise Http404("No such chart.")
    items = agenda_items_open_for_papers(request.user)
    if request.method == "POST":
        item = items.filter(pk=request.POST.get("agenda_item")).first()
        if item is None:
            messages.error(request, "Choose an agenda item of a meeting not yet held.")
        else:
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
        {"chart": chart, "items": items, "query": _query(query), "dashboard": dashboard},
    )


def _query(query) -> str:
    query = query.copy()
    for key in ("csrfmiddlewaretoken", "agenda_item", "download", "chart"):
        query.pop(key, None)
    return query.urlencode()


def _board_for(dashboard: str, query):
    """The same board the dashboard page shows for these filters."""
    areas = _borough_choices()
    area = _area(query.get("area") or next(iter(areas), ("", ""))[0])
    if dashboard == "overview":
        indicators = selectors.rate_indicators()
        indicator = next((i for i in indicators if str(i.pk) == query.get("indicator")), None)
        indicator = indicator or next(
            (i for i in indicators if "total recorded crime" in i.name.lower()),
            indicators[0] if indicators else None,
        )
        return dashboards.overview(area, indicator)
    if dashboard == "categories":
        datasets = selectors.category_datasets()
        dataset = next((d for d in datasets if str(d.pk) == query.get("dataset")), None)
        return dashboards.by_category(area, dataset or next(iter(datasets), None))
    if dashboard == "places":
        indicator = Indicator.objects.filter(pk=query.get("indicator") or 0).first()
        indicator = indicator or next(iter(selectors.place_indicators()), None)
        periods = dashboards.period_choices(selectors.periods_of(indicator)) if indicator else []
        return dashboards.places(area, indicator, query.get("period") or next(iter(periods), ""))
    return dashboards.spine(area, query.get("period", ""))
