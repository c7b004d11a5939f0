"""orggraph's YAML writer gives, byte for byte, the text of one PyYAML dump of the whole document.

The reference is ``yaml.dump(data, Dumper=CSafeDumper, allow_unicode=True, sort_keys=False,
width=100)``, called here directly (not through the module under test). The fast writer must
equal it on any plain data: the property tests draw documents shaped like ``Org.to_dict()``
from an alphabet full of what YAML treats specially, at every depth and near the fold column.
"""

from __future__ import annotations

import io
import itertools
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orggraph
from orggraph import datasets, importers
from orggraph.exporters.yaml_out import (
    dump_yaml,
    pyyaml_text,
    slow_items,
    write_yaml,
    yaml_pieces,
    yaml_text,
)
from tests.strategies import documents

ROOT = Path(__file__).resolve().parent.parent


def whole(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return text


def streamed(data: Any) -> str:
    out = io.StringIO()
    count = dump_yaml(data, out)
    assert count == len(out.getvalue())
    return out.getvalue()


# -- what the writer is given ----------------------------------------------------------------

# Strings YAML reads as something else, or writes quoted, folded or escaped, and their near misses.
_WORDS = """
yes Yes YES no No NO on On ON off Off OFF true True TRUE false False FALSE y n Y N
~ null Null NULL << = ! & * | > % @ ` # , [ ] { } ? : -
1 -1 +1 0 01 017 0o17 0b101 0x1F 1_000 1e3 1E3 1.5 -1.5 1. .5 1.0e+16 1e-05 .inf -.inf .nan .NaN
2026-01-01 2026-1-1 1:20 12:30:00 190:20:30 1:2:3.5 2026-01-01T10:00:00Z
--- ... ---x ...x -x ?x :x x: x:y x#y #x [x] {x} x,y @x `x %x 'x' "x" x' x" <<x =x ~x
"""
SPECIAL = [
    *_WORDS.split(),
    "",
    " ",
    " x",
    "x ",
    "x  y",
    "- x",
    "? x",
    ": x",
    "x: y",
    "x #y",
    "x # y",
    "a\tb",
    "a\nb",
    "a\n",
    "a\rb",
    "a\x85b",
    "a\u2028b",
    "a\u2029b",
    "\ufeffx",
    "x\xa0y",
    "x\u200by",
    "\ue000x",
    "x\ufffd",
    "😀",
    "x\x00y",
    "x\x7fy",
    "x\x9fy",
    "2026-01-01 10:00:00",
    "Ærø",
    "Æble",
    "Øster Ørsted",
    "Åbenrå",
    "æøå ÆØÅ",
    "Team Børn og Unge 7663",
    "Social- og sundhedshjælper",
    "Ishøj Kommune",
    "Łódź",
    "Œuvre",
    "ĳssel",
    "Ñandú",
    "straße",
    "Nej",
    "Ja",
]
CHARS = (
    string.ascii_letters[:12]
    + string.digits[:4]
    + string.punctuation
    + " " * 6
    + "\t\n\r\x00\x7f\x85\x9f\xa0æøåÆØÅéüßñĳŁőŒ\u2028\u2029\u200b\ufeff\ufffd\ue000\ud7ff中😀"
)
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(alphabet=CHARS, max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    st.tuples(st.sampled_from(SPECIAL), st.text(alphabet=CHARS, max_size=4), st.sampled_from(SPECIAL)).map("".join),
)
WORD = st.text(alphabet="abcæøåÆØÅdefXYZ0129-.,:#'", min_size=1, max_size=14)
# Lines of words with single spaces, from a little short of the fold column to well beyond it.
LONG = st.lists(WORD, min_size=4, max_size=30).map(" ".join).filter(lambda s: 40 <= len(s) <= 180)
# The same with words YAML writes plain: what decides whether such a line is folded is its length.
CLEAN_LONG = (
    st.lists(st.text(alphabet="abcæøåÆØÅdefXYZ0129", min_size=1, max_size=14), min_size=4, max_size=30)
    .map(" ".join)
    .filter(lambda s: 40 <= len(s) <= 180)
)
KEYS = st.one_of(
    st.sampled_from(["id", "name", "unit", "holders", "reports_to", "top", "description", "source", "members"]),
    TEXT,
    st.text(alphabet="abcdefgh_", min_size=120, max_size=140),  # about where a key stops being simple
)
SCALARS = st.one_of(
    TEXT,
    LONG,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)


def values(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=3).map(tuple),
        st.dictionaries(KEYS, children, max_size=4),
    )


NESTED = st.recursive(SCALARS, values, max_leaves=24)


@st.composite
def deep(draw: st.DrawFn) -> Any:
    """A value under 1-30 levels of one-key mappings and one-item lists: long lines far to the right."""
    value = draw(st.one_of(LONG, NESTED))
    for _ in range(draw(st.integers(min_value=1, max_value=30))):
        value = {draw(KEYS): value} if draw(st.booleans()) else [value, *draw(st.lists(SCALARS, max_size=2))]
    return value


@st.composite
def plain_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A document shaped like ``Org.to_dict()``: scalars, a mapping and lists of items at the top."""
    item = st.one_of(NESTED, deep(), st.dictionaries(KEYS, st.one_of(SCALARS, NESTED), max_size=6))
    document: dict[str, Any] = {"orggraph": 1, "organisation": draw(st.dictionaries(KEYS, NESTED, max_size=4))}
    document.update(draw(st.dictionaries(KEYS, st.one_of(st.lists(item, max_size=5), SCALARS, deep()), max_size=5)))
    return document


DANISH = [
    "pædagog",
    "Pædagogmedhjælper",
    "Social- og sundhedshjælper",
    "Social- og sundhedsassistent",
    "Sygeplejerske",
    "Økonomikonsulent",
    "Afdelingsleder",
    "Skoleleder",
    "Tandlæge",
    "Rengøringsassistent",
    "Vej og Park",
    "Ældreplejen Øst",
    "Åbent Værksted",
    "Kommunaldirektør",
    "Børnehaveklasseleder",
]


def hr_posts(n: int) -> Iterator[dict[str, Any]]:
    """HR-like posts: ids, Danish words and unit names with numbers, a few tops -- nothing YAML treats specially."""
    for index in range(n):
        post: dict[str, Any] = {
            "id": f"p{index}",
            "name": DANISH[index % len(DANISH)],
            "unit": f"Team {DANISH[index * 7 % len(DANISH)]} {index % 9000}",
            "holders": [DANISH[index * 3 % len(DANISH)]] * (index % 3),
        }
        if index < 3:
            post["top"] = True
        else:
            post["reports_to"] = f"p{index // 7}"
            post["headcount"] = index % 20
        yield post


# -- the properties --------------------------------------------------------------------------

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(plain_documents())
def test_random_documents_are_written_as_pyyaml_writes_them(data: dict[str, Any]) -> None:
    expected = whole(data)
    assert yaml_text(data) == expected
    assert "".join(yaml_pieces(data)) == expected
    assert streamed(data) == expected


@PROPERTY
@given(st.one_of(NESTED, deep(), st.lists(NESTED, max_size=5)))
def test_any_plain_value_is_written_as_pyyaml_writes_it(data: Any) -> None:
    assert yaml_text(data) == whole(data)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=40), st.integers(min_value=1, max_value=30), st.one_of(CLEAN_LONG, LONG))
def test_lines_near_the_fold_column_are_written_as_pyyaml_writes_them(indent: int, key: int, text: str) -> None:
    data: Any = {"k" * key: text}
    for _ in range(indent // 2):
        data = {"n": data}
    document = {"posts": [data, [text], {"x": [text]}]}
    assert yaml_text(document) == whole(document)
    assert streamed(document) == whole(document)


@pytest.mark.parametrize("levels", [0, 1, 3])
def test_a_line_is_folded_from_a_space_beyond_column_100(levels: int) -> None:
    """In ``- n:`` ``n:`` ... ``k: text``, ``k`` stands at column 2 + 2 per level and the text 3 further (0-based).

    libyaml breaks a plain line at a space that stands beyond column 100 and goes on two
    columns right of the key; the fast writer folds it alike.
    """
    start = 2 + 2 * levels + 3
    last = 100 - start  # the index of a space that stands at column 100
    unfolded = "ø" * last + " " + "x" * 20  # its one space at column 100: one line
    folded = "ø" * (last + 1) + " " + "x" * 20  # at column 101: PyYAML breaks the line there
    assert unfolded.rfind(" ") == last
    assert folded.rfind(" ") == last + 1
    for text, lines in ((unfolded, 1), (folded, 2)):
        data: Any = {"k": text}
        for _ in range(levels):
            data = {"n": data}
        document = {"posts": [data]}
        assert yaml_text(document) == whole(document)
        assert len(whole(document).splitlines()) == 1 + levels + lines
        assert whole(document).endswith(" " * (start - 1) + "x" * 20 + "\n" if lines == 2 else "x" * 20 + "\n")
        assert slow_items(document) == []


@settings(max_examples=40, deadline=None)
@given(documents(max_posts=8))
def test_random_organisations_dump_alike_in_pieces(data: dict[str, Any]) -> None:
    data = orggraph.from_dict(data).to_dict()
    assert write_yaml(data) == whole(data)
    assert streamed(data) == whole(data)


# -- real documents take the fast way ---------------------------------------------------------


def _floats(data: Any) -> Iterator[float]:
    if isinstance(data, float):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _floats(value)
    elif isinstance(data, list):
        for value in data:
            yield from _floats(value)


def _needs_pyyaml(item: Any) -> bool:
    """Whether PyYAML writes something of ``item`` other than plain or in simple single quotes.

    Read back from PyYAML's own text, independently of the writer's rules: the scanner's tokens
    tell each scalar's style (plain, folded or not; single quotes around a string without a space
    or quote); a float counts when PyYAML's text of it is not ``repr``.
    """
    tokens = list(yaml.scan(whole([item])))
    if any(isinstance(token, yaml.TagToken) for token in tokens):
        return True
    scalars = [token for token in tokens if isinstance(token, yaml.ScalarToken)]
    for token in scalars:
        if not token.plain and (token.style != "'" or " " in token.value or "'" in token.value):
            return True
    return any(whole([number]) != f"- {number!r}\n" for number in _floats(item))


@pytest.mark.parametrize(
    "org", [orggraph.example(), datasets.ishoj(), datasets.roskilde()], ids=["example", "ishoj", "roskilde"]
)
def test_seed_documents_fall_back_only_for_items_pyyaml_quotes_or_folds(org: orggraph.Org) -> None:
    data = org.to_dict()
    assert yaml_text(data) == whole(data)
    slow = slow_items(data)
    items = [item for value in data.values() for item in (value if isinstance(value, list) and value else [value])]
    assert [item for item in items if _needs_pyyaml(item)] == slow  # what falls back is exactly what must
    assert orggraph.loads(org.to_yaml()) == org


def test_hr_posts_of_plain_danish_words_never_fall_back() -> None:
    data = {"orggraph": 1, "posts": list(hr_posts(3000))}
    assert slow_items(data) == []
    assert yaml_text(data) == whole(data)
    assert streamed({"orggraph": 1, "posts": hr_posts(3000)}) == whole(data)


def test_an_unusual_string_sends_only_its_own_item_to_pyyaml() -> None:
    posts = list(hr_posts(5))
    posts[2]["name"] = "Børn & Unge: Øst"
    posts[3]["unit"] = "Team\tBørn"
    posts[4]["fte"] = 1e-5
    data = {"orggraph": 1, "posts": posts}
    assert slow_items(data) == posts[2:]
    assert yaml_text(data) == whole(data)
    assert "- id: p2\n  name: 'Børn & Unge: Øst'\n" in yaml_text(data)


def test_numbers_dates_and_words_yaml_would_read_otherwise_are_quoted_the_fast_way() -> None:
    """Employee numbers and dates as strings, as HR exports have them: PyYAML single-quotes them."""
    post = {"id": "20423", "start": "2011-03-09", "name": "yes", "grade": "1.5", "note": "~", "x": "<<", "26": "Nej"}
    data = {"posts": [post, {**post, "id": "0x1F", "name": "No", "grade": ".inf"}]}
    assert slow_items(data) == []
    assert yaml_text(data) == whole(data)
    assert "- id: '20423'\n  start: '2011-03-09'\n  name: 'yes'\n" in yaml_text(data)
    assert "\n  '26': Nej\n" in yaml_text(data)


# -- the whole document, the pieces and the stream --------------------------------------------


@pytest.mark.parametrize(
    "org",
    [
        orggraph.example(),
        orggraph.load(ROOT / "data" / "ishoj.yaml"),
        orggraph.load(ROOT / "data" / "roskilde.yaml"),
    ],
    ids=["example", "ishoj", "roskilde"],  # a generated 1 000-post organisation: tests/test_benchmarks.py
)
def test_the_pieces_are_the_whole_dump(org: orggraph.Org, tmp_path: Path) -> None:
    data = org.to_dict()
    assert "".join(yaml_pieces(data)) == whole(data)
    path = tmp_path / "org.yaml"
    assert org.to_yaml(path) == whole(data)
    assert path.read_text(encoding="utf-8") == whole(data)
    assert orggraph.load(path) == org
    streamed_path = tmp_path / "streamed.yaml"
    assert dump_yaml(data, streamed_path) == len(whole(data))
    assert streamed_path.read_bytes() == whole(data).encode("utf-8")


def test_a_generator_is_written_as_the_list_it_yields(tmp_path: Path) -> None:
    path = tmp_path / "posts.yaml"
    data = {"orggraph": 1, "posts": hr_posts(4000), "units": iter([]), "declared_counts": []}
    count = dump_yaml(data, path)
    expected = whole({"orggraph": 1, "posts": list(hr_posts(4000)), "units": [], "declared_counts": []})
    assert path.read_text(encoding="utf-8") == expected
    assert count == len(expected) > 4 * 65536  # written in several chunks


def test_the_stream_writes_in_chunks_and_keeps_none_of_them() -> None:
    class Recorder(io.StringIO):
        sizes: list[int]

        def write(self, text: str) -> int:
            self.sizes.append(len(text))
            return super().write(text)

    out = Recorder()
    out.sizes = []
    dump_yaml({"posts": hr_posts(20000)}, out)
    *full, last = out.sizes
    assert len(full) >= 4
    assert all(65536 <= size < 65536 + 200 for size in full)  # a chunk and at most one more item
    assert last < 65536 + 200


def test_a_shared_list_is_anchored_in_the_text_and_repeated_in_the_stream() -> None:
    shared = ["Ishøj", "Ishoj"]
    data = {"units": [{"id": "a", "aliases": shared}, {"id": "b", "aliases": shared}]}
    assert yaml_text(data) == whole(data)
    assert "&id001" in yaml_text(data)
    assert write_yaml(data) == whole(data)
    tree = {"units": [{"id": "a", "aliases": list(shared)}, {"id": "b", "aliases": list(shared)}]}
    assert streamed(data) == whole(tree)
    assert yaml.safe_load(streamed(data)) == yaml.safe_load(whole(data))
    inner: list[Any] = []
    inner.append(inner)
    assert yaml_text({"x": inner}) == whole({"x": inner})
    with pytest.raises(ValueError, match="contains itself"):
        streamed({"x": inner})


def test_a_shared_object_in_an_item_pyyaml_writes_is_noticed() -> None:
    shared = {"document": "d", "section": "s"}
    data = {"posts": [{"id": "yes", "source": shared}, {"id": "b", "source": shared}]}
    assert yaml_text(data) == whole(data)
    data = {"posts": [{"id": "b", "source": shared}, {"id": "yes", "source": shared}]}
    assert yaml_text(data) == whole(data)


def test_what_pyyaml_refuses_is_refused_alike() -> None:
    class Name(str):
        pass

    for data in ({"posts": [{"id": Name("p1")}]}, {"posts": [{Name("id"): "p1"}]}, {"posts": [object()]}):
        with pytest.raises(yaml.representer.RepresenterError):
            whole(data)
        with pytest.raises(yaml.representer.RepresenterError):
            yaml_text(data)


def test_other_shapes_are_pyyaml_s() -> None:
    for data in ({}, [], "x", 3, None, {"a": {1, 2}}, ["a", ["b", ["c", {"d": []}]]], {1: "x", 2.5: "y", None: "z"}):
        assert yaml_text(data) == whole(data)
    assert pyyaml_text({"a": 1}) == whole({"a": 1})


def test_a_bar_counts_the_items_written(capsys: pytest.CaptureFixture[str]) -> None:
    org = orggraph.example()
    org.to_yaml(progress=True)
    err = capsys.readouterr().err
    items = sum(len(v) if isinstance(v, list) and v else 1 for v in org.to_dict().values())
    assert f"{items}/{items}" in err
    org.to_yaml()
    assert capsys.readouterr().err == ""


def test_the_stream_s_bar_takes_its_total_from_len_or_totals(capsys: pytest.CaptureFixture[str]) -> None:
    dump_yaml({"orggraph": 1, "posts": list(hr_posts(50))}, io.StringIO(), progress=True)
    assert "51/51" in capsys.readouterr().err
    dump_yaml({"orggraph": 1, "posts": hr_posts(50)}, io.StringIO(), progress=True, totals={"posts": 50})
    assert "51/51" in capsys.readouterr().err
    dump_yaml({"orggraph": 1, "posts": hr_posts(50)}, io.StringIO(), progress=True)
    err = capsys.readouterr().err
    assert "51item" in err.replace(" ", "")
    assert "/" not in err.split("writing YAML")[-1].split("[")[0]  # no total known: a count


def test_keys_are_remembered_but_checked_each_time() -> None:
    items = [{"id": "a"}, {"yes": "b"}, {"id": "c"}] * 3
    data = {"items": list(itertools.chain(items))}
    assert yaml_text(data) == whole(data)


SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize(
    "read",
    [
        lambda: importers.read_popolo(SHARED_DATA / "popolo" / "ireland-ep-popolo-v1.0.json"),
        lambda: importers.read_organogram(
            SHARED_DATA / "uk-organograms" / "department_for_transport-2011-09-30-senior.csv",
            SHARED_DATA / "uk-organograms" / "department_for_transport-2011-09-30-junior.csv",
        ),
        lambda: importers.read_organogram(
            SHARED_DATA / "uk-organograms" / "hm_treasury-2011-09-30-senior.csv",
            SHARED_DATA / "uk-organograms" / "hm_treasury-2011-09-30-junior.csv",
        ),
    ],
    ids=["popolo-ireland-ep", "organogram-dft-2011-09", "organogram-hmt-2011-09"],
)
@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs ../shared/data (the third-party files) beside the checkout")
def test_third_party_data_is_written_as_pyyaml_writes_it(read: Any) -> None:
    """Real exports: numeric references and dates as strings, long job descriptions, names in many scripts."""
    data = read().to_dict()
    assert yaml_text(data) == whole(data)
    assert streamed(data) == whole(data)
    items = [item for value in data.values() for item in (value if isinstance(value, list) and value else [value])]
    assert [item for item in items if _needs_pyyaml(item)] == slow_items(data)


PURE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
LONG_KEYS = st.tuples(st.integers(0, 40), st.integers(100, 130).map(lambda n: "k" * n), CLEAN_LONG)


@PURE
@given(st.one_of(plain_documents(), LONG_KEYS))
def test_where_libyaml_is_missing_pure_pyyaml_is_matched_too(monkeypatch: pytest.MonkeyPatch, case: Any) -> None:
    """Without libyaml orggraph dumps with ``yaml.SafeDumper``, whose emitter is Python: the same rules hold."""
    from orggraph.exporters import yaml_out

    monkeypatch.setattr(yaml_out, "_DUMPER", yaml.SafeDumper)
    if isinstance(case, tuple):  # a long key and a long line, at some depth
        levels, key, text = case
        data: Any = {key: text}
        for _ in range(levels // 2):
            data = {"n": [data]}
        case = {"posts": [data]}
    expected = yaml.dump(case, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=100)
    assert yaml_text(case) == expected
