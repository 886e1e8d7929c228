-- The customer id of every clustered record, inherited from the previous run rather than
-- derived from this one: a cluster holding records of exactly one earlier customer keeps
-- that id; a merge keeps the id of the earlier customer with the most records (ties: the
-- oldest id) and retires the others; a split leaves the id with the part holding most of
-- its records and issues new ids for the rest. New ids come from a sequence that is never
-- reused. A record of an erased person keeps the customer id it had when it was erased
-- (its tombstone, from the erasure registry). The previous run's assignment and the ids
-- issued so far are read by name from the registries this run extends downstream
-- (history.customer_assignment_state, customer_id_map).
{%- set string_type = dbt.type_string() %}
{%- set previous_assignment_columns = [
    ['record_key', string_type],
    ['customer_id', string_type],
    ['content_hash', string_type],
    ['is_tombstone', dbt.type_boolean()],
    ['is_present', dbt.type_boolean()],
] %}
{%- set issued_id_columns = [
    ['customer_id', string_type],
    ['id_sequence', dbt.type_bigint()],
] %}
with

clusters as (
    select * from {{ ref('int_identity_clusters_resolved') }}
),

erasure_registry as (
    {{ erasure_registry_entries() }}
),

previous_assignments as (
    {{ select_persisted('history', 'customer_assignment_state', previous_assignment_columns) }}
),

issued_ids as (
    {{ select_persisted(target.schema, 'customer_id_map', issued_id_columns) }}
),

tombstones as (
    select
        identifier_hash as record_key_hash,
        max(customer_id) as customer_id
    from erasure_registry
    where identifier_type = 'record_key' and customer_id is not null
    group by identifier_hash
),

records as (
    select
        clusters.record_key,
        clusters.source_system,
        clusters.source_record_id,
        clusters.is_profile,
        clusters.content_hash,
        clusters.cluster_key,
        tombstones.customer_id as tombstone_customer_id
    from clusters
    left join tombstones
        on {{ salted_hash('clusters.record_key') }} = tombstones.record_key_hash
),

-- Records of the previous run and their customers; erased records keep their tombstone
-- and take no part in passing ids on.
previous_members as (
    select
        record_key,
        customer_id
    from previous_assignments
    where is_present and customer_id is not null and not is_tombstone
),

previous_customers as (
    select
        previous_members.customer_id,
        count(*) as previous_record_count,
        min(issued_ids.id_sequence) as id_sequence
    from previous_members
    left join issued_ids on previous_members.customer_id = issued_ids.customer_id
    group by previous_members.customer_id
),

-- How many of each earlier customer's records each cluster now holds.
cluster_overlaps as (
    select
        records.cluster_key,
        previous_members.customer_id as previous_customer_id,
        count(*) as shared_record_count
    from records
    inner join previous_members on records.record_key = previous_members.record_key
    where records.cluster_key is not null and records.tombstone_customer_id is null
    group by records.cluster_key, previous_members.customer_id
),

-- An earlier id can stay with one cluster only: the one holding most of its records.
ranked_claims as (
    select
        cluster_overlaps.cluster_key,
        cluster_overlaps.previous_customer_id,
        previous_customers.previous_record_count,
        previous_customers.id_sequence,
        row_number() over (
            partition by cluster_overlaps.previous_customer_id
            order by cluster_overlaps.shared_record_count desc, cluster_overlaps.cluster_key asc
        ) as claim_rank
    from cluster_overlaps
    inner join previous_customers
        on cluster_overlaps.previous_customer_id = previous_customers.customer_id
),

-- A cluster claimed by several earlier customers (a merge) keeps the id of the one with the
-- most records; ties go to the oldest id (ids without a sequence number predate it).
ranked_keepers as (
    select
        cluster_key,
        previous_customer_id,
        row_number() over (
            partition by cluster_key
            order by
                previous_record_count desc,
                coalesce(id_sequence, 0) asc,
                previous_customer_id asc
        ) as keeper_rank
    from ranked_claims
    where claim_rank = 1
),

kept_ids as (
    select
        cluster_key,
        previous_customer_id as customer_id
    from ranked_keepers
    where keeper_rank = 1
),

id_counter as (
    select coalesce(max(id_sequence), 0) as last_id_sequence
    from issued_ids
),

unclaimed_clusters as (
    select distinct records.cluster_key
    from records
    left join kept_ids on records.cluster_key = kept_ids.cluster_key
    where
        records.cluster_key is not null
        and records.tombstone_customer_id is null
        and kept_ids.cluster_key is null
),

issued_now as (
    select
        unclaimed_clusters.cluster_key,
        id_counter.last_id_sequence
        + row_number() over (order by unclaimed_clusters.cluster_key) as id_sequence
    from unclaimed_clusters
    cross join id_counter
),

cluster_ids as (
    select
        cluster_key,
        customer_id
    from kept_ids
    union all
    select
        cluster_key,
        {{ customer_id_from_sequence('id_sequence') }} as customer_id
    from issued_now
),

previous_records as (
    select
        record_key,
        customer_id,
        content_hash
    from previous_assignments
    where is_present
),

final as (
    select
        records.record_key,
        records.source_system,
        records.source_record_id,
        records.is_profile,
        records.cluster_key,
        coalesce(records.tombstone_customer_id, cluster_ids.customer_id) as customer_id,
        (records.tombstone_customer_id is not null) as is_tombstone,
        records.content_hash,
        previous_records.customer_id as previous_customer_id,
        previous_records.content_hash as previous_content_hash
    from records
    left join cluster_ids on records.cluster_key = cluster_ids.cluster_key
    left join previous_records on records.record_key = previous_records.record_key
)

select * from final
