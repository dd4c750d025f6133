"""The import page shows every format's columns, from the constants the readers use, so the
analyst need not look anywhere else for them."""

from django.urls import reverse

from assessments.readers import FORMATS, format_columns
from assessments.tables import column_key


def test_every_format_is_described_once():
    described = [item["format"] for item in format_columns()]
    assert sorted(described) == sorted(FORMATS)


def test_the_import_page_lists_each_formats_columns(client, analyst):
    client.force_login(analyst)
    page = client.get(reverse("assessments:imports")).content.decode()
    assert 'id="import-formats"' in page
    for item in format_columns():
        assert f">{item['format']}</dt>" in page
        for name in item["required"] + item["optional"]:
            assert f"<code>{name}</code>" in page, (item["format"], name)
    assert "Violence and sexual offences" in page
    assert ">boundaries</dt>" in page


def test_the_columns_shown_are_those_the_tidy_reader_requires():
    from assessments.readers import read_tidy

    tidy = next(item for item in format_columns() if item["format"] == "tidy")
    header = ",".join(tidy["required"])
    result = read_tidy(f"{header}\nCrime,E08000014,Sefton,2017/18,5\n".encode())
    assert not result.errors
    short = ",".join(tidy["required"][:-1])
    refused = read_tidy(f"{short}\nCrime,E08000014,Sefton,2017/18\n".encode())
    assert [column_key(e.column) for e in refused.errors] == ["value"]
