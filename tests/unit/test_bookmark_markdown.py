"""Issue 17: the Markdown export of bookmarks reads on its own (a paragraph carries its text, each source once),
and importing a Markdown export says that only the JSON export can be imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.services.bookmark_files import BookmarkFileError


def test_a_paragraph_bookmark_carries_its_text_in_markdown(services) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("paragraph:19", note="Quote this")
    text, _ = services.bookmarks.markdown()
    body = services.briefing.find("paragraph:19").body
    assert "The speech also noted the need to develop and adopt an Agreement on Confidence" in text
    assert body.split("“")[0].strip() in text
    assert "> Quote this" in text
    assert "## ¶19 of the address" in text and "…" not in text.split("## ¶19")[1].splitlines()[0]


def test_each_source_is_named_once(services) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("proposal:aifc-financing-mechanism")
    text, _ = services.bookmarks.markdown()
    line = next(x for x in text.splitlines() if x.startswith("Sources: "))
    assert line.count("¶26") == 1
    assert "¶26; ¶26" not in text


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_importing_a_markdown_export_says_only_json_can_be_imported(services, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("member:kaz", note="Host")
    path = tmp_path / f"mail{suffix}"
    services.bookmarks.export_markdown(path)
    with pytest.raises(BookmarkFileError) as raised:
        services.bookmarks.import_file(path)
    message = str(raised.value)
    assert "Markdown" in message and "only the JSON export" in message
    assert "not valid JSON" not in message
