"""Benchmarks: standalone scripts that build their own database (never the dev DB)."""
