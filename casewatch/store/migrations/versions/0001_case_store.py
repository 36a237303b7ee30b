"""case store: documents, claims, reviews, persons, mentions, events, links

Revision ID: 0001_case_store
Revises: (none)
Create Date: 2026-11-22 00:20:47.738677
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_case_store"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("report_date", sa.String(length=10), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_is_current"), ["is_current"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_path"), ["path"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_report_date"), ["report_date"], unique=False)

    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=True),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into"],
            ["persons.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_persons_merged_into"), ["merged_into"], unique=False)
        batch_op.create_index(batch_op.f("ix_persons_name"), ["name"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("property", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("original_value", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_property"), ["property"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_status"), ["status"], unique=False)
        batch_op.create_index("ix_claims_subject", ["document_id", "subject"], unique=False)

    op.create_table(
        "person_name_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "key"),
    )
    with op.batch_alter_table("person_name_keys", schema=None) as batch_op:
        batch_op.create_index("ix_person_name_keys_key_person", ["key", "person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_name_keys_person_id"), ["person_id"], unique=False)

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=True),
        sa.Column("article", sa.String(length=32), nullable=False),
        sa.Column("part", sa.String(length=16), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_article"), ["article"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_document_id"), ["document_id"], unique=False)

    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organizations_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_organizations_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_organizations_name"), ["name"], unique=False)

    op.create_table(
        "person_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("person_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_mentions_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_mentions_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_mentions_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_mentions_person_id"), ["person_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_name"), ["name"], unique=False)

    op.create_table(
        "review_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("user", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("old_status", sa.String(length=16), nullable=False),
        sa.Column("new_status", sa.String(length=16), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_actions_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("time", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("court", sa.Text(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("term", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "link_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mention_id", sa.Integer(), nullable=True),
        sa.Column("document_sha256", sa.String(length=64), nullable=True),
        sa.Column("document_path", sa.Text(), nullable=True),
        sa.Column("mention_name", sa.Text(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("other_person_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("user", sa.String(length=128), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mention_id"], ["person_mentions.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["other_person_id"],
            ["persons.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("link_decisions", schema=None) as batch_op:
        batch_op.create_index("ix_link_decisions_key", ["document_path", "mention_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_decisions_mention_id"), ["mention_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_decisions_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_decisions_status"), ["status"], unique=False)

    op.create_table(
        "mention_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["mention_id"], ["person_mentions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mention_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mention_names_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_names_mention_id"), ["mention_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_names_name"), ["name"], unique=False)

    op.create_table(
        "mention_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["mention_id"], ["person_mentions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mention_roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mention_roles_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_roles_mention_id"), ["mention_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_roles_role"), ["role"], unique=False)

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("subtype", sa.String(length=16), nullable=True),
        sa.Column("a_mention_id", sa.Integer(), nullable=True),
        sa.Column("a_organization_id", sa.Integer(), nullable=True),
        sa.Column("b_mention_id", sa.Integer(), nullable=True),
        sa.Column("b_organization_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["a_mention_id"], ["person_mentions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["a_organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["b_mention_id"], ["person_mentions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["b_organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relations_a_mention_id"), ["a_mention_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_relations_b_mention_id"), ["b_mention_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_relations_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_relations_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_relations_type"), ["type"], unique=False)

    op.create_table(
        "event_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event_articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_articles_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_articles_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_articles_key"), ["key"], unique=False)

    op.create_table(
        "event_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("mention_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_id"], ["person_mentions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event_participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_participants_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_participants_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_participants_mention_id"), ["mention_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_participants_organization_id"), ["organization_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("event_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_participants_organization_id"))
        batch_op.drop_index(batch_op.f("ix_event_participants_mention_id"))
        batch_op.drop_index(batch_op.f("ix_event_participants_event_id"))
        batch_op.drop_index(batch_op.f("ix_event_participants_claim_id"))

    op.drop_table("event_participants")
    with op.batch_alter_table("event_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_articles_key"))
        batch_op.drop_index(batch_op.f("ix_event_articles_event_id"))
        batch_op.drop_index(batch_op.f("ix_event_articles_claim_id"))

    op.drop_table("event_articles")
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relations_type"))
        batch_op.drop_index(batch_op.f("ix_relations_document_id"))
        batch_op.drop_index(batch_op.f("ix_relations_claim_id"))
        batch_op.drop_index(batch_op.f("ix_relations_b_mention_id"))
        batch_op.drop_index(batch_op.f("ix_relations_a_mention_id"))

    op.drop_table("relations")
    with op.batch_alter_table("mention_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mention_roles_role"))
        batch_op.drop_index(batch_op.f("ix_mention_roles_mention_id"))
        batch_op.drop_index(batch_op.f("ix_mention_roles_claim_id"))

    op.drop_table("mention_roles")
    with op.batch_alter_table("mention_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mention_names_name"))
        batch_op.drop_index(batch_op.f("ix_mention_names_mention_id"))
        batch_op.drop_index(batch_op.f("ix_mention_names_claim_id"))

    op.drop_table("mention_names")
    with op.batch_alter_table("link_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_decisions_status"))
        batch_op.drop_index(batch_op.f("ix_link_decisions_person_id"))
        batch_op.drop_index(batch_op.f("ix_link_decisions_mention_id"))
        batch_op.drop_index("ix_link_decisions_key")

    op.drop_table("link_decisions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_document_id"))
        batch_op.drop_index(batch_op.f("ix_events_date"))
        batch_op.drop_index(batch_op.f("ix_events_claim_id"))

    op.drop_table("events")
    with op.batch_alter_table("review_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_actions_claim_id"))

    op.drop_table("review_actions")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_name"))
        batch_op.drop_index(batch_op.f("ix_places_document_id"))
        batch_op.drop_index(batch_op.f("ix_places_claim_id"))

    op.drop_table("places")
    with op.batch_alter_table("person_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_mentions_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_mentions_name"))
        batch_op.drop_index(batch_op.f("ix_person_mentions_document_id"))
        batch_op.drop_index(batch_op.f("ix_person_mentions_claim_id"))

    op.drop_table("person_mentions")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_name"))
        batch_op.drop_index(batch_op.f("ix_organizations_document_id"))
        batch_op.drop_index(batch_op.f("ix_organizations_claim_id"))

    op.drop_table("organizations")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_document_id"))
        batch_op.drop_index(batch_op.f("ix_articles_code"))
        batch_op.drop_index(batch_op.f("ix_articles_claim_id"))
        batch_op.drop_index(batch_op.f("ix_articles_article"))

    op.drop_table("articles")
    with op.batch_alter_table("person_name_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_keys_person_id"))
        batch_op.drop_index("ix_person_name_keys_key_person")

    op.drop_table("person_name_keys")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_subject")
        batch_op.drop_index(batch_op.f("ix_claims_status"))
        batch_op.drop_index(batch_op.f("ix_claims_property"))
        batch_op.drop_index(batch_op.f("ix_claims_document_id"))

    op.drop_table("claims")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_name"))
        batch_op.drop_index(batch_op.f("ix_persons_merged_into"))

    op.drop_table("persons")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_report_date"))
        batch_op.drop_index(batch_op.f("ix_documents_path"))
        batch_op.drop_index(batch_op.f("ix_documents_is_current"))

    op.drop_table("documents")
