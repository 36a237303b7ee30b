"""Secret calendar feed addresses: a calendar app cannot log in, so each user may hold feed tokens
that read the hearing calendar as that user sees it. Only the token's SHA-256 is stored; a token is
shown once, and revoked by its owner or an admin."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from casewatch.store.accounts import User, token_hash, utcnow
from casewatch.store.models import Base


class CalendarFeed(Base):
    """One secret feed address of one user."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


def create_feed(session: Session, user: User) -> tuple[str, CalendarFeed]:
    """A new feed for `user`: the token (shown once) and its row."""
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(user_id=user.id, token_hash=token_hash(token))
    session.add(feed)
    session.flush()
    return token, feed


def feed_user(session: Session, token: str) -> User | None:
    """The active user a live feed token belongs to, or None."""
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == token_hash(token)))
    if feed is None or feed.revoked_at is not None:
        return None
    user = session.get(User, feed.user_id)
    if user is None or not user.active:
        return None
    feed.last_used_at = utcnow()
    return user


def user_feeds(session: Session, user: User) -> list[CalendarFeed]:
    """A user's feeds that are not revoked, newest first."""
    q = select(CalendarFeed).where(CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None))
    return list(session.scalars(q.order_by(CalendarFeed.id.desc())))
