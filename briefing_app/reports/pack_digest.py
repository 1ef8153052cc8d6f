"""The "what changed" digest of a pack update as a briefing sheet: the reader's bookmarks the change touches
first, then items added, removed and changed (each changed field with its old and new text side by side)."""

from __future__ import annotations

from briefing_app.reports.formatting import esc
from briefing_app.reports.sheet import BriefingSheet, Column, Heading, Table, Text
from briefing_app.services.pack_diff import PackDiff


def digest_sheet(digest: PackDiff) -> BriefingSheet:
    title = f"What changed: {digest.pack_id} {digest.old_version} → {digest.new_version}"
    sheet = BriefingSheet(title, subject=f"pack diff {digest.pack_id}")
    sheet.add(Heading(title), Text(f"<p>{esc(digest.summary())}</p>"))
    sheet.add(Heading("Your bookmarks touched by the change", level=2))
    if digest.bookmarks:
        sheet.add(Table(
            (Column("Item", 3), Column("What changed", 3), Column("Your note", 3)),
            [(f"{esc(b.title)}<br><small>{esc(b.id)}</small>",
              "removed from the pack" if b.how == "removed" else esc(", ".join(b.fields)), esc(b.note))
             for b in digest.bookmarks],
        ))
    else:
        sheet.add(Text("<p>None of your bookmarks is touched.</p>"))
    sheet.add(Heading("Your highlights touched by the change", level=2))
    if digest.highlights:
        sheet.add(Table(
            (Column("Passage", 4), Column("Item", 3), Column("What changed", 2), Column("Your note", 3)),
            [(esc(h.quote), f"{esc(h.title)}<br><small>{esc(h.item_id)}</small>", esc(h.how), esc(h.note))
             for h in digest.highlights],
        ))
    else:
        sheet.add(Text("<p>None of your highlights is touched.</p>"))
    for label, rows in (("Added", digest.added), ("Removed", digest.removed)):
        sheet.add(Heading(f"{label} ({len(rows)})", level=2))
        if rows:
            sheet.add(Table((Column("Kind", 1), Column("Item", 4), Column("Id", 3)),
                            [(esc(r.kind), esc(r.title), esc(r.id)) for r in rows]))
        else:
            sheet.add(Text("<p>None.</p>"))
    sheet.add(Heading(f"Changed ({len(digest.changed)})", level=2))
    for change in digest.changed:
        sheet.add(Heading(f"{change.title} ({change.id})", level=3))
        sheet.add(Table((Column("Field", 1), Column(digest.old_version, 3), Column(digest.new_version, 3)),
                        [(esc(f.field), esc(f.old), esc(f.new)) for f in change.fields]))
    return sheet
