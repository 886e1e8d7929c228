"""Steward decisions that name conversations (source system `interactions`).

Decisions between profile records are applied where profiles are clustered. Conversations
join customers afterwards (by email, phone, cookie or name), so their decisions are applied
here, to the customers that proposed for them, under these rules:

- A `match` with a profile record puts the conversation in that record's customer, whatever
  it was attached to. A `match` between two conversations puts them in one customer.
- A conversation moves with the other conversations of its own customer when that customer
  holds no profile record (one inbox or phone no profile knows): they are one person. A
  conversation attached to a profile customer moves alone.
- Decisions never merge or split profile customers: a component of matched conversations that
  touches several profile customers goes to the one a `match` with a profile record names
  (the latest such decision), else to the customer with the smallest key.
- Then every `no_match` pair that still shares a customer is separated: the conversation (of
  two conversations, the later one) leaves for a customer of its own. A `no_match` overrides
  a `match` that chains the two together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

OWN_CUSTOMER_PREFIX = "interactions|record:"

DECIDED_SCHEMA = pa.schema(
    [
        ("record_key", pa.string()),
        ("cluster_key", pa.string()),
        ("is_profile_customer", pa.bool_()),
        ("steward_decision", pa.string()),
    ]
)


@dataclass(frozen=True)
class Decision:
    """The decision in force on a pair of records."""

    record_key_l: str
    record_key_r: str
    decision: str
    decided_by: str | None = None
    decided_at: str | None = None

    def describe(self) -> str:
        return f"{self.decision} {self.record_key_l} / {self.record_key_r} by {self.decided_by}"


@dataclass(frozen=True)
class Proposed:
    """The customers proposed before the decisions on conversations."""

    clusters: dict[str, str | None]  # record key -> cluster key (None: no customer)
    conversations: dict[str, str]  # conversation record key -> sortable start time
    profile_cluster_keys: set[str]  # cluster keys that hold a profile record


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def find(self, node: tuple) -> tuple:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, left: tuple, right: tuple) -> None:
        self.parent[self.find(left)] = self.find(right)

    def components(self) -> list[list[tuple]]:
        groups: dict[tuple, list[tuple]] = defaultdict(list)
        for node in list(self.parent):
            groups[self.find(node)].append(node)
        return list(groups.values())


def resolve(proposed: Proposed, decisions: Iterable[Decision]) -> dict[str, tuple[str, str]]:
    """Conversations whose customer the decisions change: record key -> (cluster key, why)."""
    clusters = proposed.clusters
    # Decisions on two records the run knows, at least one a conversation; a profile record
    # always has a customer.
    known = [
        decision
        for decision in decisions
        if all(
            key in proposed.conversations or clusters.get(key) is not None
            for key in (decision.record_key_l, decision.record_key_r)
        )
        and (
            decision.record_key_l in proposed.conversations
            or decision.record_key_r in proposed.conversations
        )
    ]
    ordered = sorted(known, key=lambda d: (d.decided_at or "", d.record_key_l, d.record_key_r))
    members: dict[str, list[str]] = defaultdict(list)
    for record_key, cluster_key in clusters.items():
        if cluster_key is not None and cluster_key not in proposed.profile_cluster_keys:
            members[cluster_key].append(record_key)

    def unit(conversation: str) -> tuple:
        cluster_key = clusters[conversation]
        if cluster_key is not None and cluster_key not in proposed.profile_cluster_keys:
            return ("group", cluster_key)
        return ("conversation", conversation)

    components = _UnionFind()
    links: list[tuple[Decision, tuple, tuple]] = []  # a match decision and the nodes it joins
    placed: set[str] = set()
    matched: set[str] = set()
    for decision in (d for d in ordered if d.decision == "match"):
        left, right = decision.record_key_l, decision.record_key_r
        if left in proposed.conversations and right in proposed.conversations:
            link = (decision, unit(left), unit(right))
            matched.update((left, right))
        else:
            conversation, profile = (
                (left, right) if left in proposed.conversations else (right, left)
            )
            link = (decision, unit(conversation), ("customer", clusters[profile]))
            placed.add(conversation)
            matched.add(conversation)
        links.append(link)
        components.union(link[1], link[2])
    # A matched conversation that no decision places stays with the profile customer it was
    # attached to, and brings the conversations matched with it.
    for conversation in matched - placed:
        if clusters[conversation] in proposed.profile_cluster_keys:
            components.union(unit(conversation), ("customer", clusters[conversation]))

    current = {conversation: clusters[conversation] for conversation in proposed.conversations}
    why: dict[str, str] = {}
    for component in components.components():
        nodes = set(component)
        decided = [link for link in links if link[1] in nodes]  # ordered: the last is latest
        named = [link[2][1] for link in decided if link[2][0] == "customer"]
        customers = sorted(node[1] for node in nodes if node[0] == "customer")
        groups = sorted(node[1] for node in nodes if node[0] == "group")
        singles = sorted(node[1] for node in nodes if node[0] == "conversation")
        if named:
            target = named[-1]
        elif customers:
            target = customers[0]
        else:
            target = groups[0] if groups else OWN_CUSTOMER_PREFIX + singles[0]
        moved = [c for group in groups for c in members[group]] + singles
        for conversation in moved:
            if conversation in current:
                current[conversation] = target
                why[conversation] = decided[-1][0].describe()

    for decision in (d for d in ordered if d.decision == "no_match"):
        left, right = decision.record_key_l, decision.record_key_r
        left_customer = current.get(left, clusters[left])
        if left_customer is None or left_customer != current.get(right, clusters[right]):
            continue
        conversations = [key for key in (left, right) if key in proposed.conversations]
        leaver = max(conversations, key=lambda key: (proposed.conversations[key], key))
        current[leaver] = OWN_CUSTOMER_PREFIX + leaver
        why[leaver] = decision.describe()

    return {
        conversation: (cluster_key, why[conversation])
        for conversation, cluster_key in current.items()
        if cluster_key != clusters[conversation]
    }


def named_records(decision_rows: Iterable[tuple]) -> list[str]:
    """The record keys that decision rows (record_key_l, record_key_r, ...) name."""
    return sorted({row[0] for row in decision_rows} | {row[1] for row in decision_rows})


def decide(decision_rows: Iterable[tuple], proposed_rows: Iterable[tuple]) -> pa.Table:
    """The conversations whose customer the decisions change, as rows of DECIDED_SCHEMA.

    `decision_rows` are (record_key_l, record_key_r, decision, decided_by, decided_at) of
    the decisions in force; `proposed_rows` are (record_key, is_profile, cluster_key,
    started_at) of the records they name and of every record sharing a cluster with them.
    Times are text that sorts in time order."""
    rows = list(proposed_rows)
    proposed = Proposed(
        clusters={record_key: cluster_key for record_key, _, cluster_key, _ in rows},
        conversations={
            record_key: started_at or ""
            for record_key, is_profile, _, started_at in rows
            if not is_profile
        },
        profile_cluster_keys={cluster_key for _, is_profile, cluster_key, _ in rows if is_profile},
    )
    decisions = [Decision(*row[:4], row[4] or "") for row in decision_rows]
    changed = resolve(proposed, decisions)
    return pa.Table.from_pylist(
        [
            {
                "record_key": record_key,
                "cluster_key": cluster_key,
                "is_profile_customer": cluster_key in proposed.profile_cluster_keys,
                "steward_decision": reason,
            }
            for record_key, (cluster_key, reason) in sorted(changed.items())
        ],
        schema=DECIDED_SCHEMA,
    )


def apply_interaction_decisions(
    connection: duckdb.DuckDBPyConnection,
    proposed_sql: str,
    decisions_sql: str,
    records_sql: str,
) -> pa.Table:
    """`decide` on DuckDB. `proposed_sql` has record_key, is_profile, cluster_key;
    `decisions_sql` record_key_l, record_key_r, decision, decided_by, decided_at;
    `records_sql` record_key, first_seen_at."""
    cursor = connection.cursor()
    try:
        decision_rows = cursor.execute(
            "select record_key_l, record_key_r, decision, decided_by, "
            f"cast(decided_at as varchar) from ({decisions_sql}) as decisions"
        ).fetchall()
        if not decision_rows:
            return DECIDED_SCHEMA.empty_table()
        named = named_records(decision_rows)
        proposed_rows = cursor.execute(
            f"""
            with proposed as ({proposed_sql}),
            named_clusters as (
                select distinct cluster_key from proposed
                where record_key in (select unnest(?::varchar[])) and cluster_key is not null
            )
            select proposed.record_key, proposed.is_profile, proposed.cluster_key,
                cast(records.first_seen_at as varchar)
            from proposed
            inner join ({records_sql}) as records using (record_key)
            where proposed.record_key in (select unnest(?::varchar[]))
                or proposed.cluster_key in (select cluster_key from named_clusters)
            """,
            [named, named],
        ).fetchall()
        return decide(decision_rows, proposed_rows)
    finally:
        cursor.close()
