"""Forecasting: polls -> poll averages -> state distributions -> simulation / exact
distribution -> backtest.

``forecast.polls`` reads poll files of every supported format into one schema (one row per
poll); ``forecast.average`` turns them into a poll average per state, district and the
nation, with house effects and a national trend adjustment, using only polls that ended
before the date asked about.
"""
