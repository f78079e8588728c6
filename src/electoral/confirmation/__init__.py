"""Confirmation: election-night counts -> nowcast -> calls."""
