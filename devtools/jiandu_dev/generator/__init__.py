"""Synthetic subsidiary data with planted anomalies and a ground truth (see generate.py)."""
