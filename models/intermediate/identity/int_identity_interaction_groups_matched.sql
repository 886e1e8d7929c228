-- Groups of unattached conversations joined to a profile customer by the full name given
-- in them (first and last name, in either order: caller-id shows `LAST FIRST`), when that
-- name belongs to exactly one profile customer and the group names nobody else. This is
-- how a customer calling from a number no system knows still meets their profile. Groups
-- whose full name no profile holds are joined to each other when that name is theirs alone
-- (no more groups than var max_groups_per_unknown_name): one person's phone and inbox.
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
        groups.has_contact_point,
        records.first_name_key,
        records.last_name_key,
        records.first_name_variants
    from groups
    inner join records on groups.record_key = records.record_key
    where records.first_name_key is not null and records.last_name_key is not null
),

-- A group naming several different people is not one person's phone or inbox. Names of
-- one person may differ by nickname (Jim / James) or by caller-id order (`LAST FIRST`).
conflicting_name_pairs as (
    select distinct left_name.group_key
    from group_names as left_name
    inner join group_names as right_name
        on left_name.group_key = right_name.group_key
    where not (
        (
            left_name.last_name_key = right_name.last_name_key
            and {{ arrays_overlap('left_name.first_name_variants', 'right_name.first_name_variants') }}
        )
        -- caller-id order (`LAST FIRST`), its first name possibly cut at 15 characters
        {%- for a, b in [('left_name', 'right_name'), ('right_name', 'left_name')] %}
        or (
            {{ a }}.last_name_key = {{ b }}.first_name_key
            and (
                {{ a }}.first_name_key = {{ b }}.last_name_key
                or (
                    length({{ b }}.last_name_key) >= 3
                    and {{ starts_with(a ~ '.first_name_key', b ~ '.last_name_key') }}
                )
            )
        )
        {%- endfor %}
    )
),

single_name_groups as (
    select distinct group_names.group_key
    from group_names
    left join conflicting_name_pairs on group_names.group_key = conflicting_name_pairs.group_key
    where conflicting_name_pairs.group_key is null
),

-- One row per first-name variant, so that sharing a variant is an equi-join: a join on the
-- last name alone, filtered by overlapping variants, compares every Smith with every Smith.
group_name_variants as (
    select distinct
        group_names.group_key,
        group_names.last_name_key,
        {{ unnest_array('group_names.first_name_variants') }} as first_name_variant
    from group_names
    inner join single_name_groups on group_names.group_key = single_name_groups.group_key
),

profile_name_variants as (
    select distinct
        cluster_key,
        last_name_key,
        {{ unnest_array('first_name_variants') }} as first_name_variant
    from profile_names
),

-- Two equi-joins rather than one join on an `or`, which would compare every group with
-- every profile name.
candidates as (
    select distinct
        group_name_variants.group_key,
        profile_name_variants.cluster_key
    from group_name_variants
    inner join profile_name_variants
        on
            group_name_variants.last_name_key = profile_name_variants.last_name_key
            and group_name_variants.first_name_variant = profile_name_variants.first_name_variant

    union

    select distinct
        group_names.group_key,
        profile_names.cluster_key
    from group_names
    inner join single_name_groups on group_names.group_key = single_name_groups.group_key
    inner join profile_names
        on group_names.first_name_key = profile_names.last_name_key
    -- caller-id shows at most 15 characters, so the first name may be cut short
    where
        group_names.last_name_key = profile_names.first_name_key
        or (
            length(group_names.last_name_key) >= 3
            and {{ starts_with('profile_names.first_name_key', 'group_names.last_name_key') }}
        )
),

matched_to_profiles as (
    select
        group_key,
        min(cluster_key) as cluster_key
    from candidates
    group by group_key
    having count(distinct cluster_key) = 1
),

unknown_name_groups as (
    select
        group_names.group_key,
        min(
            least(group_names.first_name_key, group_names.last_name_key)
            || ' ' || greatest(group_names.first_name_key, group_names.last_name_key)
        ) as name_key
    from group_names
    inner join single_name_groups on group_names.group_key = single_name_groups.group_key
    left join candidates on group_names.group_key = candidates.group_key
    where candidates.group_key is null and group_names.has_contact_point
    group by group_names.group_key
),

rare_unknown_names as (
    select name_key
    from unknown_name_groups
    group by name_key
    having count(*) between 2 and {{ var('max_groups_per_unknown_name') }}
),

matched_to_each_other as (
    select
        unknown_name_groups.group_key,
        'interactions|name:' || unknown_name_groups.name_key as cluster_key
    from unknown_name_groups
    inner join rare_unknown_names on unknown_name_groups.name_key = rare_unknown_names.name_key
),

final as (
    select * from matched_to_profiles
    union all
    select * from matched_to_each_other
)

select * from final
