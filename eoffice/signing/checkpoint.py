"""Checkpoints of the audit chain's head, kept by clients outside the shared database: whoever controls the
database (a superuser can disable the triggers, rewrite events and recompute every hash) can make the chain
consistent again, but not the checkpoints clients signed earlier. `audit verify` compares the chain with
every checkpoint this profile knows (its own and imported ones).

A checkpoint is the head a client saw: {head event id, its hash, the number of events, the server's time},
as a signed statement (the same canonical form and keys as a decision's: signing/payload.py) by the user's
key when one is at hand, and an RFC 3161 timestamp over it where EOFFICE_TSA is set. Stored one JSON object
a line in HOME/checkpoints.jsonl (0600)."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eoffice.canonical import canonical_json
from eoffice.domain import BadInput
from eoffice.profile import private_dir, private_file

if TYPE_CHECKING:  # the keys and X.509 only to sign or check one: a login records an unsigned head
    from cryptography import x509

    from eoffice.signing.keystore import Identity


@dataclass(frozen=True)
class Checkpoint:
    statement: dict[str, Any]  # action_id, document_id="audit", version_hash=head hash, step_id=head id,
    #                            decision="checkpoint", time (server), actor (login), count, server
    signature: str | None = None
    chain: list[str] = field(default_factory=list)  # PEM: the signer's certificate, then its issuers
    timestamp: str | None = None  # base64 DER RFC 3161 token over the statement's canonical JSON
    source: str = "sendiri"  # "sendiri" (this profile) or "impor"

    @property
    def head_id(self) -> int:
        return int(self.statement["step_id"])

    @property
    def head_hash(self) -> str:
        return str(self.statement["version_hash"])

    @property
    def count(self) -> int:
        return int(self.statement["count"])

    @property
    def server(self) -> str:
        return str(self.statement["server"])

    @property
    def time(self) -> str:
        return str(self.statement["time"])


def make(*, server: str, head_id: int, head_hash: str, count: int, time: str, login: str,
         identity: Identity | None, tsa_url: str | None = None) -> Checkpoint:
    stmt: dict[str, Any] = {"action_id": str(uuid.uuid4()), "document_id": "audit", "version_hash": head_hash,
                            "step_id": head_id, "decision": "checkpoint", "time": time, "actor": login,
                            "count": count, "server": server}
    if identity is None or identity.cert is None:
        return Checkpoint(stmt)
    from cryptography.hazmat.primitives import serialization

    from eoffice.signing.payload import sign_payload_b64

    chain = [c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in [identity.cert, *identity.chain]]
    return Checkpoint(stmt, sign_payload_b64(identity, stmt), chain, _timestamp(stmt, tsa_url))


def _timestamp(stmt: Mapping[str, Any], tsa_url: str | None) -> str | None:
    if not tsa_url:
        return None
    import asyncio

    from pyhanko.sign.timestamps import HTTPTimeStamper  # only where an office runs a TSA

    try:
        token = asyncio.run(HTTPTimeStamper(tsa_url, timeout=5).async_timestamp(
            hashlib.sha256(canonical_json(stmt)).digest(), "sha256"))
    except Exception:  # noqa: BLE001 - an unreachable TSA leaves the checkpoint signed, untimestamped
        return None
    return base64.b64encode(token.dump()).decode("ascii")


def signer_ok(cp: Checkpoint, roots: Sequence[x509.Certificate]) -> bool:
    """Signed by a certificate that chains to a pinned root, over exactly this statement (and, when it has a
    timestamp, the token is over this statement)."""
    from cryptography import x509

    from eoffice.signing.payload import verify_payload
    from eoffice.signing.trust import chains_to

    if not cp.signature or not cp.chain:
        return False
    try:
        certs = [x509.load_pem_x509_certificate(p.encode()) for p in cp.chain]
    except ValueError:
        return False
    if not chains_to(certs[0], certs[1:], roots) or not verify_payload(certs[0], cp.statement, cp.signature):
        return False
    return cp.timestamp is None or _imprint(cp.timestamp) == hashlib.sha256(canonical_json(cp.statement)).digest()


def _imprint(token_b64: str) -> bytes | None:
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(base64.b64decode(token_b64))
        tst = info["content"]["encap_content_info"]["content"].parsed
        return bytes(tst["message_imprint"]["hashed_message"].native)
    except (ValueError, KeyError, TypeError):
        return None


# --- the profile's store ----------------------------------------------------------------------------

def store_path(home: Path) -> Path:
    return home / "checkpoints.jsonl"


def load(home: Path) -> list[Checkpoint]:
    path = store_path(home)
    if not path.exists():
        return []
    return [parse(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def parse(line: str) -> Checkpoint:
    try:
        raw = json.loads(line)
        cp = Checkpoint(dict(raw["statement"]), raw.get("signature"), list(raw.get("chain") or []),
                        raw.get("timestamp"), str(raw.get("source", "sendiri")))
        _ = (cp.head_id, cp.head_hash, cp.count, cp.server)
    except (ValueError, KeyError, TypeError) as exc:
        raise BadInput("Berkas checkpoint tidak valid") from exc
    return cp


def append(home: Path, checkpoints: Sequence[Checkpoint]) -> None:
    private_dir(home)
    path = private_file(store_path(home))
    with path.open("a", encoding="utf-8") as fh:
        for cp in checkpoints:
            fh.write(json.dumps(asdict(cp), ensure_ascii=False, sort_keys=True) + "\n")


# --- comparing a chain with them --------------------------------------------------------------------

def compare(checkpoints: Sequence[Checkpoint], events: Sequence[Mapping[str, Any]]) -> list[str]:
    """What differs between the chain (as read now, already internally consistent) and each checkpoint."""
    position = {int(ev["id"]): n for n, ev in enumerate(events)}
    problems = []
    for cp in checkpoints:
        when = cp.time[:16].replace("T", " ")
        seen = f"checkpoint {when} UTC ({cp.count} peristiwa)"
        at = position.get(cp.head_id)
        if len(events) < cp.count and at is None:
            problems.append(f"rantai audit dipotong: kini {len(events)} peristiwa, {seen}")
        elif at is None or events[at].get("hash") != cp.head_hash:
            problems.append(f"rantai audit ditulis ulang: peristiwa ke-{cp.count} berbeda dari {seen}")
        elif at != cp.count - 1:
            problems.append(f"rantai audit disambung ulang: peristiwa sebelum ke-{cp.count} disisipkan atau "
                            f"dihapus sejak {seen}")
    return problems
