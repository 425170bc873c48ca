"""narrator's own data files (the bundled phrasebook, template and vocabulary), found beside the
modules of the package that holds them.

`importlib.resources.files` finds the same files through its readers, which import tempfile,
shutil, random and the compression modules (about 8 ms of CPU, a fortieth of a warm sample
build) for files that are plain files beside the modules in a source checkout, an editable
install and an installed wheel alike. A package without a file of its own (a namespace package)
is left to importlib.resources.
"""

from __future__ import annotations

import importlib
from pathlib import Path


def package_file(package: str, name: str) -> Path:
    """The data file `name` of the package `package` ("narrator.phrasebook", "en-GB.yaml")."""
    module = importlib.import_module(package)
    if module.__file__ is None:
        from importlib.resources import files

        return Path(str(files(package) / name))
    return Path(module.__file__).parent / name
