#!/usr/bin/env python3
"""Validate RDF files against SHACL shapes.

Usage: validate_shacl.py SHAPES DATA...

Each DATA file is read by its extension (.nq N-Quads, .trig TriG, .ttl
Turtle, .nt N-Triples, .jsonld JSON-LD, .rdf/.xml/.owl RDF/XML) and validated
on its own; the graphs of a quad format are merged into one graph first, so a
document's graph and the shared graph frus-ld writes beside it are checked
together. The report of each file is printed. Exit status: 0 when every file
conforms, 1 when one does not (or cannot be read), 2 on a usage error or
unreadable shapes.

Needs pyshacl (pip install pyshacl), which brings rdflib.
"""

import sys
from pathlib import Path

try:
    from pyshacl import validate
    from rdflib import Dataset, Graph
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write("validate_shacl.py needs pyshacl: pip install pyshacl\n")
    sys.exit(2)

FORMATS = {
    ".nq": "nquads",
    ".nquads": "nquads",
    ".trig": "trig",
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}
QUAD_FORMATS = {"nquads", "trig", "json-ld"}


def rdf_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF extension {path.suffix!r}")
    return fmt


def read_graph(path: Path) -> Graph:
    """The triples of a file; for a quad format, all its graphs merged."""
    fmt = rdf_format(path)
    if fmt not in QUAD_FORMATS:
        graph = Graph()
        graph.parse(path, format=fmt)
        return graph
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    merged = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    shapes_path = Path(argv[1])
    try:
        shapes = read_graph(shapes_path)
    except Exception as err:  # noqa: BLE001 - report any parse failure
        sys.stderr.write(f"{shapes_path}: cannot read shapes: {err}\n")
        return 2

    failed = 0
    broken = 0
    for name in argv[2:]:
        path = Path(name)
        try:
            data = read_graph(path)
        except Exception as err:  # noqa: BLE001
            print(f"{path}: cannot read: {err}")
            broken += 1
            continue
        conforms, _report_graph, report_text = validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
        )
        status = "conforms" if conforms else "does NOT conform"
        print(f"== {path} ({len(data)} triples): {status}")
        print(report_text.rstrip())
        if not conforms:
            failed += 1

    total = len(argv) - 2
    print(f"{total - failed - broken} of {total} files conform")
    return 0 if failed == 0 and broken == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
