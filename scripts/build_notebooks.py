"""Build the analyst notebooks in ``notebooks/`` from the cells written out below.

The notebooks are generated so that a review reads plain Python and Markdown
here rather than notebook JSON. They are written without outputs: running them
(in Jupyter, or ``pytest tests/test_notebooks.py``) regenerates every table and
picture, so the repository stays small and a diff shows only what changed in
the analysis.

Usage::

    python scripts/build_notebooks.py           # (re)write notebooks/*.ipynb
    python scripts/build_notebooks.py --check   # exit 1 if a notebook is not what this script writes

Cells that the tests look at carry a fixed id (``cell("...", id="...")``);
other ids are derived from the cell's text, so that editing one cell changes
one id.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent
from typing import Any

import nbformat as _nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

# nbformat has no type hints; calls through this name are checked as Any.
nbformat: Any = _nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@dataclass(frozen=True)
class Cell:
    """One notebook cell: Markdown or code, with an optional fixed id."""

    kind: str
    text: str
    id: str | None = None


def md(text: str, *, id: str | None = None) -> Cell:
    return Cell("markdown", dedent(text).strip("\n"), id)


def code(text: str, *, id: str | None = None) -> Cell:
    return Cell("code", dedent(text).strip("\n"), id)


# The first code cell of every notebook: find the repository from the working
# directory (notebooks/ when run by Jupyter or the tests), so paths do not
# depend on where the notebook is opened from.
SETUP = code(
    """
    from pathlib import Path

    import pandas as pd

    import orggraph

    # The repository root is the first folder upwards that holds pyproject.toml.
    ROOT = next(p for p in (Path.cwd(), *Path.cwd().parents) if (p / "pyproject.toml").is_file())
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 100)
    """,
    id="setup",
)


# -- 01 Ishøj ----------------------------------------------------------------------------------

ISHOJ: list[Cell] = [
    md(
        """
        # Ishøj Kommune: who sits where, who decides what

        Ishøj Kommune's *Arbejdsgrundlag for direktion og koncernledelse* describes the top of the
        administration: a **direktion** of three directors and **nine centres**, each with a
        **centerchef** (centre head); directors and centre heads together form the
        **koncernledelse**. It says which meetings they hold and who decides what.
        `data/ishoj.yaml` encodes that document: every fact cites its sentence, and what the
        document leaves open is recorded as unknown, never guessed (`data/README.md`).

        The questions:

        1. Who is in the organisation, and what does its org chart look like?
        2. Which forums does a centre head sit in, and what does that cost in meetings and hours a year?
        3. Which forums have the same members?
        4. Who decides what, and which sentence of the document says so?
        5. Who sits in which forum, at a glance?
        6. What does the document leave open, and what does that mean for the organisation?
        """
    ),
    SETUP,
    md(
        """
        ## 1. The organisation

        `orggraph.load` reads the YAML file, checks it (every reference, every cycle, with
        `file:line:column` in the error) and returns an `Org`: the governance as a NetworkX graph
        (`org.graph`) with the questions below as methods.
        """
    ),
    code(
        """
        org = orggraph.load(ROOT / "data" / "ishoj.yaml")
        org
        """
    ),
    code(
        """
        print(org.summary())
        """
    ),
    md(
        """
        The document names no centre and no centre head. The data therefore holds **one** post,
        *Centerchef*, that stands for nine people, and one unit *Center* with a count of nine,
        rather than nine invented names. Its manager is one of the three directors, not said which:
        the document says each director works with "sine tilknyttede centerchefer" but never which
        ones, so the data gives the three as candidates (`reports_to_one_of`).
        """
    ),
    code(
        """
        centre_head = org.resolve("centre head", kind="post")  # English aliases work too
        print(f"{org.name(centre_head)}: {org.headcount(centre_head):g} centerchefer in one post")
        print(f"manager: one of {', '.join(org.name(m) for m in org.candidate_managers(centre_head))}")
        print(f"source: {org.cite(centre_head)}")
        """,
        id="centerchefer",
    ),
    code(
        """
        koncernledelsen = org.resolve("koncernledelsen", kind="group")
        members = org.members(koncernledelsen)
        table = pd.DataFrame(
            {"post": [org.name(p) for p in members], "people": [org.headcount(p) for p in members]},
            index=pd.Index(members, name="id"),
        )
        print(f"{org.name(koncernledelsen)}: {table['people'].sum():g} people in {len(table)} posts")
        table
        """,
        id="koncernledelsen",
    ),
    md(
        """
        The org chart: the political level above the administration, the direktion as one card with
        its three directors, and the centre heads ("×9": one post for nine people), whose manager is
        one of those three.
        """
    ),
    code(
        """
        org.chart()
        """,
        id="org-chart",
    ),
    md(
        """
        ## 2. Which forums does a centre head sit in, and for how many hours a year?

        A post takes part in a forum as a member (directly or through a group such as the
        koncernledelse), as chair, owner or guest. `forum_roles` lists a post's forums with its
        roles; `forum_load` says how often each forum meets and for how long, as far as the
        document says: `meetings_given` / `hours_given` are False where it gives no number
        ("fast mødekadence", "ad hoc", or no length). The chef meetings are held "for hvert
        direktørområde" and the 1:1s between a director and a centre head: a series per director
        (or pair). Which director a centre head has is not said, so it is a *possible member* of
        each director's series (`possible=True` lists them).
        """
    ),
    code(
        """
        roles = org.forum_roles(centre_head, possible=True)
        forums = org.forum_load().loc[list(roles)]
        forums.insert(1, "role", [", ".join(r) for r in roles.values()])
        forums[["name", "role", "meetings_per_year", "hours_per_year", "meetings_given", "hours_given"]].round(1)
        """,
        id="centre-head-forums",
    ),
    md(
        """
        `meeting_load` adds this up per post. Figures sum what the document gives: `uncounted_meetings`
        and `uncounted_hours` count the forums that could not be counted, so a figure with uncounted
        forums is a lower bound. Each of the nine centre heads carries the load of the post.
        """
    ),
    code(
        """
        load = org.meeting_load()
        columns = ["name", "headcount", "forums_low", "forums_high", "meetings_per_year_low",
                   "hours_per_year_low", "uncounted_meetings", "guest_forums", "uncertain"]
        load[columns].round(1)
        """,
        id="meeting-load",
    ),
    code(
        """
        row = load.loc[centre_head]
        print(
            f"A centerchef sits in {row['forums']} forums in every reading of the document ({row['uncertain']}).\\n"
            f"At least {row['meetings_per_year_low']:.0f} meetings and {row['hours_per_year_low']:g} hours a year: "
            f"{row['uncounted_meetings']} forums meet at a cadence the document gives no number for."
        )
        """
    ),
    md(
        """
        **What it means.** The document fixes the cadence of the big meetings (direktion and
        koncernledelse every 14 days) but not their length, and gives no number for the chef
        meetings in the director areas, the 1:1 meetings or the theme meetings. The only hours it
        states are the yearly 24-hour seminar. To budget a centre head's meeting time, the missing
        lengths and cadences are the first things to ask for.

        ## 3. Which forums have the same members?

        Forum overlap compares member sets (Jaccard similarity). Pairs with (nearly) the same
        members are candidates for merging, or at least for a clear division of purposes.
        One-to-one meeting series are not candidates.
        """
    ),
    code(
        """
        org.redundant_forums()[["name_a", "name_b", "members_a", "members_b", "shared", "jaccard"]]
        """,
        id="redundant-forums",
    ),
    md(
        """
        Three forums of the koncernledelse have exactly the same members: the formal meetings, the
        seminar and the theme meetings. The document gives them different purposes, so this is not
        waste by itself. The chef meetings are not among them: they are three series, one per
        director area, each with its director and the centre heads attached to it, which the
        document does not list; their overlap with the others is a range (see `forum_overlap`).

        ## 4. Who decides what, and on what authority?

        `who_decides` answers with the deciders, the rule and the sentence it comes from. Topics can
        be named by id, Danish name or English alias; in Jupyter the answer displays as a small card.
        """
    ),
    code(
        """
        org.who_decides("organisational measures")
        """,
        id="who-decides-measures",
    ),
    code(
        """
        org.who_decides("direktionens beslutninger")
        """
    ),
    md(
        """
        Every topic the document gives a decider for, with the rule and its source:
        """
    ),
    code(
        """
        decisions = org.decisions()
        decisions.loc[decisions["deciders"] != "", ["topic_name", "deciders", "consults", "source"]]
        """,
        id="decision-table",
    ),
    md(
        """
        Most of the document describes responsibility areas rather than decisions. `org.raci()` turns
        the roles into a RACI matrix, topics x posts (a role held by the koncernledelse or a forum
        counts for each of its posts; decides is A, responsible, prepares and implements R, qualifies
        and consulted C, informed I):
        """
    ),
    code(
        """
        raci = org.raci()
        raci.index = [org.name(t) for t in raci.index]
        raci.columns = [org.name(p) for p in raci.columns]
        raci
        """,
        id="responsibility-matrix",
    ),
    md(
        """
        And from the other side: everything a centre head holds a role on, directly or through the
        koncernledelse (`via`), with the sentence it comes from.
        """
    ),
    code(
        """
        held = org.responsibilities(centre_head)
        held[["topic_name", "role", "via", "source"]].drop_duplicates(["topic_name", "role"])
        """,
        id="centre-head-responsibilities",
    ),
    md(
        """
        ## 5. Who sits in which forum, at a glance

        The forum chart: one row per post, grouped by unit, one column per forum, with chair, rotating
        chair, owner and guests marked and the meetings a year underneath.
        """
    ),
    code(
        """
        org.forum_chart()
        """,
        id="forum-chart",
    ),
    md(
        """
        The same as a table, to filter or export:
        """
    ),
    code(
        """
        matrix = org.membership_matrix(roles=True)
        matrix.columns = [org.name(f) for f in matrix.columns]
        matrix.index = [org.name(p) for p in matrix.index]
        matrix.T
        """,
        id="membership-matrix",
    ),
    md(
        """
        ## 6. What the document leaves open

        `org.lint()` checks the organisation for gaps, contradictions and documented unknowns. Every
        finding names the nodes involved and cites where they come from.
        """
    ),
    code(
        """
        findings = org.lint()
        findings
        """,
        id="lint",
    ),
    code(
        """
        findings.summary()
        """,
        id="lint-summary",
    ),
    md(
        """
        **What the findings mean for Ishøj.** None of them is an error in the data: every one is
        something the document leaves open, and so a question to put to the organisation.

        - **The centre heads' director is one of three, not said which** (`reports_to_one_of`). The
          document says each director decides "i tæt samarbejde med sine tilknyttede centerchefer",
          but not which centres belong to which director. So nobody reading it can tell to whom a
          centre head answers, which centre heads sit in which director's chef meetings, or how large
          each director's span of control is (anything from none to all nine centre heads). The
          municipality's organisation chart would settle it.
        - **Two directors' own manager is undocumented** (`OG306 manager-unknown`). The direktion is
          "det øverste ledelsesniveau", but whether the two directors besides the kommunaldirektør
          report to him is not said.
        - **Forums without a chair or an owner** (`OG202`, `OG203`). Only the direktion meetings have
          both; the koncernledelse meetings have rotating chairs but no owner. Someone should answer
          for whether each forum is still needed.
        - **Working groups without fixed members** (`OG201`): who meets, and so what they cost, is
          not documented.
        - **A decision by a body without listed members** (`OG104`): the city council decides, but
          the data (rightly) lists none of its members.
        """
    ),
    code(
        """
        print(org.metrics_summary())
        org.span_of_control()[["name", "headcount", "direct", "total", "manages"]]
        """,
        id="spans",
    ),
]


# -- 02 Roskilde -------------------------------------------------------------------------------

ROSKILDE: list[Cell] = [
    md(
        """
        # Roskilde Kommune: decision rights, the annual wheel and the steering concept

        Roskilde Kommune's internal memo *Organisation, styring og ledelse i den administrative
        struktur* (August 2013) describes a direktion of the kommunaldirektør and three directors,
        afdelingschefer below them and institution leaders below those; five management forums; who
        hires and dismisses whom; who steers cross-cutting projects; a steering concept of vision,
        strategies, policies and agreements; and a strategy wheel (årshjul) for the year.
        `data/roskilde.yaml` encodes the memo with a citation on every fact (`data/README.md`).

        The questions:

        1. Who decides a hiring or a dismissal, for each post, and who approves?
        2. Who is the steering group of a (hypothetical) cross-cutting project?
        3. What happens when in the year?
        4. How do the instruments of the steering concept hang together, and what can be checked?
        5. The structure in numbers: spans, layers, meeting load.
        6. What if two forums merged, or a department moved to another director?
        7. What does the memo leave open?
        """
    ),
    SETUP,
    code(
        """
        org = orggraph.load(ROOT / "data" / "roskilde.yaml")
        print(org.summary())
        """
    ),
    md(
        """
        ## 1. Hiring and dismissal: rules relative to the structure

        §8 of the memo: "kompetencen til at træffe beslutninger i forhold til medarbejderne som
        udgangspunkt følger organisationsplanen, således at direktøren ansætter afdelingschefer og
        afdelingschefer ansætter egne medarbejdere", and "Beslutninger om afskedigelse skal altid
        godkendes ét ledelsesniveau op". These rules do not name a decider: the answer depends on
        *whose* hiring or dismissal it is, so `who_decides` takes the subject as a second argument and
        evaluates the rule on the reporting lines.
        """
    ),
    code(
        """
        org.who_decides("hiring", "afdelingschef")
        """,
        id="hiring-afdelingschef",
    ),
    md(
        """
        The memo says "direktøren ansætter afdelingschefer", but not which director has which
        afdelinger (that is in an organisation chart that is not in the text), so the data records the
        afdelingschef's manager as one of the three directors (`reports_to_one_of`), and the answer
        names the three as alternatives, a director, which one is not said, rather than guessing one
        or answering with the direktion as a body. `explain()` shows how the answer was derived:
        """
    ),
    code(
        """
        print(org.who_decides("hiring", "afdelingschef").explain())
        """
    ),
    code(
        """
        org.who_decides("dismissal", "medarbejder-institution")
        """,
        id="dismissal-institution",
    ),
    md(
        """
        On the org chart, the employee, the institution leader who decides and the afdelingschef who
        approves, one level up:
        """
    ),
    code(
        """
        dismissal = org.who_decides("dismissal", "medarbejder-institution")
        org.chart(highlight=["medarbejder-institution", *dismissal.deciders, *dismissal.approvers])
        """,
        id="dismissal-chart",
    ),
    md(
        """
        The same two questions for every post: who hires, who decides a dismissal, who approves it
        one level up, and what the sources leave open.
        """
    ),
    code(
        """
        org.decided_for(["hiring", "dismissal"])
        """,
        id="hiring-dismissal-table",
    ),
    md(
        """
        **What it means.** Below the afdelingschefer the rules give a clear answer: an institution
        leader's employee is dismissed by the institution leader and approved by the afdelingschef.
        For an afdelingschef the memo's own principle runs into its missing organisation chart: the
        deciding director is one of three, not said which; all three report to the kommunaldirektør,
        so he approves whichever it is. For the direktion's own members the memo says nothing: the
        rules cover the employees below the direktion, and for the directors and the kommunaldirektør
        the answer is "not documented", with the rule's coverage as the reason. The Udviklingsforum
        employees do have line managers, but the memo does not say who (`manager_unknown` in the
        data), so the rules give no answer there either, and the table says why.

        ## 2. Steering groups of cross-cutting projects

        §7: "For projekter som løber over længere tid (dvs. længere end et år), har driftsmæssig
        karakter eller som involverer det politiske niveau, er det altid direktionen, som er
        styregruppe." Shorter development projects have members of the direktion as steering group,
        who may hand it to afdelingschefer or institution leaders. The subject is now a hypothetical
        project, described by its attributes:
        """
    ),
    code(
        """
        org.who_decides("steering group", duration_years=2)
        """,
        id="steering-two-years",
    ),
    code(
        """
        def names(ids):
            return ", ".join(org.name(i) for i in ids)


        # duration in years; operational in character; involves the political level
        projects = {
            "2-year cross-cutting project": (2, False, False),
            "6-month innovation project": (0.5, False, False),
            "6-month operational project": (0.5, True, False),
            "3-month project with the council": (0.25, False, True),
        }
        rows = []
        for project, (years, operational, political) in projects.items():
            decision = org.who_decides(
                "steering group", duration_years=years, operational=operational, involves_political_level=political
            )
            rows.append(
                {
                    "project": project,
                    "steering group": names(decision.deciders),
                    "may be handed to": names(decision.may_delegate_to),
                    "rule": decision.rule_id,
                }
            )
        pd.DataFrame(rows)
        """,
        id="steering-projects",
    ),
    md(
        """
        The library does not guess a missing fact: a 6-month project with nothing said about whether
        it is operational cannot be placed, and the error says what to add.
        """
    ),
    code(
        """
        from orggraph.decisions import SubjectError

        try:
            org.who_decides("steering group", duration_years=0.5)
        except SubjectError as error:
            print(f"SubjectError: {error}")
        """
    ),
    md(
        """
        ## 3. The annual wheel (strategi-årshjulet)

        §10 lists what happens in each quarter. Each entry is linked to the forum, topic or
        instrument it belongs to; the wheel places them in their quarter, coloured by what they
        belong to.
        """
    ),
    code(
        """
        org.wheel()
        """,
        id="wheel",
    ),
    md(
        """
        The same entries as a table:
        """
    ),
    code(
        """
        events = org.events()[["quarter", "name", "linked_to"]]
        events
        """,
        id="events",
    ),
    code(
        """
        events.groupby("quarter")["name"].apply(" · ".join).to_frame("what happens")
        """
    ),
    md(
        """
        ## 4. The steering concept

        §9: "Kommunens samlede styringskoncept består af" a vision, development strategies and
        policies formulated by the council, the direktion's strategy plan, yearly themes, department
        agreements (afdelingsaftaler) and institution agreements. Each instrument has owners, parties,
        a cadence and constraints:
        """
    ),
    code(
        """
        concept = ["vision", "udviklingsstrategier", "politikker", "direktionens-strategiplan",
                   "aarlige-temaer", "afdelingsaftaler", "institutionsaftaler"]
        columns = ["name", "owner", "consults", "parties", "based_on", "cadence", "period_years", "goals",
                   "cross_cutting_min"]
        org.instruments().loc[concept, columns]
        """,
        id="steering-concept",
    ),
    md(
        """
        The constraints are checkable. The memo's own words: an afdelingsaftale holds "4-6
        udviklingsmål", "Minimum halvdelen af disse mål vil være tværgående". The data holds no actual
        agreement (the memo shows none), so here is a made-up one, with three goals of which one is
        cross-cutting, added to a copy of the organisation; the lint flags it:
        """
    ),
    code(
        """
        data = org.to_dict()
        for instrument in data["instruments"]:
            if instrument["id"] == "afdelingsaftaler":
                instrument["instances"] = [
                    {
                        "id": "afdelingsaftale-eksempel",
                        "name": "Afdelingsaftale 2014 (made-up example)",
                        "parties": ["afdelingschef", "direktoer-by-kultur-miljoe"],
                        "year": 2014,
                        "goals": [
                            {"name": "Kortere sagsbehandlingstid", "cross_cutting": False},
                            {"name": "Fælles digital borgerservice", "cross_cutting": True},
                            {"name": "Lavere sygefravær", "cross_cutting": False},
                        ],
                    }
                ]
        with_agreement = orggraph.from_dict(data, name="roskilde + example agreement")
        with_agreement.lint(select=["agreement-violates-instrument"])
        """,
        id="agreement-check",
    ),
    md(
        """
        ## 5. The structure in numbers

        Spans of control count people, not boxes: a post that stands for several people counts for
        all of them, and where a head count is unknown the figure is `<NA>` rather than a guess. The
        same goes for layers: the Udviklingsforum employees have line managers the memo does not
        name, so they are in no layer (`layer` `<NA>`, flagged `manager_unknown`) rather than at the
        top beside the kommunaldirektør, and count in no one's span.
        """
    ),
    code(
        """
        print(org.metrics_summary())
        org.span_of_control()[["name", "headcount", "direct", "direct_posts", "total", "manages"]]
        """,
        id="spans",
    ),
    code(
        """
        org.layers()
        """,
        id="layers",
    ),
    code(
        """
        load = org.meeting_load()
        columns = ["name", "forums", "meetings_per_year", "hours_per_year", "uncounted_meetings", "uncounted_hours"]
        load[columns].round(1)
        """,
        id="meeting-load",
    ),
    md(
        """
        ## 6. What if?

        What-if edits (`merge`, `move`, `remove`, `add`) return a new `Org` and leave the original
        untouched; `diff` lists what changed (added, removed, moved, changed, with the values before
        and after) and what it does to the key figures.

        ### Merge Lederforum into Chefforum

        The overlap table flags Chefforum and Lederforum as candidates: every member of Chefforum
        (the direktion and the afdelingschefer) is also in Lederforum, which adds the institution
        leaders.
        """
    ),
    code(
        """
        org.redundant_forums()[["name_a", "name_b", "members_a", "members_b", "shared", "jaccard"]]
        """
    ),
    code(
        """
        merged = org.merge("chefforum", "lederforum")
        changes = org.diff(merged)
        changes.to_frame()[["kind", "item", "name", "field", "before", "after"]]
        """,
        id="merge-diff",
    ),
    code(
        """
        changes.metrics.loc[["forums", "meeting_hours_per_year", "uncounted_forums"]]
        """,
        id="merge-metrics",
    ),
    md(
        """
        Read the person-hours total with care: it can only add up posts whose head count is known,
        and the numbers of afdelingschefer and institution leaders are not in the data. The table per
        post is the one to read:
        """
    ),
    code(
        """
        def with_names(table):
            return table.assign(name=[org.name(p) for p in table.index]).set_index("name")


        with_names(changes.meeting_load())
        """,
        id="merge-load",
    ),
    md(
        """
        **What it means.** The merged forum keeps Chefforum's meetings (four meetings and two
        overnight seminars a year), its purposes are joined, and the årshjul's two "Ledelsesforum"
        entries now point at it. The direktion and the afdelingschefer lose a forum; the institution
        leaders, who met in Lederforum twice a year, would now sit in every Chefforum meeting, several
        times the meetings and hours they had, each of them. A merger that saves the top little time
        and costs the institution leaders a lot.

        ### Move an afdeling to the director for By, Kultur og Miljø

        Section 1 found that the hiring and dismissal of an afdelingschef name one of three directors,
        not which, because the memo's organisation chart, which shows which afdelinger each director
        has, is not in the text. The data has one generic *Afdeling* entry for all departments. What if the chart
        put it in By, Kultur og Miljø?
        """
    ),
    code(
        """
        moved = org.move("afdeling", "direktoeromraade-by-kultur-miljoe")
        changes = org.diff(moved)
        print(changes)
        """,
        id="move-diff",
    ),
    code(
        """
        changes.metrics.loc[["manager_posts", "single_report_managers", "span_mean", "span_median", "below_body_posts"]]
        """,
        id="move-metrics",
    ),
    code(
        """
        rows = []
        for subject in ["afdelingschef", "afsnitsleder"]:
            for label, version in (("as documented", org), ("after the move", moved)):
                dismissal = version.who_decides("dismissal", subject)
                rows.append(
                    {
                        "subject": org.name(subject),
                        "version": label,
                        "hired by": names(version.who_decides("hiring", subject).deciders),
                        "dismissed by": names(dismissal.deciders),
                        "approved by": names(dismissal.approvers),
                    }
                )
        pd.DataFrame(rows).set_index(["subject", "version"])
        """,
        id="move-decisions",
    ),
    code(
        """
        moved.chart(highlight=["afdelingschef", "direktoer-by-kultur-miljoe"], title="Roskilde Kommune: what if")
        """,
        id="move-chart",
    ),
    code(
        """
        after = {str(finding) for finding in moved.lint()}
        print("lint findings that the move resolves:")
        for finding in org.lint():
            if str(finding) not in after:
                print(" ", finding)
        """,
        id="move-lint",
    ),
    md(
        """
        **What it means.** With the afdeling in a named director's area, the rules of section 1 name
        people: the director for By, Kultur og Miljø hires and dismisses the afdelingschef, and the
        kommunaldirektør approves the dismissal one level up. The director's span grows, but in
        people it is unknown because the number of afdelingschefer is not in the data. Knowing
        which afdelinger each director has is the one fact that would close these gaps.

        ## 7. What the memo leaves open

        The lint lists the documented unknowns. Every finding is information (`info`), none a
        warning or an error: the data holds together, and each finding is something the memo does
        not say. Most are about forums (no listed members, chair or owner); two bodies decide a
        topic but have no posts in the data; the Udviklingsforum employees have line managers the
        memo implies but does not name (`OG306 manager-unknown`); and the "ca. 130 ledere" of
        Lederforum cannot be checked while the number of afdelingschefer and institution leaders is
        unknown.
        """
    ),
    code(
        """
        findings = org.lint()
        findings.summary()
        """,
        id="lint-by-check",
    ),
    code(
        """
        findings.to_frame()[["code", "check", "severity", "message"]]
        """,
        id="lint",
    ),
]


# -- 03 UK organogram --------------------------------------------------------------------------

ORGANOGRAM: list[Cell] = [
    md(
        """
        # HM Treasury, 30 September 2011: importing a real organogram

        UK government departments publish their structure twice a year as two CSV files: the senior
        posts (one row each, with the post they report to) and the junior staff (full-time equivalents
        per grade, counted under the senior post they report to). The files are real and flawed:
        rows marked "Deleted", the same reference on several rows, references that do not resolve.
        `orggraph.read_organogram` imports them, repairs what it can, and reports every repair with
        its line.

        The questions:

        1. What did the import find and repair?
        2. How is HM Treasury structured: layers, people per layer?
        3. How are spans of control distributed; where are they widest and narrowest?
        4. What does one directorate look like?
        5. How do we get the graph into Gephi, and the chart into a report?
        6. Grades, staff and HR checks on a large department (HMRC 2011), checked against the files.
        7. The same figures for DFID, HM Treasury and the Department for Transport.

        The data is in the shared folder next to the repository (`../shared/data/uk-organograms/`,
        copies of data.gov.uk's export, Open Government Licence).
        """
    ),
    SETUP,
    code(
        """
        FOLDER = ROOT.parent / "shared" / "data" / "uk-organograms"
        senior = FOLDER / "hm_treasury-2011-09-30-senior.csv"
        junior = FOLDER / "hm_treasury-2011-09-30-junior.csv"
        org = orggraph.read_organogram(senior, junior)
        org
        """,
        id="import",
    ),
    md(
        """
        ## 1. The import report

        Every repair, skipped row and note, with file and line. *Repairs* changed the data to make it
        usable; *notes* record something unusual that the format allows.
        """
    ),
    code(
        """
        report = org.import_report
        print(report)
        """,
        id="import-report",
    ),
    code(
        """
        report.to_frame().groupby(["kind", "action", "reason"]).size().rename("rows").reset_index()
        """,
        id="import-report-summary",
    ),
    md(
        """
        Twelve senior rows carry "Deleted" instead of a post reference: they are kept as posts of their
        own, so nothing disappears silently. Reference 10994 appears twice, identical but for the
        export's `source_line`: one post, the repeat listed as a skipped duplicate (a job share would
        have different holders). Rows with reference `0` are individuals paid but not in post, which
        the format allows.

        ## 2. Layers

        Layer 0 is the top (the Permanent Secretary); people are counted in full-time equivalents.
        """
    ),
    code(
        """
        top = org.roots()
        print("top:", ", ".join(f"{org.name(p)} ({p})" for p in top))
        print(org.metrics_summary())
        """,
        id="summary",
    ),
    code(
        """
        org.headcount_by_layer()
        """,
        id="layers",
    ),
    md(
        """
        ## 3. Spans of control

        How many managers have a span in each bin (default bins 1 / 2-3 / 4-7 / 8-12 / 13-16 / 17+),
        in posts and in people, and their share of all managers. Spans count direct reports in
        people (FTE), not rows.
        """
    ),
    code(
        """
        org.span_bins()
        """,
        id="span-bins",
    ),
    code(
        """
        spans = org.span_of_control()
        managers = spans[spans["manager"]].copy()
        managers["unit"] = [org.graph.nodes[p].get("unit") for p in managers.index]
        columns = ["name", "unit", "direct", "direct_posts", "total", "manages"]
        managers.sort_values("direct", ascending=False)[columns].head(10)
        """,
        id="widest",
    ),
    code(
        """
        managers.sort_values("direct")[columns].head(10)
        """,
        id="narrowest",
    ),
    md(
        """
        **What the spans mean.** The widest spans are Deputy Directors over large operational teams
        (information and workspace, ministerial support, finance, HR). The narrowest are Directors and
        Directors General whose few reports are themselves managers: a narrow span at the top is
        expected, a narrow span over individual contributors is the one to question.
        """
    ),
    md(
        """
        ## 4. One directorate

        The directorate of the Director, Public Services, drawn left to right (wide spans stay
        legible that way). Junior staff are summed in the box of the senior post they report to, by
        grade, in full-time equivalents ("17 FTE: 9.2 Range E, 6 Range D, 2 Range C"; section 6).
        """
    ),
    code(
        """
        directorate = org.resolve("Director, Public Services", kind="post")
        chart = org.chart(root=directorate, direction="LR")
        chart
        """,
        id="directorate-chart",
    ),
    md(
        """
        The whole department, 521 posts, is too large for one picture. The interactive chart opens
        collapsed to the levels a picture would show; click a badge to open a team, search for a post
        (try "press office"), click a box for its holder, unit and forums. It is one self-contained
        file: `org.to_html("hm-treasury.html")` writes it to share.
        """
    ),
    code(
        """
        org.chart(interactive=True)
        """,
        id="interactive-chart",
    ),
    md(
        """
        ## 5. Export to Gephi

        `to_graphml` writes the whole graph (posts, units, reporting lines, with attributes flattened
        to text and numbers) for Gephi, yEd or Cytoscape; the chart above saves as PNG (or SVG, PDF)
        like any matplotlib figure. Here both go to a temporary folder; give them a path of your own to
        keep the files.
        """
    ),
    code(
        """
        import tempfile

        import networkx as nx

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "hm-treasury-2011-09-30.graphml"
            org.to_graphml(path)
            size = path.stat().st_size
            back = nx.read_graphml(path, force_multigraph=True)
            png = Path(folder) / "director-public-services.png"
            chart.savefig(png, dpi=150)
            png_size = png.stat().st_size
        print(f"{path.name}: {size / 1024:.0f} KiB, {back.number_of_nodes()} nodes, {back.number_of_edges()} edges")
        print(f"the graph itself: {org.graph.number_of_nodes()} nodes, {org.graph.number_of_edges()} edges")
        print(f"{png.name}: {png_size / 1024:.0f} KiB")
        """,
        id="graphml",
    ),
    md(
        """
        ## 6. Grades, staff and HR checks: HM Revenue and Customs, 31 March 2011

        HMRC is a large department: 346 senior posts and 5 792 junior rows, about 67 000 FTE. Its
        junior staff are published as counts under the senior post they report to, so an analyst reads
        them as staff summed under their manager, by grade. Grades are put on one scale, most senior
        first: the Senior Civil Service (SCS4 down to SCS1), then the delegated grades under whatever
        name the department uses ("Higher Officer" is an HEO); a grade the scale does not know (HMRC's
        trainee "Band T") is placed by the pay the file gives it.
        """
    ),
    code(
        """
        import csv
        from collections import defaultdict

        import pandas as pd

        from orggraph.grades import grade_scale
        from orggraph.staff import fte_total, staff_breakdown

        HMRC = "her_majestys_revenue_and_customs-2011-03-31"
        hmrc = orggraph.read_organogram(FOLDER / f"{HMRC}-senior.csv", FOLDER / f"{HMRC}-junior.csv")
        print(repr(hmrc))
        print("total:", fte_total(hmrc))
        print("grade scale:", " > ".join(grade_scale(hmrc).levels))
        """,
        id="hmrc-import",
    ),
    md(
        """
        **Grade mix by layer** (FTE; layer 0 is the Chief Executive, a junior row sits one layer below its
        senior post). Almost all staff are three to five layers down; the senior grades thin out
        towards the top as they should.
        """
    ),
    code(
        """
        by_layer = hmrc.grade_mix(by="layer")
        by_layer["fte"].unstack("level").round(0).fillna(0).astype(int)
        """,
        id="hmrc-grade-mix-layer",
    ),
    md(
        """
        **Grade mix by unit**, the eight largest units by FTE, as shares of each unit's FTE: the contact
        and processing units (Customer Operations, Customer Contact, Debt Management & Banking, Benefits
        & Credits) are more than half AO; the compliance and investigation units (Local Compliance,
        Criminal Investigation) are mostly HEO and EO.
        """
    ),
    code(
        """
        by_unit = hmrc.grade_mix(by="unit")["fte"].unstack("level").fillna(0)
        by_unit.index = [hmrc.name(unit) for unit in by_unit.index]
        largest = by_unit.sum(axis=1).sort_values(ascending=False).index[:8]
        shares = by_unit.loc[largest].div(by_unit.loc[largest].sum(axis=1), axis=0)
        shares.assign(FTE=by_unit.loc[largest].sum(axis=1).round(0)).round(2)
        """,
        id="hmrc-grade-mix-unit",
    ),
    md(
        """
        **Checked against the files.** The same FTE per grade, counted independently from the two CSV
        files with the `csv` module (grade words mapped by hand), must agree with the grade mix above.
        """
    ),
    code(
        """
        HAND = {"Higher Officer": "HEO", "Officer": "EO", "Senior Officer": "SEO", "Grade 7": "G7",
                "Grade 6": "G6", "Assistant Officer": "AO", "Admin Assistant": "AA"}
        counted = defaultdict(float)
        with open(FOLDER / f"{HMRC}-senior.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                counted[row["Grade (or equivalent)"]] += float(row["FTE"] or 0)
        with open(FOLDER / f"{HMRC}-junior.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                counted[HAND.get(row["Grade"], row["Grade"])] += float(row["Number of Posts in FTE"])
        ours = by_layer["fte"].groupby(level="level", observed=True).sum()
        check = pd.DataFrame({"orggraph": ours, "csv module": pd.Series(counted)}).round(2)
        assert (check["orggraph"] - check["csv module"]).abs().max() < 1e-6
        check.assign(agree=check["orggraph"] == check["csv module"])
        """,
        id="hmrc-check",
    ),
    md(
        """
        **HR findings.** The lint's HR checks (OG501-OG506) compare grades along reporting lines, look
        for vacant managers, spans beyond 20 direct reports or 1 000 FTE reporting directly, staff hung
        straight on the top posts, several tops and single reports. Each message gives its evidence.
        """
    ),
    code(
        """
        findings = hmrc.lint(select=["OG501", "OG502", "OG503", "OG504", "OG505", "OG506"])
        print(findings.to_frame().groupby(["code", "check"]).size().rename("findings").to_string())
        print()
        for finding in findings[:4]:
            print(finding)
        """,
        id="hmrc-lint",
    ),
    md(
        """
        Sixteen posts have more than 1 000 FTE reporting to them directly, nearly all of it in staff
        rows; the Director of PSA has over 9 000, the Head of Contact Centres over 7 000. The published
        structure stops at the senior posts and the teams below them are not described: those are the
        places to ask the department for its structure below the SCS. No post outranks its manager,
        no manager post is vacant, and two SCS1A deputy directors manage a single SCS1 each.

        **The whole organisation.** Senior posts are boxes; the staff rows under each are summed in the
        box by grade ("9.6 FTE: 1 G6, 0.6 G7, 3 SEO, …"), most senior first, instead of one box per row.
        Two levels below the Chief Executive are drawn; the badges count what is collapsed, in FTE.
        """
    ),
    code(
        """
        print(staff_breakdown(hmrc, "CO4"), "-", hmrc.name("CO4"))
        hmrc_chart = hmrc.chart()
        hmrc_chart
        """,
        id="hmrc-chart",
    ),
    md(
        """
        ## 7. The same for DFID, HM Treasury and the Department for Transport

        For each department: the FTE total and the FTE per grade as orggraph reads them, checked against
        the files read with the `csv` module, and the HR findings by check.
        """
    ),
    code(
        """
        def csv_fte(name):
            total = 0.0
            for part, column in (("senior", "FTE"), ("junior", "Number of Posts in FTE")):
                with open(FOLDER / f"{name}-{part}.csv", encoding="utf-8", errors="replace", newline="") as handle:
                    for row in csv.DictReader(handle):
                        try:
                            total += float(row[column])
                        except ValueError:
                            pass  # blank or not a number: unknown, as the importer reads it
            return total


        rows = []
        for name in ("department_for_international_development-2013-09-30", "hm_treasury-2011-09-30",
                     "department_for_transport-2011-09-30"):
            dept = orggraph.read_organogram(FOLDER / f"{name}-senior.csv", FOLDER / f"{name}-junior.csv")
            total = fte_total(dept)
            checks = ["OG501", "OG502", "OG503", "OG504", "OG505", "OG506"]
            codes = dept.lint(select=checks).to_frame()["code"].value_counts().reindex(checks, fill_value=0)
            rows.append({
                "department": dept.title,
                "FTE (orggraph)": round(total.known, 2),
                "FTE (csv module)": round(csv_fte(name), 2),
                "unknown": total.unknown,
                "grades": len(grade_scale(dept).levels),
                **codes.to_dict(),
            })
        pd.DataFrame(rows).set_index("department")
        """,
        id="departments",
    ),
    md(
        """
        The FTE totals agree with the files but for HM Treasury's 1 FTE: reference 10994 is on two
        identical rows (section 1), one post, counted once by orggraph and twice by a plain sum of the
        rows. DFID's findings are two SCS2 heads of office reporting to an SCS1 director (OG501), four
        posts without a manager (OG505: the Permanent Secretary and three posts that name themselves as
        their manager, a cycle the importer broke) and a single report; the
        Department for Transport has six vacant manager posts with their teams still in place (OG502).
        The Department for Transport's 24 "grades" include values such as "Van" and "Car 39" in its
        grade column: the scale shows what the file says.
        """
    ),
]


# -- 04 DFID over time -------------------------------------------------------------------------


def over_time() -> list[Cell]:
    """Notebook 04: DFID's organograms 2011-2014 as a timeline: trend, grade mix, churn, a restructuring."""
    return [
        md(
            """
            # The Department for International Development over time, 2011-2014

            DFID published its organogram six times between March 2011 and September 2014: senior posts
            (one row each) and junior staff (FTE per grade under a senior post). Read as a series, the files
            answer the questions analysts ask of a department over time:

            1. How did posts, people (FTE), layers and spans develop?
            2. How did the grade mix change?
            3. How much churn was there between publications: posts created, abolished, moved, retitled,
               regraded, re-held?
            4. What did a restructuring change: one directorate before and after?
            5. What looks wrong in the series, and why?

            Post references are not stable between publications (DFID's references follow people more than
            posts), so posts are matched by `orggraph.matching`: the reference first, then the similarity of
            title, unit, holder, grade and manager, one to one. On a hand-labelled sample of 89 post pairs
            (`tests/data/dfid-post-pairs.csv`) the matching is right in 88 (precision 100 %, recall 97 %;
            `scripts/match_quality.py`).
            """
        ),
        SETUP,
        code(
            """
            FOLDER = ROOT.parent / "shared" / "data" / "uk-organograms"
            files = sorted(FOLDER.glob("department_for_international_development-*.csv"))
            tl = orggraph.read_organogram_series(files)
            tl
            """,
            id="read",
        ),
        md(
            """
            ## 1. The trend

            `posts` are senior posts; `people` the FTE of senior and junior staff whose size is known
            (`people_unknown` counts the posts of unknown size apart); spans are in people.
            """
        ),
        code(
            """
            trend = tl.trend()
            columns = ["posts", "junior_posts", "people", "people_unknown", "vacancies", "top_posts", "layers"]
            trend[[*columns, "span_median"]]
            """,
            id="trend",
        ),
        code(
            """
            tl.trend_chart()
            """,
            id="trend-chart",
        ),
        md(
            """
            The 2014-03-31 publication is drawn hollow and bridged: it is partial, not a cut (section 5).
            Over the whole period senior posts rose from 80 to 92 and FTE from about 1 200 to about 2 000.
            """
        ),
        md(
            """
            ## 2. The grade mix

            Senior posts per grade (SCS1 deputy directors up to the SCS4 permanent secretary).
            """
        ),
        code(
            """
            grades = [c for c in trend.columns if c.startswith("grade ")]
            trend[grades]
            """,
            id="grades",
        ),
        code(
            """
            tl.trend_chart(grades)
            """,
            id="grades-chart",
        ),
        md(
            """
            ## 3. Churn

            Per interval, how many posts changed how (a post both moved and retitled counts in both
            columns). `unit renames` counts units whose posts moved to a newly named unit together.
            """
        ),
        code(
            """
            tl.churn()
            """,
            id="churn",
        ),
        md(
            """
            The interval from March to September 2013 is the restructuring: about half the senior posts
            were created or abolished, and of the posts that stayed hardly one is unchanged: retitling came
            with it ("Deputy Director, Head of DFID Sudan" became "Head of Office, DFID Sudan"). Before it,
            about half the posts were unchanged from one publication to the next. The 2013-09-30 to
            2014-03-31 removals and the 2014-03-31 to 2014-09-30 additions are the partial publication
            (section 5), not churn. Holders count as changed only where both publications name them (the
            2011 files do not).
            """
        ),
        md(
            """
            ## 4. A restructured directorate: Economic Development

            In September 2014 a new unit, Economic Development, appears. Where did its posts come from?
            Posts matched from 2013-09-30 show their old title and unit; added posts are new.
            """
        ),
        code(
            """
            changes = tl.changes("2013-09-30", "2014-09-30")
            economic = changes[changes["unit_b"] == "Economic Development"]
            economic[["change", "post_a", "title_a", "unit_a", "post_b", "title_b", "holder_b", "basis"]]
            """,
            id="directorate",
        ),
        code(
            """
            tl.lineage("A29", "2014-09-30")
            """,
            id="lineage",
        ),
        md(
            """
            The International Finance division moved from Policy & International into the new directorate
            with its director (A29) and its department heads; private sector and trade posts were added.
            """
        ),
        md(
            """
            ## 5. What looks wrong: the partial publication

            `anomalies()` lists partial publications, posts that vanish and return, and references reused
            for another post.
            """
        ),
        code(
            """
            anomalies = tl.anomalies()
            anomalies["kind"].value_counts()
            """,
            id="anomaly-kinds",
        ),
        code(
            """
            anomalies[anomalies["kind"] == "partial publication"]
            """,
            id="partial",
        ),
        code(
            """
            trend.loc[:, ["posts", *grades]].T
            """,
            id="partial-grades",
        ),
        md(
            """
            **Why 2014-03-31 is partial.** It lists 29 senior posts against 89 before and 92 after, and most
            of the posts missing from it are back six months later, matched across the gap. The grades say
            what was left out: the directors and directors general are there (SCS2-SCS4), but only 8 of the
            deputy directors (SCS1), against 72 and 73 around it. A trend that took the file at face value
            would report a 67 % cut and a recovery; the series shows a publication that left most deputy
            directors out.

            **Reused references.** DFID's references follow people: B43 was Head of DFID Bangladesh in March
            2011 and Head of CHASE in September 2011. Matching by reference alone would call that one post
            retitled; the matching calls it two posts, and `anomalies()` lists the reuse.
            """
        ),
        code(
            """
            anomalies[anomalies["kind"] == "reference reused"].head(5)
            """,
            id="reused",
        ),
    ]


NOTEBOOK_CELLS: dict[str, list[Cell]] = {
    "01_ishoj.ipynb": ISHOJ,
    "02_roskilde.ipynb": ROSKILDE,
    "03_uk_organogram.ipynb": ORGANOGRAM,
    "04_over_time.ipynb": over_time(),
}


def _cell_id(cell: Cell, taken: set[str]) -> str:
    ident = cell.id or "c-" + hashlib.sha1(cell.text.encode("utf-8")).hexdigest()[:10]
    if ident in taken:
        raise ValueError(f"duplicate cell id {ident!r}")
    taken.add(ident)
    return ident


def build(cells: Sequence[Cell]) -> Any:
    """A notebook (nbformat 4.5, no outputs) from cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    taken: set[str] = set()
    for cell in cells:
        ident = _cell_id(cell, taken)
        if cell.kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(cell.text, id=ident))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell.text, id=ident))
    nbformat.validate(nb)
    return nb


def render(cells: Sequence[Cell]) -> str:
    """The notebook's file text, as written to disk."""
    return str(nbformat.writes(build(cells))) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the notebooks are up to date")
    args = parser.parse_args(argv)
    stale = []
    for name, cells in NOTEBOOK_CELLS.items():
        path = NOTEBOOKS / name
        text = render(cells)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(name)
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"not built from scripts/build_notebooks.py: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
