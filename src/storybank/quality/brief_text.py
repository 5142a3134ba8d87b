"""The brief as plain text and Markdown: one screen by default, everything with `full`.

The one-screen view has a fixed line budget (`SCREEN_LINES`, what a 100x30 terminal or
the TUI Brief screen shows below its header): each entry is one line, cut with an
ellipsis rather than wrapped, so the page never grows past a glance whatever the
width. Sections come in the order they are read in the last five minutes: the stories
to lead with, the likely questions and their follow-ups, the loop so far, what to
adapt. The full view wraps instead and adds the rest. The Markdown export has the same
shape: the one-screen sections first, then the rest. User text is neutralised (plain)
or escaped (Markdown) on the way out.
"""

from __future__ import annotations

from storybank.quality.brief import Brief, StoryFlag, when_text
from storybank.quality.report_text import (
    display_width,
    labelled,
    md,
    one_line,
    rule,
    truncate,
    wrap,
)
from storybank.vocab import BEAT_LABELS

SCREEN_LINES = 26
"""Lines of the one-screen view (the TUI's 30 rows less its header and footer)."""
SHOWN_QUESTIONS = 3
HEADING_CHAR = "─"


def _lead_label(beat: str | None) -> str:
    return BEAT_LABELS.get(beat or "", beat or "?").lower()


def _customer_label(customer: str | None) -> str | None:
    from storybank.quality.coverage import CUSTOMER_LABELS

    return CUSTOMER_LABELS.get(customer, customer) if customer else None


def environment_line(brief: Brief) -> str:
    from storybank.quality.coverage import CUSTOMER_LABELS

    c = brief.company
    parts = []
    if c.stage:
        parts.append(f"{c.stage} stage")
    if c.customer:
        parts.append(f"{CUSTOMER_LABELS.get(c.customer, c.customer)} customers")
    if c.org:
        parts.append(f"{c.org} org")
    return ", ".join(parts) if parts else "environment not recorded"


def heading(title: str, width: int) -> str:
    """A one-line section heading: `Lead with ─────...` across the width."""
    title = truncate(title, width - 4)
    return f"{title} {HEADING_CHAR * max(3, width - display_width(title) - 1)}"


def _flag_text(flags: list[StoryFlag]) -> str:
    return "; ".join(f"! {flag.message}" for flag in flags)


def _line(text: str, width: int, indent: str = "") -> str:
    return indent + truncate(text, width - len(indent))


def _loop_lines(brief: Brief) -> list[str]:
    """The loop so far in two lines at most: what was told, and what to watch."""
    from storybank.loop.ledger import told_phrase

    if not brief.ledger and brief.score is None:
        return []
    lines = [f"! {flag.message}" for flag in brief.ledger_flags]
    if brief.ledger:
        told = "; ".join(f"{t.story} {told_phrase(t)}" for t in reversed(brief.ledger))
        lines.append(f"Told so far ({len(brief.ledger)}): {told}")
    if brief.score is not None:
        lines.append(brief.score.line())
    return lines


def render_text(brief: Brief, width: int = 80, *, full: bool = False, hint: bool = True) -> str:
    """The brief as plain text: one screen (`SCREEN_LINES`) by default, all of it if `full`."""
    if full:
        return _render_full(brief, width)
    return "\n".join(_screen(brief, width, hint)) + "\n"


def _screen(brief: Brief, width: int, hint: bool) -> list[str]:
    c = brief.company
    short_env = ", ".join(value for value in (c.stage, _customer_label(c.customer), c.org) if value)
    head = [f"{one_line(c.name)} ({short_env})" if short_env else one_line(c.name)]
    when = when_text(brief.days_until, c.interview_date)
    if when:
        head.append(when)
    # The focus areas are not repeated here: each lead's "why" names those it covers.
    lines = [_line("Brief: " + " · ".join(head), width)]

    lines.append(heading(f"Lead with these at {one_line(c.name)}", width))
    if not brief.leads:
        lines.append("No stories yet: add some with `storybank import FILE`.")
    for number, lead in enumerate(brief.leads, 1):
        lines.append(_line(f"{number}. {lead.title} ({lead.id}, fit {lead.score:.2f})", width))
        why = lead.why
        if lead.flags:
            why = f"{_flag_text(lead.flags)} | {why}"
        if lead.told:
            why = f"{lead.told[-1]} | {why}"
        lines.append(_line(f"why: {why}", width, "   "))
        lines.append(_line(f"say: {lead.number or 'no number recorded: add one'}", width, "   "))
        tradeoff = lead.tradeoff or "no tradeoff recorded: name the options and why you chose"
        lines.append(_line(f"tradeoff: {tradeoff}", width, "   "))

    lines.append(heading("Most likely questions", width))
    if not brief.questions:
        lines.append("No questions in the bank.")
    for number, q in enumerate(brief.questions[:SHOWN_QUESTIONS], 1):
        lines.append(_line(f"{number}. [{q.kind}] {q.text}", width))
        if q.story_id:
            tag = "closest: " if q.weak else ""
            pick = f"-> {tag}{q.story_id}, lead with {_lead_label(q.lead_with)}"
            if q.flags:
                pick += f" ({_flag_text(q.flags)})"
            if q.follow_ups:
                pick += " · then: " + " ".join(q.follow_ups[:2])
            lines.append(_line(pick, width, "   "))

    focus = set(c.focus)
    gaps = [f"! {r.message}" for r in brief.reminders if r.subject in focus]
    loop = _loop_lines(brief)
    if gaps:
        lines.append(heading("Gaps: use the closest example", width))
        lines.extend(_line(gap, width) for gap in gaps[:2])
    adapt = [note.text + (f" ({', '.join(note.stories)})" if note.stories else "")
             for note in brief.adapt]  # fmt: skip
    room = SCREEN_LINES - len(lines) - (1 if hint else 0)
    if loop:
        room -= 1  # heading
        shown = loop[: max(1, room - (2 if adapt else 0))]
        lines.append(heading(f"The loop so far ({len(brief.ledger)} told)", width))
        lines.extend(_line(item, width) for item in shown)
        room -= len(shown)
    if adapt and room >= 2:
        kept = adapt[: room - 1]
        title = "Adapt for them (each note once)"
        if len(kept) < len(adapt):
            title = f"Adapt for them ({len(kept)} of {len(adapt)} notes; all in the full brief)"
        lines.append(heading(title, width))
        lines.extend(_line(f"- {note}", width) for note in kept)
    if hint:
        lines.append(_line(f"Full brief: storybank brief {c.id} --full", width))
    return lines


# -- the full view ----------------------------------------------------------------------------


def _render_full(brief: Brief, width: int) -> str:
    from storybank.loop.ledger import told_phrase

    c = brief.company
    lines = rule(f"Brief: {one_line(c.name)}", width)
    lines.extend(wrap(environment_line(brief), width))
    when = when_text(brief.days_until, c.interview_date)
    if when:
        lines.extend(wrap(when[0].upper() + when[1:], width))
    if c.focus:
        lines.extend(labelled("Focus:", ", ".join(c.focus), width))
    if c.notes.strip():
        lines.extend(labelled("Notes:", c.notes, width))

    lines += ["", *rule(f"Lead with these at {one_line(c.name)}", width, "-")]
    if not brief.leads:
        lines.append("No stories yet: add some with `storybank import FILE`.")
    for number, lead in enumerate(brief.leads, 1):
        lines.extend(
            labelled(f"{number}.", f"{lead.title} ({lead.id}, fit {lead.score:.2f})", width)
        )
        for flag in lead.flags:
            lines.extend(labelled("   !", flag.message, width))
        for told in lead.told:
            lines.extend(labelled("   told:", told.removeprefix("told "), width))
        lines.extend(labelled("   why:", lead.why, width))
        lines.extend(labelled("   say:", lead.number or "no number recorded: add one", width))
        lines.extend(labelled("   tradeoff:", lead.tradeoff or "no tradeoff recorded", width))

    lines += ["", *rule("Your stories by fit", width, "-")]
    if not brief.stories:
        lines.append("No stories yet: add some with `storybank import FILE`.")
    for number, item in enumerate(brief.stories, 1):
        lines.extend(labelled(f"{number:>2}. {item.score:.2f}", f"{item.title} ({item.id})", width))
    if brief.more_stories:
        lines.append(f"    ... and {brief.more_stories} more (storybank coverage)")

    if brief.adapt_all:
        lines += ["", *rule("Adapt for them (each note once)", width, "-")]
        for note in brief.adapt_all:
            text = note.text + (f" ({', '.join(note.stories)})" if note.stories else "")
            lines.extend(labelled("-", text, width))

    if brief.angles:
        lines += ["", *rule("Angle for each focus area", width, "-")]
        for angle in brief.angles:
            lines.append(truncate(angle.competency, width))
            if angle.story_id is None:
                lines.extend(wrap("no story yet: write one", width, indent="   "))
                continue
            marker = "closest example: " if angle.weak else ""
            lines.extend(
                wrap(
                    f"{marker}{angle.story_id}, lead with {_lead_label(angle.lead_with)}"
                    + (f"; quote {angle.metric}" if angle.metric else ""),
                    width,
                    indent="   ",
                )
            )
            for flag in angle.flags:
                lines.extend(labelled("   !", flag.message, width))
            lines.extend(wrap(angle.emphasis, width, indent="   "))

    lines += ["", *rule("Numbers to remember", width, "-")]
    with_numbers = [fact for fact in brief.facts if fact.numbers]
    if not with_numbers:
        lines.append("No before -> after numbers recorded: add them before the call.")
    for fact in with_numbers:
        lines.append(truncate(fact.id, width))
        for figure in fact.numbers:
            lines.extend(labelled("  -", figure, width))

    lines += ["", *rule("Tradeoff per story", width, "-")]
    for fact in brief.facts:
        text = fact.tradeoff or "no tradeoff recorded: name the options and why you chose"
        lines.extend(wrap(f"{fact.id}: {text}", width, subsequent="    "))

    lines += ["", *rule(f"Likely questions at {one_line(c.name)}", width, "-")]
    if not brief.questions:
        lines.append("No questions in the bank.")
    for number, q in enumerate(brief.questions, 1):
        lines.extend(labelled(f"{number:>2}.", f"[{q.kind}] {q.text}", width))
        if q.story_id:
            tag = "closest: " if q.weak else ""
            lines.extend(
                wrap(
                    f"-> {tag}{q.story_id}, lead with {_lead_label(q.lead_with)}",
                    width,
                    indent="    ",
                    subsequent="       ",
                )
            )
            for flag in q.flags:
                lines.extend(labelled("    !", flag.message, width))
            for why in q.why:
                lines.extend(labelled("    loop:", why, width))
            if q.follow_ups:
                lines.append("    likely follow-ups:")
                for probe in q.follow_ups:
                    lines.extend(labelled("      -", probe, width))

    if brief.ledger or brief.score is not None:
        lines += ["", *rule(f"The loop at {one_line(c.name)} so far", width, "-")]
        for entry in brief.ledger:
            lines.extend(labelled("-", f"{entry.story} {told_phrase(entry)}", width))
        for ledger_flag in brief.ledger_flags:
            lines.extend(labelled("!", ledger_flag.message, width))
        if brief.score is not None:
            lines.extend(wrap(brief.score.line(), width))

    if brief.reminders or brief.environment_notes:
        lines += ["", *rule("Closest example reminders", width, "-")]
        for reminder in brief.reminders:
            lines.extend(labelled("!", reminder.message, width))
        for env_note in brief.environment_notes:
            lines.extend(labelled("-", env_note, width))
    return "\n".join(lines) + "\n"


# -- markdown ---------------------------------------------------------------------------------


def render_markdown(brief: Brief) -> str:
    """A printable page with the brief's shape: the one-screen sections, then the rest."""
    from storybank.loop.ledger import told_phrase

    c = brief.company
    out = [f"# Brief: {md(c.name)}", ""]
    out.append(f"*{md(environment_line(brief))}*")
    when = when_text(brief.days_until, c.interview_date)
    if when:
        out += ["", f"**{md(when[0].upper() + when[1:])}**"]
    if c.focus:
        out += ["", f"**Focus:** {', '.join(md(f) for f in c.focus)}"]

    out += ["", f"## Lead with these at {md(c.name)}", ""]
    if not brief.leads:
        out.append("No stories yet.")
    for number, lead in enumerate(brief.leads, 1):
        out.append(f"{number}. **{md(lead.title)}** (`{lead.id}`), fit {lead.score:.2f}")
        indent = " " * len(f"{number}. ")
        for flag in lead.flags:
            out.append(f"{indent}- **!** {md(flag.message)}")
        for told in lead.told:
            out.append(f"{indent}- {md(told)}")
        out.append(f"{indent}- why: {md(lead.why)}")
        out.append(f"{indent}- say: {md(lead.number) if lead.number else '*no number recorded*'}")
        tradeoff = md(lead.tradeoff) if lead.tradeoff else "*no tradeoff recorded*"
        out.append(f"{indent}- tradeoff: {tradeoff}")

    out += ["", "## Most likely questions", ""]
    if not brief.questions:
        out.append("No questions in the bank.")
    for number, q in enumerate(brief.questions, 1):
        out.append(f"{number}. \\[{q.kind}\\] {md(q.text)}")
        indent = " " * len(f"{number}. ")
        if q.story_id:
            tag = "closest: " if q.weak else ""
            out.append(
                f"{indent}- {tag}{md(q.title or '')} (`{q.story_id}`), "
                f"lead with {_lead_label(q.lead_with)}"
            )
            for flag in q.flags:
                out.append(f"{indent}- **!** {md(flag.message)}")
            for why in q.why:
                out.append(f"{indent}- loop: {md(why)}")
            if q.follow_ups:
                out.append(
                    f"{indent}- likely follow-ups: " + " / ".join(md(p) for p in q.follow_ups)
                )

    if brief.ledger or brief.score is not None:
        out += ["", "## The loop so far", ""]
        out.extend(f"- `{e.story}` {md(told_phrase(e))}" for e in brief.ledger)
        out.extend(f"- **!** {md(flag.message)}" for flag in brief.ledger_flags)
        if brief.score is not None:
            out.append(f"- {md(brief.score.line())}")

    if brief.adapt_all:
        out += ["", "## Adapt for them", ""]
        for note in brief.adapt_all:
            ids = f" ({', '.join(f'`{i}`' for i in note.stories)})" if note.stories else ""
            out.append(f"- {md(note.text)}{ids}")

    if c.notes.strip():
        out += ["", f"**Notes:** {md(c.notes)}"]

    out += ["", "## Your stories by fit", ""]
    if not brief.stories:
        out.append("No stories yet.")
    for number, item in enumerate(brief.stories, 1):
        line = f"{number}. **{md(item.title)}** (`{item.id}`), fit {item.score:.2f}"
        if item.focus_covered:
            line += f"; covers {', '.join(md(x) for x in item.focus_covered)}"
        out.append(line)

    if brief.angles:
        out += ["", "## Angle for each focus area", ""]
        for angle in brief.angles:
            if angle.story_id is None:
                out.append(f"- **{md(angle.competency)}:** no story yet")
                continue
            marker = "closest example: " if angle.weak else ""
            line = (
                f"- **{md(angle.competency)}:** {marker}{md(angle.title or '')} "
                f"(`{angle.story_id}`), lead with {_lead_label(angle.lead_with)}"
            )
            if angle.metric:
                line += f"; quote {md(angle.metric)}"
            out.append(line)
            out.extend(f"  - **!** {md(flag.message)}" for flag in angle.flags)
            out.append(f"  - {md(angle.emphasis)}")

    out += ["", "## Numbers to remember", ""]
    numbers = [fact for fact in brief.facts if fact.numbers]
    if not numbers:
        out.append("No before -> after numbers recorded.")
    for fact in numbers:
        out.append(f"- **{md(fact.title)}** (`{fact.id}`)")
        out.extend(f"  - {md(n)}" for n in fact.numbers)

    out += ["", "## Tradeoff per story", ""]
    for fact in brief.facts:
        text = md(fact.tradeoff) if fact.tradeoff else "*no tradeoff recorded*"
        out.append(f"- `{fact.id}`: {text}")

    if brief.reminders or brief.environment_notes:
        out += ["", "## Closest example reminders", ""]
        out.extend(f"- {md(r.message)}" for r in brief.reminders)
        out.extend(f"- {md(note)}" for note in brief.environment_notes)
    return "\n".join(out) + "\n"
