-- Every conversation with the cluster it joins. First what its own contact points and name
-- decide: attached to a profile customer, its group matched to one by name, or its group as
-- a customer of its own. A conversation left without one (a chat giving a first name at
-- most) then follows the other conversations that used the same web cookie (first) or
-- client address, when those sit in exactly one cluster and no name given contradicts;
-- failing that, conversations sharing a recurring cookie, and no more than one first name,
-- become a customer of their own (one browser). The rest belong to no customer.
with

records as (
    select * from {{ ref('int_identity_records_unioned') }}
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

profile_clusters as (
    select distinct cluster_key from {{ ref('int_identity_profile_clusters') }}
),

usable_identifiers as (
    select identifiers.*
    from {{ ref('int_identity_identifiers_unpivoted') }} as identifiers
    inner join {{ ref('int_identity_identifiers_profiled') }} as profiled
        on
            identifiers.identifier_type = profiled.identifier_type
            and identifiers.identifier_value = profiled.identifier_value
    where
        profiled.is_usable
        and not identifiers.is_profile
        and identifiers.identifier_type in ('cookie_id', 'ip_address')
),

placed as (
    select
        attached_interactions.record_key,
        coalesce(
            attached_interactions.cluster_key,
            matched_groups.cluster_key,
            case when interaction_groups.has_contact_point then interaction_groups.group_key end
        ) as cluster_key,
        attached_interactions.attached_by
    from attached_interactions
    left join interaction_groups on attached_interactions.record_key = interaction_groups.record_key
    left join matched_groups on interaction_groups.group_key = matched_groups.group_key
),

unplaced_identifiers as (
    select usable_identifiers.*
    from usable_identifiers
    inner join placed on usable_identifiers.record_key = placed.record_key
    where placed.cluster_key is null
),

-- Tier 1: a web cookie (one browser), tier 2: a client address (one home, or a shared one).
follow_candidates as (
    select distinct
        unplaced_identifiers.record_key,
        case when unplaced_identifiers.identifier_type = 'cookie_id' then 1 else 2 end as evidence_tier,
        placed.cluster_key
    from unplaced_identifiers
    inner join usable_identifiers as other
        on
            unplaced_identifiers.identifier_type = other.identifier_type
            and unplaced_identifiers.identifier_value = other.identifier_value
            and unplaced_identifiers.record_key <> other.record_key
    inner join placed on other.record_key = placed.record_key
    inner join records as follower on unplaced_identifiers.record_key = follower.record_key
    inner join records as placed_record on other.record_key = placed_record.record_key
    where
        placed.cluster_key is not null
        and {{ first_names_compatible('follower', 'placed_record') }}
),

{{ decisive_cluster('followed', 'follow_candidates') }},

cookie_group_members as (
    select
        unplaced_identifiers.record_key,
        unplaced_identifiers.identifier_value as cookie_id,
        records.first_name_key
    from unplaced_identifiers
    inner join records on unplaced_identifiers.record_key = records.record_key
    left join followed on unplaced_identifiers.record_key = followed.record_key
    where unplaced_identifiers.identifier_type = 'cookie_id' and followed.record_key is null
),

cookie_groups as (
    select cookie_id
    from cookie_group_members
    group by cookie_id
    having count(*) >= 2 and count(distinct first_name_key) <= 1
),

final as (
    select
        placed.record_key,
        coalesce(
            placed.cluster_key,
            followed.cluster_key,
            case when cookie_groups.cookie_id is not null then 'interactions|cookie:' || cookie_groups.cookie_id end
        ) as cluster_key,
        coalesce(
            placed.attached_by,
            case
                when profile_clusters.cluster_key is null then null
                when followed.evidence_tier = 1 then 'web cookie'
                else 'client address'
            end
        ) as attached_by
    from placed
    left join followed on placed.record_key = followed.record_key
    left join profile_clusters on followed.cluster_key = profile_clusters.cluster_key
    left join cookie_group_members on placed.record_key = cookie_group_members.record_key
    left join cookie_groups on cookie_group_members.cookie_id = cookie_groups.cookie_id
)

select * from final
