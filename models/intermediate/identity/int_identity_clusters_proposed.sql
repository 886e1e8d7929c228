-- Every record with the cluster (future customer) linkage proposes for it, before steward
-- decisions on conversations: profile clusters, and the cluster each conversation was
-- placed in (int_identity_interactions_placed). Conversations with no usable identifier
-- belong to no customer.
with

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

profile_clusters as (
    select * from {{ ref('int_identity_profile_clusters') }}
),

placed_interactions as (
    select * from {{ ref('int_identity_interactions_placed') }}
),

final as (
    select
        records.record_key,
        records.source_system,
        records.source_record_id,
        records.is_profile,
        records.content_hash,
        coalesce(profile_clusters.cluster_key, placed_interactions.cluster_key) as cluster_key
    from records
    left join profile_clusters on records.record_key = profile_clusters.record_key
    left join placed_interactions on records.record_key = placed_interactions.record_key
)

select * from final
