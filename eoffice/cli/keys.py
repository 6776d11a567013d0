"""Verbs: ca init|issue|revoke|export-root|pin|trust list|import-p12, key init, sign, verify,
audit verify|logins|checkpoint export|import.

The parser only (light imports, so `--help` loads nothing heavy); keys_verbs.py is imported
when one of these verbs is chosen."""

from __future__ import annotations

import argparse
from pathlib import Path

from eoffice.signing.tsa import tsa_url


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    ca = sub.add_parser("ca", parents=[common], help="organisation CA and certificates").add_subparsers(
        dest="action", required=True)
    p = ca.add_parser("init", parents=[common], help="create the organisation CA (admin)")
    p.add_argument("--org", default="Pemerintah Provinsi Kalimantan Timur")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_ca_init")
    p = ca.add_parser("issue", parents=[common], help="issue USER's certificate for their key request (admin)")
    p.add_argument("login")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_ca_issue")
    p = ca.add_parser("revoke", parents=[common], help="revoke USER's certificate and publish a CRL (admin)")
    p.add_argument("login")
    p.add_argument("--reason", default="")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_ca_revoke")
    p = ca.add_parser("export-root", parents=[common], help="write the trust anchor (root CA) as PEM")
    p.add_argument("file", type=Path)
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_export_root")
    p = ca.add_parser("pin", parents=[common],
                      help="trust exactly the root CA(s) in FILE from now on (replaces the profile's pinned roots)")
    p.add_argument("file", type=Path)
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_ca_pin")
    roots = ca.add_parser("trust", parents=[common], help="the trust roots pinned in this profile").add_subparsers(
        dest="trust_action", required=True)
    p = roots.add_parser("list", parents=[common], help="list the pinned roots")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_ca_trust_list")
    p = ca.add_parser("import-p12", parents=[common], help="use a PKCS#12 issued by an external CA as your key")
    p.add_argument("file", type=Path)
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_import_p12")
    key = sub.add_parser("key", parents=[common], help="your signing key").add_subparsers(dest="action",
                                                                                        required=True)
    p = key.add_parser("init", parents=[common], help="make your key pair here and request a certificate")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_key_init")
    p = sub.add_parser("sign", parents=[common], help="sign letters waiting for your TTE (one or many)")
    p.add_argument("ids", nargs="+")
    p.add_argument("--tsa", default=tsa_url(),
                   help="RFC 3161 timestamp service URL (B-T; env EOFFICE_TSA); unreachable: B-B, upgraded later")
    p.add_argument("--provider", choices=["local", "bsre"], default=None,
                   help="who signs: your local key or BSrE's esign service (default: the organisation's setting)")
    p.add_argument("--resend", action="store_true",
                   help="BSrE: send again a letter whose earlier request got no answer (after checking)")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_sign")
    p = sub.add_parser("ltv", parents=[common], help="add long-term validation data (+ timestamp) to signed letters")
    p.add_argument("ids", nargs="+")
    p.add_argument("--tsa", default=tsa_url(),
                   help="RFC 3161 timestamp service URL for the document timestamp (B-LTA; env EOFFICE_TSA)")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_ltv")
    p = sub.add_parser("verify", parents=[common], help="verify the signatures of a PDF (or a letter by its QR code)")
    p.add_argument("file", help="a PDF file, or a scanned QR code (verification URL, EOFFICE:id:sha) or a letter id")
    p.add_argument("--trust", action="append", default=[], type=Path, help="trusted root CA (PEM)")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_verify")
    aud = sub.add_parser("audit", parents=[common], help="audit log").add_subparsers(dest="action", required=True)
    p = aud.add_parser("verify", parents=[common], help="check the hash chain and the signed statements")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_audit_verify")
    p = aud.add_parser("logins", parents=[common], help="recent failed logins (admin)")
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_failed_logins")
    cps = aud.add_parser("checkpoint", parents=[common], help="signed checkpoints of the audit head").add_subparsers(
        dest="checkpoint_action", required=True)
    p = cps.add_parser("export", parents=[common], help="write this profile's signed checkpoints to FILE")
    p.add_argument("file", type=Path)
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_checkpoint_export")
    p = cps.add_parser("import", parents=[common], help="add the signed checkpoints in FILE (checked) to this profile")
    p.add_argument("file", type=Path)
    p.set_defaults(func="eoffice.cli.keys_verbs:cmd_checkpoint_import")
