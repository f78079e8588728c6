"""Request bodies, validated by pydantic at the edge (module level, so FastAPI can resolve
their annotations)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from electoral import data

#: A state or DC by postal code, or a Maine/Nebraska district (``"NE-2"``).
UNIT_PATTERN = r"^[A-Z]{2}(-[1-9])?$"
Unit = Annotated[str, StringConstraints(pattern=UNIT_PATTERN, to_upper=True, strip_whitespace=True)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=100, strip_whitespace=True)]
MAX_UNITS = 60  # 50 states, DC and five districts, with room to spare


def _upper_keys(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k).strip().upper(): x for k, x in v.items()}
    return v


class ScenarioSpec(BaseModel):
    """A scenario of the interactive map: a base year's returns, flips and tossups."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"base": 2024, "flips": {"PA": "Kamala Harris", "GA": "DEM"}, "tossups": ["AZ"]}
            ]
        },
    )

    base: int = Field(
        2024, description="Year whose returns (1976-2024) and rules the scenario starts from."
    )
    flips: dict[Unit, Name] = Field(
        default_factory=dict,
        max_length=MAX_UNITS,
        description="Units given to a candidate (full name, last name, or party: DEM, REP).",
    )
    tossups: list[Unit] = Field(
        default_factory=list, max_length=MAX_UNITS, description="Units left undecided."
    )
    title: str | None = Field(None, max_length=200, description="A name for the scenario.")

    @field_validator("flips", mode="before")
    @classmethod
    def _keys(cls, v: Any) -> Any:
        return _upper_keys(v)

    @field_validator("base")
    @classmethod
    def _base(cls, v: int) -> int:
        years = data.returns_years()
        if v not in years:
            raise ValueError(
                f"no returns for {v}: a scenario starts from a year with returns "
                f"({years[0]}-{years[-1]}, every fourth year)"
            )
        return v


class TallyRequest(BaseModel):
    """Returns posted as JSON rows (the CSV's columns as keys)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "year": 2020,
                    "rows": [
                        {"state": "PA", "candidate": "Joe Biden", "votes": 3458229},
                        {"state": "PA", "candidate": "Donald Trump", "votes": 3377674},
                    ],
                }
            ]
        },
    )

    year: int = Field(2024, description="Rules and electors of this year.")
    rows: list[dict[str, str | int | float | None]] = Field(
        ..., max_length=20_000, description="state, candidate, votes[, party] per row."
    )
    faithless: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list,
        max_length=100,
        description="Faithless electors as state:from:to:count (e.g. TX:Trump:Kasich:1).",
    )
