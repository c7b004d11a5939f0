"""Citations as text: which sentence of which document a fact rests on.

Examples
--------
>>> import orggraph
>>> org = orggraph.example()
>>> format_citation(org.graph.nodes["ceo"]["source"], org.graph.graph["sources"])
"Acme staff handbook, 1. Structure: 'The Chief Executive answers to the Chair.'"
"""

from __future__ import annotations

from collections.abc import Mapping

from orggraph.schema import Citation, Source

__all__ = ["format_citation"]


def format_citation(citation: Citation | None, sources: Mapping[str, Source]) -> str:
    """One line naming the document, the section and the quote of a citation.

    Parameters
    ----------
    citation : Citation or None
        The citation; None gives ``"no source"``.
    sources : mapping of str to Source
        The organisation's sources by id (``org.graph.graph["sources"]``).

    Returns
    -------
    str
        E.g. ``"Roskilde memo, 8. Personaleadministrativ kompetencefordeling: '...'"``.

    Examples
    --------
    >>> from orggraph.schema import Citation, Section, Source
    >>> src = {"memo": Source(id="memo", title="Memo", sections=(Section(id="s8", title="8. Staff"),))}
    >>> format_citation(Citation(document="memo", section="s8", quote="hires"), src)
    "Memo, 8. Staff: 'hires'"
    >>> format_citation(None, src)
    'no source'
    """
    if citation is None:
        return "no source"
    source = sources.get(citation.document)
    text = source.title if source is not None else citation.document
    if citation.section is not None:
        title = _section_title(source, citation.section) if source is not None else None
        text += ", " + (title if title is not None else citation.section)
    if citation.quote is not None:
        text += f": {citation.quote!r}"
    return text


_TITLES: dict[int, tuple[Source, dict[str, str]]] = {}


def _section_title(source: Source, section: str) -> str | None:
    """The title of a section, from the titles of the source's sections made once per source object."""
    held = _TITLES.get(id(source))
    if held is None or held[0] is not source:
        if len(_TITLES) > 1024:
            _TITLES.clear()
        held = _TITLES[id(source)] = (source, {s.id: s.title for s in source.sections})
    return held[1].get(section)
