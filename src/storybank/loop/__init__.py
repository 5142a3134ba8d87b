"""The interview loop: who heard which story, the follow-ups they will ask, the debrief.

A loop is four to six interviewers at one company who compare notes afterwards. These
modules hold what storybank knows about one: the ledger of stories told
(`ledger`), a re-ranking step over the advisor's suggestions that prefers a fresh
story for a new interviewer (`ledger_rank`), follow-up probes built from a story's
own fields (`probes`), the per-interviewer one-pager (`interviewer`) and the debrief
of what was actually asked (`debrief`). No Textual; the CLI and the TUI share them.
"""
