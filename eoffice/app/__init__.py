"""The one front door (DESIGN.md "Layers"): the desktop app (eoffice/ui) and the CLI (eoffice/cli) both call only
this package.

- ``commands``: every write a person makes, a frozen dataclass with a client-made ``action_id``, canonical JSON;
- ``handlers``: one handler per command (per area: letters, decisions, incoming, signing, admin, org), the only
  place a write's rules are put together; ``bus.dispatch`` finds it;
- ``queries``: the typed read models (``LetterView`` for the reading pane, in one read transaction);
- ``session``: engine, acting user, identity/keys, local cache and online state; ``Session.execute(cmd)``.

Import-light: importing ``eoffice.app`` (or ``eoffice.app.commands``) loads no SQLAlchemy, so the CLI can build
its parser and commands before it knows whether it needs a database.
"""
