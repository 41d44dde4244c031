"""Settings the metrics use: the จปฐ. line, targets, and the 5 ก member threshold."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from data_loaders.contract.settings import DEFAULT_TARGETS, Targets, jpt_lines, targets


@dataclass(frozen=True, slots=True)
class MetricSettings:
    """Configurable assumptions: values the programme may change, not facts of the data.

    ``jpt_default``: the จปฐ. basic-minimum-needs income line, baht per person per year
    (38,000 for the 2560–2564 survey period). ``jpt_by_year``: (fiscal year BE, line) pairs
    that override it. ``group_min_members``: members a group needs for the first ก of 5 ก.
    ``min_households_to_judge``: a district with fewer households surveyed after training is
    listed apart in a ranking, "too few to judge" (:func:`metrics.comparisons.district_ranking`).
    """

    jpt_default: float = 38_000.0
    jpt_by_year: tuple[tuple[int, float], ...] = field(default=())
    group_min_members: int = 5
    households_target: int = DEFAULT_TARGETS.households_per_village
    trainers_target: int = DEFAULT_TARGETS.trainers_per_village
    min_households_to_judge: int = 20

    def params(self) -> dict[str, Any]:
        return {
            "jpt_default": self.jpt_default,
            "jpt_years": [year for year, _ in self.jpt_by_year],
            "jpt_lines": [line for _, line in self.jpt_by_year],
            "group_min_members": self.group_min_members,
            "households_target": self.households_target,
            "trainers_target": self.trainers_target,
        }


DEFAULT_SETTINGS = MetricSettings()


def from_targets(found: Targets) -> MetricSettings:
    """The defaults, with the programme targets of ``found``."""
    return MetricSettings(
        households_target=found.households_per_village, trainers_target=found.trainers_per_village
    )


def current() -> MetricSettings:
    """The settings in force: the defaults with the targets the environment sets
    (``SAMMACHIP_TARGET_HOUSEHOLDS``, ``SAMMACHIP_TARGET_TRAINERS``, and the จปฐ. line from
    ``SAMMACHIP_JPT_LINE``: :func:`data_loaders.contract.settings.jpt_lines`; read when called, as the
    import's warnings read them), so the metrics, the pages, the exports and the import agree.
    A malformed value is refused with a message (:func:`data_loaders.contract.settings.targets`)."""
    found = targets()
    default, by_year = jpt_lines()
    settings = DEFAULT_SETTINGS if found == DEFAULT_TARGETS else from_targets(found)
    if default is None and not by_year:
        return settings
    return replace(settings, jpt_default=default or settings.jpt_default, jpt_by_year=by_year)


def jpt_line(settings: MetricSettings, fiscal_year: int | None) -> float:
    """The จปฐ. line (baht per person per year) of ``fiscal_year`` under ``settings``."""
    return dict(settings.jpt_by_year).get(fiscal_year or 0, settings.jpt_default)
