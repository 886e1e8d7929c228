-- Every record with the cluster (future customer) it belongs to: what linkage proposes,
-- with steward decisions on conversations applied.
with

proposed as (
    select * from {{ ref('int_identity_clusters_proposed') }}
),

decided as (
    select * from {{ ref('int_identity_interactions_decided') }}
),

final as (
    select
        proposed.record_key,
        proposed.source_system,
        proposed.source_record_id,
        proposed.is_profile,
        proposed.content_hash,
        coalesce(decided.cluster_key, proposed.cluster_key) as cluster_key
    from proposed
    left join decided on proposed.record_key = decided.record_key
)

select * from final
