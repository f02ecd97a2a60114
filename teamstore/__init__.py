"""The store of team sessions (issue 18): sessions and what members shared, in their own
tables of the conversations' database. Used by the action server (actions/turn.py) and by
the Rasa server's retention (server/retention.py); the logic is in bot/team.py."""

from teamstore.sql import Share, TeamSession, TeamStore

__all__ = ["Share", "TeamSession", "TeamStore"]
