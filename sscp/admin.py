from django.contrib import admin

from sscp.models import Area, Organisation, OrganisationAlias


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "group"]
    list_filter = ["group"]
    search_fields = ["name", "short_name", "aliases__alias"]
    inlines = [OrganisationAliasInline]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "area_type", "parent"]
    list_filter = ["area_type"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]
