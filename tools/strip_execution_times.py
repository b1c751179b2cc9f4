"""Drop the execution timestamps nbconvert writes into each cell's metadata, so a
re-run that changes nothing leaves the notebooks byte-identical."""

import sys

import nbformat

for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
