-- Groups of unattached conversations joined to a profile customer by the full name given
-- in them (first and last name, in either order: caller-id shows `LAST FIRST`), when that
-- name belongs to exactly one profile customer and the group names nobody else. This is
-- how a customer calling from a number no system knows still meets their profile.
with

groups as (
    select * from {{ ref('int_identity_interaction_groups') }}
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

profile_clusters as (
    select * from {{ ref('int_identity_profile_clusters') }}
),

profile_names as (
    select distinct
        profile_clusters.cluster_key,
        records.first_name_key,
        records.last_name_key,
        records.first_name_variants
    from records
    inner join profile_clusters on records.record_key = profile_clusters.record_key
    where records.first_name_key is not null and records.last_name_key is not null
),

group_names as (
    select distinct
        groups.group_key,
        records.first_name_key,
        records.last_name_key,
        records.first_name_variants
    from groups
    inner join records on groups.record_key = records.record_key
    where records.first_name_key is not null and records.last_name_key is not null
),

-- A group naming several different people is not one person's phone or inbox.
single_name_groups as (
    select group_key
    from group_names
    group by group_key
    having count(distinct least(first_name_key, last_name_key) || ' ' || greatest(first_name_key, last_name_key)) = 1
),

candidates as (
    select distinct
        group_names.group_key,
        profile_names.cluster_key
    from group_names
    inner join single_name_groups on group_names.group_key = single_name_groups.group_key
    inner join profile_names
        on
            (
                group_names.last_name_key = profile_names.last_name_key
                and list_has_any(group_names.first_name_variants, profile_names.first_name_variants)
            )
            or (
                group_names.first_name_key = profile_names.last_name_key
                and list_contains(profile_names.first_name_variants, group_names.last_name_key)
            )
),

final as (
    select
        group_key,
        min(cluster_key) as cluster_key
    from candidates
    group by group_key
    having count(distinct cluster_key) = 1
)

select * from final
