from django.contrib import admin

from meetings.models import Body, Meeting, Membership, Person, Venue


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "committee_officer_name", "municipal_year_start_month"]
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
    list_display = ["body", "date", "start_time", "venue", "status", "is_private"]
    list_filter = ["body", "status"]
    date_hierarchy = "date"
    list_select_related = ["body", "venue"]
