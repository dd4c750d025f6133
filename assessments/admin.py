from django.contrib import admin

from assessments.models import (
    ComparatorSet,
    Dataset,
    DatasetImport,
    Indicator,
    PartnershipPriority,
    Recommendation,
)


@admin.register(ComparatorSet)
class ComparatorSetAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["areas"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    # Imports guess the unit from the name and default the polarity: corrected here.
    list_display = ["name", "code", "unit", "polarity", "source"]
    list_filter = ["unit", "polarity"]
    list_editable = ["unit", "polarity"]
    search_fields = ["name", "code"]


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(DatasetImport)
class DatasetImportAdmin(admin.ModelAdmin):
    """Read only: imports are made and rolled back on their own pages."""

    list_display = ["filename", "dataset", "format", "imported_at", "status"]
    list_filter = ["format", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "priority_area", "owner", "status"]
    list_filter = ["kind", "status"]


@admin.register(PartnershipPriority)
class PartnershipPriorityAdmin(admin.ModelAdmin):
    list_display = ["priority", "plan", "budget"]
