"""eoffice: paperless e-office for provincial government (naskah dinas, paraf, TTE, disposisi)."""

__version__ = "0.1.0"
