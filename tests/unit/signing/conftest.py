"""Shared fixtures: one CA and a few identities per session (RSA key generation is slow on 2 cores)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from eoffice.signing.ca import CaBundle, init_ca, issue_user_cert
from eoffice.signing.keys import KeyType, generate_key
from eoffice.signing.keystore import Identity

ORG = "Pemerintah Provinsi Kalimantan Timur"


@pytest.fixture(scope="session")
def ca() -> CaBundle:
    return init_ca(ORG)


@pytest.fixture(scope="session")
def other_ca() -> CaBundle:
    return init_ca("Organisasi Lain")


@pytest.fixture(scope="session")
def make_identity(ca: CaBundle) -> Callable[..., Identity]:
    def make(key_type: KeyType | str = KeyType.EC_P256, *, name: str = "Budi Santoso", nip: str = "198001012005011001",
             title: str = "Kepala Bidang", unit: str = "Diskominfo", issuer: CaBundle | None = None) -> Identity:
        issuer = issuer or ca
        key = generate_key(key_type)
        cert = issue_user_cert(issuer, key.public_key(), name=name, nip=nip, title=title, unit=unit,
                               email="budi@kaltimprov.go.id")
        return Identity(key, cert, issuer.chain)

    return make


@pytest.fixture(scope="session")
def ec_identity(make_identity: Callable[..., Identity]) -> Identity:
    return make_identity()


@pytest.fixture(scope="session")
def rsa2048_identity(make_identity: Callable[..., Identity]) -> Identity:
    return make_identity(KeyType.RSA_2048, name="Siti Rahmawati", nip="198502022010012002")


@pytest.fixture(scope="session")
def rsa3072_identity(make_identity: Callable[..., Identity]) -> Identity:
    return make_identity(KeyType.RSA_3072, name="Drs. H. Akmal Malik", nip="197001011990031003",
                         title="Gubernur")


def make_pdf(pages: int = 2, text: str = "Nota Dinas") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=0)  # uncompressed: tamper tests edit text bytes
    for i in range(pages):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 770, f"{text} - halaman {i + 1}")
        c.setFont("Helvetica", 11)
        for line in range(20):
            c.drawString(72, 730 - line * 16, f"Baris {line + 1}: isi surat dinas untuk pengujian tanda tangan.")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="session")
def pdf2() -> bytes:
    return make_pdf(2)


@pytest.fixture()
def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
