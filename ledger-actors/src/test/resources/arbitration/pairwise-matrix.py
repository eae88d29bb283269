#!/usr/bin/env python3
# Writes pairwise-matrix.csv from the rules as docs/contracts/arbitration.md states them, independently of the Java
# rules class: the conflict table, then rank, then first-committed for equal ranks. Run from this directory.
ranks = ["root", "region", "site", "device"]          # highest first
actions = ["admit", "block", "quarantine", "release", "update-firmware", "revoke-access", "transfer"]
hold_actions = {"block", "quarantine"}
conflicts = set()
for h in hold_actions:
    for other in ["admit", "release", "update-firmware", "transfer"]:
        conflicts.add((h, other)); conflicts.add((other, h))
conflicts.add(("block", "quarantine")); conflicts.add(("quarantine", "block"))


def hold(standing):
    if "block" in standing:
        return "blocked"
    if "quarantine" in standing:
        return "quarantined"
    return "open"


lines = ["# The pairwise conflict matrix: agent A's decision is committed first (it stands: nothing stood before), then",
         "# agent B's, both under the ruling where no policy covers the device (every rank allowed, equal ranks settled",
         "# by first-committed). Every rank x rank x action x action appears once, so both orders of each pair appear.",
         "# winner: both (no conflict, both stand), first (A stands, B loses), second (B overturns A).",
         "# b_code: no-conflict | outranks (B overturns a lower rank) | outranked (B loses to a higher rank)",
         "#         | first-committed (equal rank: A, committed first, stands).",
         "# hold: the device's hold after both (what the registry enacts).",
         "a_rank,a_action,b_rank,b_action,winner,b_verdict,b_code,a_after,hold"]
for ra in ranks:
    for aa in actions:
        for rb in ranks:
            for ab in actions:
                if (aa, ab) not in conflicts:
                    row = ("both", "stands", "no-conflict", "stands", hold({aa, ab}))
                elif ranks.index(rb) < ranks.index(ra):
                    row = ("second", "won", "outranks", "overturned", hold({ab}))
                elif ranks.index(rb) > ranks.index(ra):
                    row = ("first", "lost", "outranked", "stands", hold({aa}))
                else:
                    row = ("first", "lost", "first-committed", "stands", hold({aa}))
                lines.append(",".join((ra, aa, rb, ab) + row))
open("pairwise-matrix.csv", "w").write("\n".join(lines) + "\n")
