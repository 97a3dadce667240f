"""Differential privacy: accounting over a lifetime ledger, DP-SGD, model compatibility."""
