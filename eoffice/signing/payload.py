"""Signed action statements: every action by a person carries their signature over a canonical payload."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from eoffice.canonical import canonical_json
from eoffice.domain import BadInput
from eoffice.signing.keys import PrivateKey, PublicKey
from eoffice.signing.keystore import Identity

ACTION_KEYS = frozenset({"action_id", "document_id", "version_hash", "step_id", "decision", "time", "actor"})
# PSS with salt = digest length: fixed parameters so any verifier can check without negotiation.
_PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)


def action_statement(
    *, action_id: uuid.UUID | str, document_id: str | int, version_hash: str, step_id: str | int | None,
    decision: str, time: dt.datetime, actor: str, **extra: Any,
) -> dict[str, Any]:
    """The statement a person signs for a workflow action. ``time`` is the client's claimed time."""
    stmt: dict[str, Any] = {
        "action_id": str(action_id), "document_id": document_id, "version_hash": version_hash,
        "step_id": step_id, "decision": decision, "time": time, "actor": actor,
    }
    stmt.update(extra)  # e.g. a note or a capacity (a.n./Plh.); Python already refuses duplicate keys
    return stmt


def payload_bytes(payload: Mapping[str, Any]) -> bytes:
    missing = ACTION_KEYS - payload.keys()
    if missing:
        raise BadInput(f"Payload aksi tidak lengkap: {', '.join(sorted(missing))} tidak ada.")
    return canonical_json(payload)


def sign_payload(identity_or_key: Identity | PrivateKey, payload: Mapping[str, Any]) -> bytes:
    key = identity_or_key.key if isinstance(identity_or_key, Identity) else identity_or_key
    data = payload_bytes(payload)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256()))
    return key.sign(data, _PSS, hashes.SHA256())


def sign_payload_b64(identity_or_key: Identity | PrivateKey, payload: Mapping[str, Any]) -> str:
    return base64.b64encode(sign_payload(identity_or_key, payload)).decode("ascii")


def verify_payload(
    cert_or_key: x509.Certificate | PublicKey, payload: Mapping[str, Any], signature: bytes | str
) -> bool:
    """True only if ``signature`` (raw or base64) was made over exactly this payload by this key."""
    pub = cert_or_key.public_key() if isinstance(cert_or_key, x509.Certificate) else cert_or_key
    if isinstance(signature, str):
        try:
            signature = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError):
            return False
    try:
        data = payload_bytes(payload)
    except BadInput:
        return False
    try:
        if isinstance(pub, ec.EllipticCurvePublicKey):
            pub.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(pub, rsa.RSAPublicKey):
            pub.verify(signature, data, _PSS, hashes.SHA256())
        else:
            return False
    except InvalidSignature:
        return False
    return True
