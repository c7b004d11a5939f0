r"""The organisation as YAML text, fast, item by item, byte for byte what PyYAML writes.

orggraph's YAML is what ``yaml.dump(data, Dumper=CSafeDumper, allow_unicode=True,
sort_keys=False, width=100)`` gives (:func:`pyyaml_text`). PyYAML's representer is
Python and every call has a large fixed cost, so a million posts take minutes. This
module writes the same bytes itself for what is common -- mappings with string keys,
lists, plain strings, integers, booleans, None, short decimal floats -- and hands
PyYAML anything it is not sure of, one item at a time (a post, a unit, a top-level
key). The rules are the library's own (libyaml's ``yaml_emitter_analyze_scalar`` and
``write_plain_scalar``, PyYAML's implicit resolvers); a string goes the fast way only
when

* every character is printable to both emitters and no line break: ``\x20-\x7e``,
  ``\xa0-\ud7ff`` without ``\u2028``/``\u2029``, ``\ue000-\ufffd`` without
  ``\ufeff`` (so æ, ø, å and the other Latin letters, but no tab and no emoji);
* it does not start with an indicator or a space (``- ? : , [ ] { } # & * ! | > ' "
  % @``, backtick; ``-x`` too, which PyYAML would write plain), start with ``...``,
  end with a space or ``:``, or hold ``: `` or a space before ``#``;
* no implicit resolver reads it as something else (``yes``, ``No``, ``~``, ``null``,
  ``1e3`` is no float but ``1.5`` is, ``0x1F``, ``2026-01-01``, ``.inf``, ``<<``,
  ``=``; the resolvers are asked, not copied) -- or, when one does and the string has
  no space, it is written in single quotes as PyYAML then does (``'26'``,
  ``'2011-03-09'``: employee numbers and dates in HR exports);
* a key is at most 122 bytes long (longer, it may stop being a simple key); a value may be
  long: it is folded at a space beyond column 100 as PyYAML folds plain text.

Anything else -- another type, a str or dict subclass, a float such as ``1e+16``, a
string outside these rules -- makes the whole item go through PyYAML. Because PyYAML
writes a list under a top-level key without indenting it, the text of
``{"posts": [a, b]}`` is ``posts:`` followed by the texts of ``[a]`` and ``[b]``, so an
item's PyYAML text fits between fast ones unchanged (a test compares whole documents).

A list or mapping that appears twice in a document is written by PyYAML once, with an
anchor (``&id001``), and then as an alias (``*id001``). :func:`yaml_text` and
:func:`write_yaml` notice that and let PyYAML write the whole document; the streaming
writers (:func:`dump_yaml`, :func:`yaml_pieces`) keep nothing of what they wrote and
so write a shared list in full each time (the data read back is the same).

Examples
--------
>>> import orggraph
>>> data = orggraph.example().to_dict()
>>> yaml_text(data) == pyyaml_text(data)
True
>>> print(yaml_text({"id": "p1", "name": "pædagog", "holders": ["Ærø", "yes"]}), end="")
id: p1
name: pædagog
holders:
- Ærø
- 'yes'
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import yaml

from orggraph.progress import bar

__all__ = ["CHUNK", "WIDTH", "dump_yaml", "pyyaml_text", "slow_items", "write_yaml", "yaml_pieces", "yaml_text"]

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

WIDTH = 100
"""The column beyond which PyYAML folds a plain string at a space (``width=100``)."""

CHUNK = 1 << 16
"""About how many characters :func:`dump_yaml` gathers before each write."""

_STR_TAG = "tag:yaml.org,2002:str"
# The longest simple key: libyaml allows 128 bytes (yaml_emitter_check_simple_key); PyYAML's own
# emitter counts the implicit tag "!!str" too and wants less than 128 characters in all.
_MAX_KEY_BYTES = 122

_KNOWN = 4096  # strings remembered as plain, at most (then forgotten all at once)
_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ")  # a string starting with one of these is not written plain

# A character that libyaml or PyYAML's own emitter would not print as is (or that breaks a line):
# controls, tab, NEL, U+2028/9, surrogates, the BOM, U+FFFE/F, and every astral-plane character.
_UNPRINTABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")  # repr() of a finite float PyYAML writes as it is


def _fold(text: str, start: int, indent: int) -> str:
    """Plain ``text`` written from column ``start`` as PyYAML folds it, its further lines at ``indent``.

    libyaml breaks a plain line at a space that stands beyond column :data:`WIDTH` when
    neither the character before nor the one after is a space, and goes on at the scalar's
    indentation, two columns right of its mapping's keys or its list's dash
    (``yaml_emitter_write_plain_scalar``, ``yaml_emitter_increase_indent``; PyYAML's
    ``write_plain`` alike). ``text`` neither starts nor ends with a space.

    Examples
    --------
    >>> print(_fold("aaa bbb ccc", 95, 2))
    aaa bbb
      ccc
    """
    if start + len(text) <= WIDTH + 1:  # no character beyond column WIDTH
        return text
    lines = []
    begin, column = 0, start  # where the line's text begins, and its column
    space = text.find(" ")
    while space != -1:
        if column + space - begin > WIDTH and text[space - 1] != " " and text[space + 1] != " ":
            lines.append(text[begin:space])
            begin, column = space + 1, indent
        space = text.find(" ", space + 1)
    if not lines:
        return text
    lines.append(text[begin:])
    return ("\n" + " " * indent).join(lines)


class _UnsureError(Exception):
    """Raised by the fast writer for what it leaves to PyYAML."""


class _SharedError(Exception):
    """Raised when a list or mapping appears twice: PyYAML would write an anchor and an alias."""


class _TreeDumper(_DUMPER):  # type: ignore[misc]
    """PyYAML's dumper without anchors: what the streaming writers use for an item they cannot write."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def pyyaml_text(data: Any) -> str:
    """YAML text of any data as PyYAML writes it with orggraph's options (the reference of the fast writer).

    UTF-8 letters kept, keys in their order, folded at 100 columns:
    ``yaml.dump(data, Dumper=CSafeDumper, allow_unicode=True, sort_keys=False, width=100)``.

    Parameters
    ----------
    data : Any
        Mappings, lists and scalars.

    Returns
    -------
    str

    Examples
    --------
    >>> print(pyyaml_text({"name": "Ishøj", "ids": ["a", "b"], "tags": {1, 2}}), end="")
    name: Ishøj
    ids:
    - a
    - b
    tags: !!set
      1: null
      2: null
    """
    return _dump(data, _DUMPER)


def _dump(data: Any, dumper: Any) -> str:
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=WIDTH)
    return text


class _Writer:
    """The fast writer's state for one document: the resolvers asked, the keys seen, the containers met.

    With ``track``, every list and mapping written is noted by identity, and one met a second
    time raises :class:`_SharedError` (PyYAML would anchor it); the caller then lets PyYAML write
    the whole document. Without, nothing is kept from item to item.
    """

    def __init__(self, *, track: bool) -> None:
        resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = _DUMPER.yaml_implicit_resolvers
        self.wildcard = tuple(resolvers.get(None, ()))
        self.resolvers = {first: (*rules, *self.wildcard) for first, rules in resolvers.items() if first is not None}
        self.keys: dict[str, str] = {}  # key -> "key:", for the plain simple keys met
        self.known: dict[str, str] = {}  # strings met -> their text (folding aside): plain or 'quoted'
        self.track = track
        self.seen: set[int] = set()  # ids of the lists and mappings written (track=True)
        self.added: list[int] = []  # those of the current item, taken back when PyYAML writes it
        self.slowed: list[Any] | None = None  # the items PyYAML wrote, when asked (see slow_items)

    # -- scalars -------------------------------------------------------------------------------

    def plain(self, text: str) -> str:
        """How PyYAML writes ``text`` wherever it stands (folding aside); raises _UnsureError when unsure.

        ``text`` itself, or ``'text'`` for a string of no space that would be plain but for an
        implicit resolver (``'26'``, ``'2026-01-01'``, ``'yes'``): libyaml then chooses single
        quotes, which such a string allows (``yaml_emitter_select_scalar_style``), and without a
        space nothing can fold. The answer is remembered (up to :data:`_KNOWN` strings).
        """
        if text.isascii() and text.isalnum():  # letters and digits: printable, no indicator, no space
            if not self.resolvers.get(text[0], self.wildcard):
                return text  # like most ids; cheaper to check again than to remember
        elif (
            not text
            or text[0] in _FIRST
            or text[-1] in " :"
            or ": " in text
            or " #" in text
            or text.startswith("...")
            or not (text.isprintable() if text.isascii() else _UNPRINTABLE.search(text) is None)
        ):
            raise _UnsureError
        written = text
        for tag, rule in self.resolvers.get(text[0], self.wildcard):
            if rule.match(text):  # the first rule that matches decides, as in BaseResolver.resolve
                if tag != _STR_TAG:
                    if " " in text or "'" in text:
                        raise _UnsureError
                    written = f"'{text}'"
                break
        known = self.known
        if len(known) >= _KNOWN:
            known.clear()
        known[text] = written
        return written

    def scalar(self, value: Any) -> str:
        """Any scalar but a string (exact types only: PyYAML refuses subclasses); raises _UnsureError otherwise."""
        kind = type(value)
        if kind is bool:
            return "true" if value else "false"
        if kind is int:
            return str(value)
        if value is None:
            return "null"
        if kind is float:
            text = repr(value)
            if _FLOAT.fullmatch(text) is not None:
                return text
        raise _UnsureError

    def key(self, key: Any) -> str:
        """``key:`` for a plain simple key; raises _UnsureError for anything else."""
        if type(key) is not str or len(key.encode("utf-8", "surrogatepass")) > _MAX_KEY_BYTES:
            raise _UnsureError
        text = (self.known.get(key) or self.plain(key)) + ":"
        if len(self.keys) < _KNOWN:
            self.keys[key] = text
        return text

    # -- collections ---------------------------------------------------------------------------

    def enter(self, container: Any) -> None:
        """Note a list or mapping (track=True); raises _SharedError when it was met before."""
        ident = id(container)
        if ident in self.seen:
            raise _SharedError
        self.seen.add(ident)
        self.added.append(ident)

    def mapping(self, data: dict[Any, Any], indent: int, inline: bool, out: list[str]) -> None:
        """The lines of a non-empty mapping whose keys stand at ``indent`` (the first after ``- `` if inline)."""
        pad = " " * indent
        lead = "" if inline else pad
        keys = self.keys
        known = self.known
        for key, value in data.items():
            text = keys.get(key)
            if text is None or type(key) is not str:
                text = self.key(key)
            kind = type(value)
            if kind is str:  # the common case, inlined: a known string that does not fold
                written = known.get(value) or self.plain(value)
                start = indent + len(text) + 1
                if start + len(value) > WIDTH + 1:
                    written = _fold(written, start, indent + 2)
                out.append(f"{lead}{text} {written}\n")
            elif kind is list or kind is tuple:
                if self.track and (value or kind is list):
                    self.enter(value)
                if value:
                    out.append(f"{lead}{text}\n")
                    self.sequence(value, indent, False, out)  # PyYAML does not indent a list in a mapping
                else:
                    out.append(f"{lead}{text} []\n")
            elif kind is dict:
                if self.track:
                    self.enter(value)
                if value:
                    out.append(f"{lead}{text}\n")
                    self.mapping(value, indent + 2, False, out)
                else:
                    out.append(f"{lead}{text} {{}}\n")
            else:
                out.append(f"{lead}{text} {self.scalar(value)}\n")
            lead = pad

    def sequence(self, items: list[Any] | tuple[Any, ...], indent: int, inline: bool, out: list[str]) -> None:
        """The lines of a non-empty list whose dashes stand at ``indent`` (the first after ``- `` if inline)."""
        pad = " " * indent
        lead = "" if inline else pad
        for value in items:
            self.item(value, lead, indent + 2, out)
            lead = pad

    def item(self, value: Any, lead: str, inner: int, out: list[str]) -> None:
        """One ``- value`` of a list, ``lead`` before the dash, its content from column ``inner``."""
        kind = type(value)
        if kind is str:
            written = self.known.get(value) or self.plain(value)
            if inner + len(value) > WIDTH + 1:
                written = _fold(written, inner, inner)
            out.append(f"{lead}- {written}\n")
        elif kind is dict:
            if self.track:
                self.enter(value)
            if value:
                out.append(f"{lead}- ")
                self.mapping(value, inner, True, out)
            else:
                out.append(f"{lead}- {{}}\n")
        elif kind is list or kind is tuple:
            if self.track and (value or kind is list):
                self.enter(value)
            if value:
                out.append(f"{lead}- ")
                self.sequence(value, inner, True, out)
            else:
                out.append(f"{lead}- []\n")
        else:
            out.append(f"{lead}- {self.scalar(value)}\n")

    # -- what PyYAML writes instead ------------------------------------------------------------

    def slow(self, data: Any, part: Any) -> str:
        """PyYAML's text of ``data``, a one-item list or one-key mapping around ``part`` of the document."""
        if self.slowed is not None:
            self.slowed.append(part)
        if not self.track:
            return _dump(data, _TreeDumper)
        for ident in self.added:  # what the fast attempt noted of ``part`` before it gave up
            self.seen.discard(ident)
        self.added.clear()
        self.register(part)
        return _dump(data, _DUMPER)

    def register(self, data: Any) -> None:
        """Note every object in ``data`` that PyYAML anchors when met twice (``SafeRepresenter.ignore_aliases``)."""
        stack = [data]
        while stack:
            value = stack.pop()
            if value is None or isinstance(value, (str, bytes, bool, int, float)):
                continue
            if isinstance(value, tuple) and value == ():
                continue
            self.enter(value)
            if isinstance(value, dict):
                stack.extend(value.keys())
                stack.extend(value.values())
            elif isinstance(value, (list, tuple, set, frozenset)):
                stack.extend(value)

    # -- a document ------------------------------------------------------------------------------

    def pieces(self, data: Any, *, streams: bool) -> Iterator[tuple[str, bool]]:
        """``(text, is_item)`` for each top-level key and each item of a top-level list, in order.

        ``data`` is a mapping or a list. With ``streams``, a top-level value that is an iterable
        (a generator, say) but no string, mapping or set is written as a list, item by item.
        """
        if not isinstance(data, Mapping):
            if self.track:
                self.enter(data)
            yield from self.items(data)
            return
        for key, value in data.items():
            self.added.clear()
            head = self.keys.get(key) if type(key) is str else None
            if head is None:
                try:
                    head = self.key(key)
                except _UnsureError:
                    head = None
            if not _is_list(value, streams=streams):
                out: list[str] = []
                try:
                    if head is None:
                        raise _UnsureError
                    self.mapping({key: value}, 0, False, out)  # the one-key mapping is not the document's
                    text = "".join(out)
                except _UnsureError:
                    text = self.slow({key: value}, value)
                yield text, True
                continue
            if self.track and (value or type(value) is list):
                self.enter(value)
            items = iter(value)
            first = next(items, _END)
            if first is _END or head is None:  # empty, or a key PyYAML quotes: PyYAML writes it all
                whole = value if type(value) in (list, tuple) else [] if first is _END else [first, *items]
                yield (f"{head} []\n" if head is not None else self.slow({key: whole}, whole)), True
                continue
            yield f"{head}\n", False
            yield from self.items(_chain(first, items))

    def items(self, items: Iterable[Any]) -> Iterator[tuple[str, bool]]:
        """``(text, True)`` for each item of a list at column 0."""
        for item in items:
            self.added.clear()
            out: list[str] = []
            try:
                self.item(item, "", 2, out)
                text = "".join(out)
            except _UnsureError:
                text = self.slow([item], item)
            yield text, True


_END = object()


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _is_list(value: Any, *, streams: bool) -> bool:
    """Whether a top-level value is written item by item: a list or tuple, or with ``streams`` any iterable."""
    kind = type(value)
    if kind is list or kind is tuple:
        return True
    return (
        streams
        and isinstance(value, Iterable)
        and not isinstance(value, (str, bytes, bytearray, Mapping, set, frozenset))
    )


def _fast(data: Any) -> bool:
    """Whether the fast writer takes ``data`` at all: a non-empty dict, list or tuple."""
    return type(data) in (dict, list, tuple) and bool(data)


def yaml_text(data: Any) -> str:
    r"""YAML text of plain data as orggraph writes it: UTF-8 letters kept, keys in their order, 100 columns.

    Byte for byte :func:`pyyaml_text` of ``data``, written by the fast writer where it can
    (see the module docstring) and by PyYAML where it cannot.

    Parameters
    ----------
    data : Any
        Mappings, lists and scalars.

    Returns
    -------
    str

    Examples
    --------
    >>> print(yaml_text({"name": "Ishøj", "ids": ["a", "b"], "on": True, "at": "2026-01-01"}), end="")
    name: Ishøj
    ids:
    - a
    - b
    'on': true
    at: '2026-01-01'
    >>> shared = ["a"]
    >>> print(yaml_text({"x": shared, "y": shared}), end="")  # PyYAML's anchor and alias
    x: &id001
    - a
    y: *id001
    """
    if _fast(data):
        try:
            return "".join(text for text, _ in _Writer(track=True).pieces(data, streams=False))
        except _SharedError:
            pass
    return pyyaml_text(data)


def yaml_pieces(data: Mapping[str, Any]) -> Iterator[str]:
    r"""The YAML text of a document in pieces: each top-level key, then each item of its list.

    The pieces are made one at a time and nothing is kept between them, so a top-level
    value may be any iterable (a generator too), written as a list. Joined, they are
    :func:`yaml_text` of the document, unless a list or mapping appears in it twice (where
    PyYAML writes an anchor and an alias, the pieces repeat it in full).

    Parameters
    ----------
    data : Mapping
        The document as :meth:`orggraph.Org.to_dict` gives it.

    Yields
    ------
    str
        Pieces whose concatenation is :func:`yaml_text` of ``data``.

    Examples
    --------
    >>> list(yaml_pieces({"orggraph": 1, "posts": [{"id": "a"}, {"id": "b"}]}))
    ['orggraph: 1\n', 'posts:\n', '- id: a\n', '- id: b\n']
    >>> list(yaml_pieces({"posts": ({"id": f"p{i}"} for i in range(2))}))
    ['posts:\n', '- id: p0\n', '- id: p1\n']
    """
    for text, _ in _Writer(track=False).pieces(data, streams=True):
        yield text


def slow_items(data: Mapping[str, Any]) -> list[Any]:
    """The items of a document that the fast writer leaves to PyYAML: a diagnostic for tests and benchmarks.

    An item is a top-level value, or an item of a top-level list; see the module
    docstring for what makes the writer unsure.

    Parameters
    ----------
    data : Mapping
        The document.

    Returns
    -------
    list
        The items, in document order.

    Examples
    --------
    >>> slow_items({"posts": [{"id": "p1"}, {"id": "a: b"}, {"id": "p3", "fte": 1e-05}, {"id": "yes"}]})
    [{'id': 'a: b'}, {'id': 'p3', 'fte': 1e-05}]
    """
    writer = _Writer(track=False)
    writer.slowed = []
    for _ in writer.pieces(data, streams=True):
        pass
    return writer.slowed


def _total(data: Mapping[Any, Any], totals: Mapping[Any, int] | None) -> int | None:
    """The number of items a bar over ``data`` counts, None when an iterable's length is unknown."""
    if not isinstance(data, Mapping):  # a list: its items
        return len(data) if hasattr(data, "__len__") else None
    total = 0
    for key, value in data.items():
        if not _is_list(value, streams=True):
            total += 1
        elif hasattr(value, "__len__"):
            total += len(value) or 1
        elif totals is not None and key in totals:
            total += totals[key] or 1
        else:
            return None
    return total


def write_yaml(
    data: Mapping[str, Any], path: str | os.PathLike[str] | None = None, *, progress: bool | None = False
) -> str:
    r"""The YAML text of a document (:func:`yaml_text`); written to ``path`` too, when given.

    The text is kept and returned; to write a large document without keeping it, or
    one whose lists are generators, use :func:`dump_yaml`.

    Parameters
    ----------
    data : Mapping
        The document as :meth:`orggraph.Org.to_dict` gives it.
    path : str or os.PathLike, optional
        The file to write (UTF-8).
    progress : bool or None, default False
        A bar over the items written (None: only when stderr is a terminal).

    Returns
    -------
    str
        The whole text.

    Raises
    ------
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> write_yaml({"organisation": {"id": "x", "name": "X"}})
    'organisation:\n  id: x\n  name: X\n'
    """
    total = _total(data, None)
    with bar(total, desc="writing YAML", unit="item", enabled=progress) as steps:
        pieces: list[str] = []
        try:
            for piece, is_item in _Writer(track=True).pieces(data, streams=False):
                pieces.append(piece)
                if is_item:
                    steps.update(1)
            text = "".join(pieces)
        except _SharedError:
            text = pyyaml_text(data)
            steps.update((total or 0) - steps.n)
    if path is not None:
        with open(path, "w", encoding="utf-8") as handle:
            for start in range(0, len(text), CHUNK):
                handle.write(text[start : start + CHUNK])
    return text


def dump_yaml(
    data: Mapping[str, Any],
    target: str | os.PathLike[str] | IO[str],
    *,
    progress: bool | None = False,
    totals: Mapping[str, int] | None = None,
) -> int:
    r"""Write a document as YAML to a file as it is made, keeping no more than a chunk of its text.

    The text is :func:`yaml_text`'s, written in chunks of about :data:`CHUNK`
    characters. A top-level value may be any iterable of items -- a generator too -- so
    a caller can stream a million posts it makes one by one: ``{"orggraph": 1,
    "posts": (post(row) for row in rows)}``. A list or mapping that appears twice is
    written in full each time (PyYAML would write an anchor and an alias; the data
    read back is the same).

    Parameters
    ----------
    data : Mapping
        The document: :meth:`orggraph.Org.to_dict`'s shape, any top-level value an iterable.
    target : str, os.PathLike or text file
        A path (written as UTF-8, replaced) or an open text handle (written to, not closed).
    progress : bool or None, default False
        A bar over the items written (None: only when stderr is a terminal).
    totals : Mapping, optional
        The number of items of a top-level iterable without ``len()``, by key, for the
        bar's total; without it such a bar counts without a total.

    Returns
    -------
    int
        The number of characters written.

    Raises
    ------
    OSError
        If the file cannot be written.
    ValueError
        If the document contains itself (a list inside itself, say).

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> posts = ({"id": f"p{i}", "name": "pædagog"} for i in range(2))
    >>> dump_yaml({"orggraph": 1, "posts": posts}, out)
    69
    >>> print(out.getvalue(), end="")
    orggraph: 1
    posts:
    - id: p0
      name: pædagog
    - id: p1
      name: pædagog
    """
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8") as handle:
            return _stream(data, handle, progress=progress, totals=totals)
    return _stream(data, target, progress=progress, totals=totals)


def _stream(
    data: Mapping[str, Any], handle: IO[str], *, progress: bool | None, totals: Mapping[str, int] | None
) -> int:
    written = 0
    buffer: list[str] = []
    size = 0
    items = 0
    with bar(_total(data, totals), desc="writing YAML", unit="item", enabled=progress) as steps:
        try:
            for piece, is_item in _Writer(track=False).pieces(data, streams=True):
                buffer.append(piece)
                size += len(piece)
                items += is_item
                if size >= CHUNK:
                    handle.write("".join(buffer))
                    buffer.clear()
                    written += size
                    size = 0
                    steps.update(items)
                    items = 0
        except RecursionError as error:
            raise ValueError(
                "the document contains itself (a list or mapping inside itself) and cannot be written as YAML"
            ) from error
        handle.write("".join(buffer))
        steps.update(items)
    return written + size
