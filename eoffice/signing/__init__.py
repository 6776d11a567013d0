"""Signing layer (see DESIGN.md): pure, no database, no Qt.

keys        generate_key(KeyType), key_to_pem / key_from_pem
ca          init_ca, issue_user_cert, revoke, make_crl, save_ca / load_ca
keystore    Identity, save_identity / load_identity (HOME/keys/<login>.p12), import_p12, check_signing_cert
passphrase  remember/lookup/forget_passphrase via the OS keyring (None/False when no usable backend)
pades       FieldSpec, prepare_fields, sign_pdf -> SignResult (PAdES B-B / B-T with B-B fallback)
stamp       StampSpec, qr_payload (the visible TTE stamp and paraf box)
verify      verify_pdf -> VerifyReport(SignatureReport...)
ltv         upgrade_pdf -> UpgradeResult (DSS + document timestamp: B-LT / B-LTA), verify_timestamps
payload     action_statement, sign_payload, verify_payload (canonical JSON statements)
tsa         tsa_url: the office's timestamp service (EOFFICE_TSA)
audit       event_hash, chain_event, verify_chain, AuditHeadTracker
"""
