import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.sources import load_sources


def test_the_seed_feed_list_parses():
    sources = load_sources(str(PROJECT_ROOT / "seeds" / "feeds.yaml"))
    assert sources and all(s.url.startswith("http") for s in sources)
    assert any(s.archive and "{date}" in s.archive for s in sources)


def test_comma_separated_urls_are_a_feed_list():
    sources = load_sources("http://127.0.0.1:1/a.xml, http://127.0.0.1:1/b.xml,http://127.0.0.1:1/a.xml")
    assert [s.url for s in sources] == ["http://127.0.0.1:1/a.xml", "http://127.0.0.1:1/b.xml"]


def test_an_archive_without_a_date_placeholder_is_rejected(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - url: http://127.0.0.1:1/feed.xml\n    archive: http://127.0.0.1:1/archive.xml\n")
    with pytest.raises(ValueError, match="date"):
        load_sources(str(path))


def test_a_missing_feeds_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_sources(str(tmp_path / "nope.yaml"))
