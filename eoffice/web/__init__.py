"""The public verification page behind every letter's QR code (eoffice serve-verify): Starlette + uvicorn."""
