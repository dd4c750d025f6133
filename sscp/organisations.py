"""Resolving the many spellings of an agency ("POLICE", "Merseyside Police") to one organisation."""

import difflib
import re

from sscp.models import Organisation, OrganisationAlias

_PUNCTUATION = re.compile(r"[.,'’()\-–]")
_SPACES = re.compile(r"\s+")


def normalise_agency_name(name: str) -> str:
    text = name.casefold().replace("&", " and ")
    text = _PUNCTUATION.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


class OrganisationIndex:
    """Every name and alias, loaded once, so an import resolves its rows without a query each."""

    def __init__(self):
        self._by_key: dict[str, Organisation] = {}
        organisations = {o.pk: o for o in Organisation.objects.all()}
        for organisation in organisations.values():
            self._by_key[normalise_agency_name(organisation.name)] = organisation
            if organisation.short_name:
                self._by_key.setdefault(
                    normalise_agency_name(organisation.short_name), organisation
                )
        for alias in OrganisationAlias.objects.all():
            self._by_key[normalise_agency_name(alias.alias)] = organisations[alias.organisation_id]

    def resolve(self, name: str) -> Organisation | None:
        return self._by_key.get(normalise_agency_name(name or ""))

    def close_matches(self, name: str, limit: int = 3) -> list[str]:
        keys = difflib.get_close_matches(
            normalise_agency_name(name or ""), self._by_key, n=limit * 3
        )
        names: list[str] = []
        for key in keys:
            organisation_name = self._by_key[key].name
            if organisation_name not in names:
                names.append(organisation_name)
        return names[:limit]
