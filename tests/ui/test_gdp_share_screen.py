"""On screen, the detail pane of the address's "a third of global GDP" shows the claim, the share this briefing
computes from the World Bank's figures and its basis (the computation itself is tested in tests/unit/test_gdp_share.py).
"""

from __future__ import annotations


def test_the_detail_pane_on_screen_shows_the_claim_the_computed_share_and_its_basis(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel("overview")
    qtbot.waitUntil(lambda: panel.chart is not None, timeout=5000)
    window.navigator.open("figure:gdp-one-third")
    assert panel.current_item_id() == "figure:gdp-one-third"
    shown = panel.detail.browser.toPlainText()
    assert "Claim (the address)" in shown and "a third of global GDP" in shown
    assert "about 23% of world GDP in 2023" in shown
    assert "market exchange rates" in shown and "purchasing power parity" in shown
