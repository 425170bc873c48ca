"""The packages the wheel holds: every package under narrator/ as found on disk (none listed by
hand, so a new subpackage is never left out), plus narrator.phrasebook and narrator.templates,
whose folders pyproject.toml maps from the top of the repository (setuptools' `packages.find`
in pyproject.toml finds folders by their own names and cannot add these two). Everything else
is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["narrator", "narrator.*"]),
        "narrator.phrasebook",
        "narrator.templates",
    ]
)
