"""Pollster names: one spelling per pollster.

538's files spell pollsters consistently; the Economist / HuffPost files do not ("Rasmussen
Tracking", "Rasmussen Reports"), tag turnout-model versions ("Gallup (Expanded)*") and
district-only polls ("(2nd CD Only)").  :func:`pollster_name` strips the tags and merges the
spellings of :data:`POLLSTER_ALIASES`.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["CD_ONLY", "POLLSTER_ALIASES", "VERSION_TAG", "pollster_name"]

#: "(2nd CD Only)" in an Economist pollster name: a poll of that district.
CD_ONLY = re.compile(r"\s*\((\d)(?:st|nd|rd|th) CD Only\)", re.IGNORECASE)
#: Turnout-model and editorial tags of one poll's versions.
VERSION_TAG = re.compile(r"\s*\((?:Expanded|Traditional|Lake|Tarrance)\)|\[[^]]*\]|\*+$")
#: Spellings of one pollster in the Economist files -> one name (538 files are normalised).
POLLSTER_ALIASES = {
    "ABC News/Wash. Post": "ABC News/Washington Post",
    "American Res. Group": "American Research Group",
    "American Reseach": "American Research Group",
    "American Research": "American Research Group",
    "Angus Reid Public Opinion": "Angus Reid",
    "Associated Press/GFK": "AP/GfK",
    "Associated Press/GfK": "AP/GfK",
    "Associated Press/GfK Roper": "AP/GfK",
    "CBS/New York Times": "CBS News/New York Times",
    "CBS News/NY Times": "CBS News/New York Times",
    "CNN | ORC": "CNN/ORC",
    "CNN/Opinion Research": "CNN/ORC",
    "CNN/OpinionResearch": "CNN/ORC",
    "CNN/Time/ORC": "CNN/ORC",
    "Civitas Institute": "Civitas",
    "Daily Kos & SEIU/PPP": "Public Policy Polling",
    "Daily Kos/PPP": "Public Policy Polling",
    "Daily Kos/SEIU PPP": "Public Policy Polling",
    "DailyKos/PPP/SEIU": "Public Policy Polling",
    "PPP/Americans United for Change": "Public Policy Polling",
    "PPP/Daily Kos & SEIU": "Public Policy Polling",
    "Public Policy": "Public Policy Polling",
    "Public Policy Polling/Daily Kos/SEIU": "Public Policy Polling",
    "Democracy Corps.": "Democracy Corps",
    "Epic/Detroit News": "EPIC/Detroit News",
    "Fairleigh-Dickinson": "Fairleigh Dickinson",
    "FOX News": "Fox News",
    "Field Poll": "Field",
    "Field Research": "Field",
    "Gallup Tracking": "Gallup",
    "USA Today/Gallup": "Gallup",
    "USAT/Gallup Tracking": "Gallup",
    "GWU/Battleground": "Battleground",
    "Politico/George Washington University": "Battleground",
    "Politico/George Washington University/Battleground": "Battleground",
    "High Point Universtiy": "High Point University",
    "Hotline/FD Tracking": "Hotline/FD",
    "IBD/CSM/TIPP": "IBD/TIPP",
    "IBD/TIFF/Christian Science Monitor": "IBD/TIPP",
    "Investor's Business Daily/Christian Science Monitor/TIPP": "IBD/TIPP",
    "Investor's Business Daily/TIPP": "IBD/TIPP",
    "Insider Advantage": "InsiderAdvantage",
    "Reuters/Ipsos": "Ipsos/Reuters",
    "Reuters": "Ipsos/Reuters",
    "JZ Analytics/Washington Times": "JZ Analytics",
    "JZAnalytics": "JZ Analytics",
    "Washington Times/JZ Analytics": "JZ Analytics",
    "Zogby / JZAnalytics": "JZ Analytics",
    "MassInc": "MassINC",
    "McClatchy/Marist": "Marist",
    "NBC/Marist": "Marist",
    "NBC/WSJ/Marist": "Marist",
    "NY1/YNN-Marist": "Marist",
    "NBC/Wall St. Jrnl": "NBC/WSJ",
    "NBC/Wall Street Journal": "NBC/WSJ",
    "Pew Center": "Pew",
    "Public Policy Inst.": "PPIC",
    "Quinnipiac University": "Quinnipiac",
    "Rasmussen Reports": "Rasmussen",
    "Rasmussen Tracking": "Rasmussen",
    "FOX/Rasmussen": "Rasmussen",
    "Reuters/C-SPAN/Zogby": "Reuters/Zogby",
    "Selzer & Co.": "Selzer",
    "Selzer/Bloomberg": "Selzer",
    "Suffolk Univ.": "Suffolk University",
    "Survey USA": "SurveyUSA",
    "UConn/Courant": "UConn/Hartford Courant",
    "YouGov/The YouGov": "YouGov",
    "YouGov/YouGov": "YouGov",
    "Monmouth Univ.": "Monmouth University",
    "Monmouth University/SurveyUSA": "Monmouth University",
    "Monmouth/SurveyUSA/Braun": "Monmouth University",
    "Morning Call/Muhlenberg": "Muhlenberg College",
    "Allstate/National Journal": "National Journal",
    "United Technologies/National Journal": "National Journal",
    "Boston Globe/UNH": "University of New Hampshire",
    "Boston Globe/UNH/Cornell": "University of New Hampshire",
    "Granite State Poll - Univ. of NH": "University of New Hampshire",
    "University of NH": "University of New Hampshire",
}


def pollster_name(raw: pd.Series) -> pd.Series:
    """Whitespace collapsed, version tags ("(Expanded)*", "[permanent dead link]") and
    district notes removed, known aliases merged."""
    name = raw.str.replace(CD_ONLY, "", regex=True).str.replace(VERSION_TAG, "", regex=True)
    name = name.str.replace(r"\s+", " ", regex=True).str.strip()
    return name.replace(POLLSTER_ALIASES)
