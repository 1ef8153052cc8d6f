"""Issue 17: `show` with an unknown id names the nearest ids (`show kazakhstan` -> member:kaz)."""

from __future__ import annotations

import pytest

from briefing_app.cli import main, nearest_ids


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("kazakhstan", "member:kaz"), ("Kazakhstan", "member:kaz"), ("member:kazakstan", "member:kaz"),
     ("kaz", "member:kaz"), ("corridor:trans-caspain", "corridor:trans-caspian")],
)
def test_nearest_ids_find_what_was_meant(services, typed: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in nearest_ids(services.briefing, typed)


def test_show_an_unknown_id_suggests_the_nearest_on_one_line(home_with_content, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["show", "kazakhstan"]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if "warning" not in line]
    assert len(err) == 1
    assert "no item with id 'kazakhstan'" in err[0]
    assert "nearest ids: member:kaz (Kazakhstan)" in err[0]


def test_nothing_near_says_only_that_the_id_is_unknown(home_with_content, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["show", "zzqqxx"]) == 2
    assert "nearest" not in capsys.readouterr().err
