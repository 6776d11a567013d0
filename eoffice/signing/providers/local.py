"""The local provider: the signatory's own key (organisation CA or an imported PKCS#12), signed here."""

from __future__ import annotations

from dataclasses import dataclass

from eoffice.signing.keystore import Identity
from eoffice.signing.pades import SignResult, sign_pdf
from eoffice.signing.providers import SignJob


@dataclass
class LocalProvider:
    identity: Identity
    name: str = "local"

    def sign(self, job: SignJob) -> SignResult:
        return sign_pdf(job.pdf, self.identity, field_name=job.field_name, certify=None, stamp=job.stamp,
                        timestamper_url=job.tsa_url, reason=job.reason, location=job.location,
                        signing_time=job.signing_time, fill=job.fill)

    def settled(self, document_id: str) -> None:
        return None
