"""Briefing packs: the schema they follow, their validation, and the loader that turns them into items."""
