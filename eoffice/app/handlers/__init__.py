"""Every command's handler, per area. Importing this package registers them all with eoffice.app.bus."""

from eoffice.app.handlers import admin, decisions, incoming, letters, org, signing

__all__ = ["admin", "decisions", "incoming", "letters", "org", "signing"]
