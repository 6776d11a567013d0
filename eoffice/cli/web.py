"""Verbs: settings show|set (organisation settings: signing provider, verification page URL) and
serve-verify (the public verification page behind the QR codes).

The parser only (light imports); web_verbs.py is imported when one of these verbs is chosen."""

from __future__ import annotations

import argparse
from pathlib import Path

# services/settings.py KEYS (a test keeps them equal)
SETTING_KEYS = ("sign_provider", "paraf_provider", "bsre_tampilan", "verify_url")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    st = sub.add_parser("settings", parents=[common], help="organisation settings (signing provider, verify URL)")
    acts = st.add_subparsers(dest="action", required=True)
    p = acts.add_parser("show", parents=[common], help="show the organisation's settings")
    p.set_defaults(func="eoffice.cli.web_verbs:cmd_settings_show")
    p = acts.add_parser("set", parents=[common],
                        help="change a setting (admin): sign_provider, paraf_provider, bsre_tampilan, "
                        "verify_url")
    p.add_argument("key", choices=sorted(SETTING_KEYS))
    p.add_argument("value")
    p.set_defaults(func="eoffice.cli.web_verbs:cmd_settings_set")
    p = sub.add_parser("serve-verify", parents=[common], help="run the public verification page (/v/<id>)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--trust", action="append", default=[], type=Path,
                   help="trusted root CA (PEM) for uploaded PDFs (default: the roots pinned in the profile)")
    p.set_defaults(func="eoffice.cli.web_verbs:cmd_serve_verify")
