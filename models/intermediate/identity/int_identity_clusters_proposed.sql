-- Every record with the cluster (future customer) linkage proposes for it, before steward
-- decisions on conversations: profile clusters; conversations attached to them directly, or
-- through their group's full name; groups of unattached conversations as customers of their
-- own. Conversations with no usable identifier belong to no customer.
with

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

profile_clusters as (
    select * from {{ ref('int_identity_profile_clusters') }}
),

attached_interactions as (
    select * from {{ ref('int_identity_interactions_attached') }}
),

interaction_groups as (
    select * from {{ ref('int_identity_interaction_groups') }}
),

matched_groups as (
    select * from {{ ref('int_identity_interaction_groups_matched') }}
),

final as (
    select
        records.record_key,
        records.source_system,
        records.source_record_id,
        records.is_profile,
        records.content_hash,
        coalesce(
            profile_clusters.cluster_key,
            attached_interactions.cluster_key,
            matched_groups.cluster_key,
            case when interaction_groups.has_contact_point then interaction_groups.group_key end
        ) as cluster_key
    from records
    left join profile_clusters on records.record_key = profile_clusters.record_key
    left join attached_interactions on records.record_key = attached_interactions.record_key
    left join interaction_groups on records.record_key = interaction_groups.record_key
    left join matched_groups on interaction_groups.group_key = matched_groups.group_key
)

select * from final
