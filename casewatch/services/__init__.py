"""Workflows: each human decision (merge, split, settle a link, review a claim, relink) done once,
stored through `casewatch.store` and written to the audit log, whether it comes from a page or the CLI."""
