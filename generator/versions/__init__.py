"""Versions of a policy: what changed between two answers files, who must be told, and the
history the policy prints.

The stage sits beside the policy's own pipeline and reads the same layers: two profiles are
compared through their facts (``generator.facts``), not their YAML keys, so a change is
described as the policy would state it; the laws that apply to the NEW profile
(``laws.applicable``) say what the change then requires.

* ``diff.compare(old, new) -> Comparison``: the changes, grouped by the policy's sections,
  each material or not with the reason, and the duties the laws attach.
* ``notice``: the customer notice (``changes.md``/``changes.html``) and the CLI's reports.
* ``history``: the revision entry for a build, recording it in the answers file (comments
  kept), and the archive of published versions.
* ``git``: an answers file as it was at a git revision.
"""

from __future__ import annotations
