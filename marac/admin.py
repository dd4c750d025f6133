"""MARAC reference lists administrators keep: benchmarks, IDVA and SWACA statuses, population,
definitions and the review action plan. Case-level records are not here: they are read only
through the coordinator's pages, where every view is logged."""

from django.contrib import admin

from marac.models import (
    Benchmark,
    CoreAgency,
    DefinitionVersion,
    IdvaStatus,
    Population,
    ReviewAction,
    SwacaStatus,
)
from sscp.forms import DATE_FIELD_OVERRIDES


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_FIELD_OVERRIDES
    list_display = ["figure", "label", "low", "high", "national_value", "valid_from", "valid_to"]
    list_filter = ["figure"]


@admin.register(CoreAgency)
class CoreAgencyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "order"]
    autocomplete_fields = ["organisation"]


@admin.register(IdvaStatus)
class IdvaStatusAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "engagement", "order"]


@admin.register(SwacaStatus)
class SwacaStatusAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "engagement", "order"]
    list_filter = ["engagement"]


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["year", "adult_female_16_plus", "source"]


@admin.register(DefinitionVersion)
class DefinitionVersionAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_FIELD_OVERRIDES
    list_display = ["key", "version", "parameter", "valid_from", "valid_to", "source"]
    list_filter = ["key"]


@admin.register(ReviewAction)
class ReviewActionAdmin(admin.ModelAdmin):
    list_display = ["section", "action", "owner", "deadline", "rag", "order"]
    list_filter = ["section", "rag"]
