"""The read models every reader shares: what a member row, the summit's event, the priority order, a quantity or a
navigation target means is decided here once, in plain Python, and the screen (ui), print (reports) and the
command line all consume it. Built from the services; no Qt, no SQL."""
