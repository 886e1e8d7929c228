-- The customer id of every clustered record. An id is derived from the cluster's smallest
-- record key, so a rerun on the same data gives the same ids. (Ids that survive merges and
-- splits across runs come with the id-history work.) A record of an erased person keeps the
-- customer id it had when it was erased (its tombstone, from the erasure registry).
with

clusters as (
    select * from {{ ref('int_identity_clusters_resolved') }}
),

erasure_registry as (
    {{ erasure_registry_entries() }}
),

tombstones as (
    select
        identifier_hash as record_key_hash,
        max(customer_id) as customer_id
    from erasure_registry
    where identifier_type = 'record_key' and customer_id is not null
    group by identifier_hash
),

final as (
    select
        clusters.record_key,
        clusters.source_system,
        clusters.source_record_id,
        clusters.is_profile,
        clusters.cluster_key,
        coalesce(
            tombstones.customer_id,
            case
                when clusters.cluster_key is not null
                    then 'CUS-' || upper(substr(md5(clusters.cluster_key), 1, 16))
            end
        ) as customer_id,
        (tombstones.customer_id is not null) as is_tombstone
    from clusters
    left join tombstones
        on {{ salted_hash('clusters.record_key') }} = tombstones.record_key_hash
)

select * from final
