"""Every URL the project serves, made concrete, so access rules can be tested over all of them."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

SAMPLE_VALUES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "1",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def _sample_kwargs(pattern: URLPattern) -> dict[str, str]:
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {}
    for name in pattern.pattern.regex.groupindex:
        converter = converters.get(name)
        kind = type(converter).__name__.replace("Converter", "").lower() if converter else "str"
        kwargs[name] = SAMPLE_VALUES.get(kind, "x")
        if name == "app_label":
            kwargs[name] = "sscp"
    return kwargs


def all_urls() -> list[tuple[str, str]]:
    """(url name, concrete path) for every named URL in the URLconf."""
    seen = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if name in seen:
            continue
        seen[name] = reverse(name, kwargs=_sample_kwargs(pattern))
    return sorted(seen.items())
