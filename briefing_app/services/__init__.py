"""Use cases over the repositories: content build and checks, briefing queries, search, bookmarks."""
