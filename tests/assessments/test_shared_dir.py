import pytest

from tests.assessments.helpers import shared_dir, shared_sample


def test_it_skips_when_the_shared_samples_are_absent(monkeypatch, tmp_path):
    monkeypatch.setenv("SSCP_SHARED_DIR", str(tmp_path / "missing"))
    monkeypatch.delenv("SSCP_REQUIRE_SHARED", raising=False)

    with pytest.raises(pytest.skip.Exception, match="not found"):
        shared_dir()


def test_it_fails_when_the_shared_samples_are_required(monkeypatch, tmp_path):
    monkeypatch.setenv("SSCP_SHARED_DIR", str(tmp_path / "missing"))
    monkeypatch.setenv("SSCP_REQUIRE_SHARED", "1")

    with pytest.raises(pytest.fail.Exception, match="SSCP_REQUIRE_SHARED=1"):
        shared_dir()


def test_it_finds_a_shared_directory_that_exists(monkeypatch, tmp_path):
    monkeypatch.setenv("SSCP_SHARED_DIR", str(tmp_path))

    assert shared_dir() == tmp_path


def test_a_missing_sample_skips_naming_it_or_fails_when_required(monkeypatch, tmp_path):
    monkeypatch.setenv("SSCP_SHARED_DIR", str(tmp_path))
    monkeypatch.delenv("SSCP_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception, match="needs the shared sample samples/x.csv"):
        shared_sample("samples", "x.csv")
    monkeypatch.setenv("SSCP_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception, match="x.csv: not found .* SSCP_REQUIRE_SHARED=1"):
        shared_sample("samples", "x.csv")
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "x.csv").write_text("a\n")
    assert shared_sample("samples", "x.csv") == tmp_path / "samples" / "x.csv"
