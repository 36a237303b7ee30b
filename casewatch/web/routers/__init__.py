"""One router per resource; pages and /api/v1 JSON share each resource's context builders."""

from casewatch.web.routers import (
    account,
    admin,
    audit,
    auth,
    claims,
    dashboard,
    events,
    meta,
    persons,
    reports,
    review,
    search,
    upload,
)

ROUTERS = [
    auth.router,
    account.router,
    admin.router,
    dashboard.router,
    reports.router,
    reports.api,
    claims.router,
    claims.api,
    persons.router,
    persons.api,
    events.api,
    review.router,
    upload.router,
    search.router,
    search.api,
    audit.router,
    meta.api,
]
