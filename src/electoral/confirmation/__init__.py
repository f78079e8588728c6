"""The confirmation period: from Election Night to the confirmed president-elect (issue 9).

Submodules: ``timeline`` (per-state and national stages for any date, 2000-2024) and
``recounts`` (recounts that took place, with sources); the election-night nowcast lives in
``nowcast`` / ``series``.  Import the submodule you need.
"""
