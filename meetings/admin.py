from django.contrib import admin

from meetings.models import (
    Action,
    AgendaItem,
    Body,
    FrozenPaper,
    Meeting,
    Membership,
    Minute,
    Person,
    Venue,
)
from sscp.forms import DATE_FIELD_OVERRIDES


class MembershipInline(admin.TabularInline):
    formfield_overrides = DATE_FIELD_OVERRIDES
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "committee_officer_name",
        "municipal_year_start_month",
        "publishes_papers",
    ]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "title", "organisation", "user"]
    search_fields = ["first_name", "last_name"]
    list_select_related = ["organisation", "user"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_FIELD_OVERRIDES
    list_display = ["body", "date", "start_time", "venue", "status", "is_private"]
    list_filter = ["body", "status"]
    date_hierarchy = "date"
    list_select_related = ["body", "venue"]


# The officer works in the app's own pages; the admin is for administrators repairing records.
@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["meeting", "order", "title", "kind", "is_confidential"]
    list_select_related = ["meeting__body"]
    list_filter = ["kind", "is_confidential"]
    raw_id_fields = ["meeting", "presenter", "requested_by"]


@admin.register(Minute)
class MinuteAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "title"]
    list_select_related = ["meeting__body"]
    raw_id_fields = ["meeting", "agenda_item", "cites"]
    search_fields = ["title"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_FIELD_OVERRIDES
    list_display = ["description", "owner_organisation", "due_date", "status", "rag"]
    list_filter = ["status", "rag"]
    list_select_related = ["owner_organisation"]
    raw_id_fields = ["resolution_part", "owner_person"]


@admin.register(FrozenPaper)
class FrozenPaperAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "agenda_item", "data_as_at", "created_at"]
    list_select_related = ["agenda_item__meeting__body"]
    raw_id_fields = ["agenda_item"]
    readonly_fields = ["html", "created_by", "created_at"]
