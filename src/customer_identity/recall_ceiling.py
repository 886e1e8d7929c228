"""How much pairwise recall over all records any resolution could reach on a data set, given
what its conversations carry (docs/accuracy.md, "The ceiling on all-records recall").

Two oracles read ground truth, so their precision is 1 by construction; both take every
person's profile records (crm, erp, legacy) as already joined:

- identifier oracle: every conversation that carries an identifier of any use (an email or
  phone, a first and last name, or a web cookie or client address some other record also
  has) is put with its true person; the rest stay alone. Generous: it joins a conversation
  from a number nobody else used to its person although nothing in the data says so.
- evidence oracle: records of one person are joined only through values they share exactly
  (email, phone, web cookie, client address, or a full name: nickname-aware, in either
  order), transitively. No rule that needs shared evidence can recall more.
- evidence, unique names: the same, where a full name counts only when no other person in
  the data bears it (namesakes leave a rule unable to tell which person a name means).

Values are the pipeline's normalised ones (identity.int_identity_records_unioned of a run).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb

# One row per record and evidence value; a value is only evidence within one person.
_EVIDENCE_SQL = """
with records as (
    select records.*, truth.person_id
    from identity.int_identity_records_unioned as records
    inner join truth
        on records.source_system = truth.source_system
        and records.source_record_id = truth.source_record_id
),
named as (
    select * from records
    where first_name_key is not null and last_name_key is not null
)
select record_key, person_id, 'profile' as kind, '' as value from records where is_profile
union all
select record_key, person_id, 'email', email_canonical from records
where email_canonical is not null
union all
select record_key, person_id, 'phone', phone_e164 from records where phone_e164 is not null
union all
select record_key, person_id, 'phone', mobile_phone_e164 from records
where mobile_phone_e164 is not null
union all
select record_key, person_id, 'cookie', cookie_id from records where cookie_id is not null
union all
select record_key, person_id, 'ip', ip_address from records where ip_address is not null
union all
select record_key, person_id, 'name', unnest(first_name_variants) || ' ' || last_name_key
from named
union all
-- caller-id shows `LAST FIRST`
select record_key, person_id, 'name', last_name_key || ' ' || first_name_key from named
where not is_profile
"""


def _load_truth(connection: duckdb.DuckDBPyConnection, ground_truth: Path) -> None:
    connection.execute(
        """
        create or replace temp table truth as
        select source_system, source_record_id, person_id
        from read_csv(?, header = true, all_varchar = true)
        """,
        [str(ground_truth)],
    )


def _pairs(groups: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in groups.values())


class _Components:
    """Union-find over hashable nodes."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, node):
        parent = self.parent
        root = parent.setdefault(node, node)
        while root != parent[root]:
            root = parent[root]
        while node != root:
            parent[node], node = root, parent[node]
        return root

    def union(self, left, right) -> None:
        self.parent[self.find(left)] = self.find(right)


def recall_ceilings(database: Path, ground_truth: Path) -> dict[str, float]:
    """Pairwise recall over all records of each oracle."""
    if not ground_truth.exists():
        raise FileNotFoundError(f"{ground_truth}: no ground truth to compute a ceiling from")
    with duckdb.connect(str(database), read_only=True) as connection:
        _load_truth(connection, ground_truth)
        # Every record, those with no evidence value at all (an anonymous call) included.
        person_of = dict(
            connection.execute(
                """
                select records.record_key, truth.person_id
                from identity.int_identity_records_unioned as records
                inner join truth
                    on records.source_system = truth.source_system
                    and records.source_record_id = truth.source_record_id
                """
            ).fetchall()
        )
        evidence = connection.execute(_EVIDENCE_SQL).fetchall()
    if not person_of:
        raise ValueError(f"no record of {ground_truth} is in {database}")

    is_profile = {key for key, _, kind, _ in evidence if kind == "profile"}
    value_records = Counter(
        (kind, value) for _, _, kind, value in evidence if kind in ("cookie", "ip")
    )
    shared_web_values = {key for key, n in value_records.items() if n >= 2}
    usable: set[str] = set(is_profile)
    for record_key, _, kind, value in evidence:
        if kind in ("email", "phone", "name") or (kind, value) in shared_web_values:
            usable.add(record_key)

    persons = Counter(person_of.values())
    true_pairs = _pairs(persons)
    names = ("evidence oracle", "evidence, unique names")
    if not true_pairs:
        return dict.fromkeys(("identifier oracle", *names), 1.0)

    identifier_groups = Counter(
        person_of[key] if key in usable else f"alone:{key}" for key in person_of
    )
    # A full name another person in the data also bears tells nobody which of them it is.
    name_persons: dict[str, set[str]] = {}
    for _, person_id, kind, value in evidence:
        if kind == "name":
            name_persons.setdefault(value, set()).add(person_id)
    ceilings = {"identifier oracle": _pairs(identifier_groups) / true_pairs}
    for name, unique_names_only in zip(names, (False, True), strict=True):
        components = _Components()
        for record_key, person_id, kind, value in evidence:
            if unique_names_only and kind == "name" and len(name_persons[value]) > 1:
                continue
            components.union(record_key, (person_id, kind, value))
        groups = Counter((person_of[key], components.find(key)) for key in person_of)
        ceilings[name] = _pairs(groups) / true_pairs
    return ceilings


def format_ceilings(ceilings: dict[str, float]) -> str:
    """Recall and the best F1 it allows (at precision 1), one oracle a line."""
    return "\n".join(
        f"{name:<24} pairwise recall {recall:.4f}  best F1 {2 * recall / (1 + recall):.4f}"
        for name, recall in ceilings.items()
    )
