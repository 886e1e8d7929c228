-- Each conversation attached to the profile customer its email or phone points to. An
-- identifier that points to several customers (a household landline) attaches only where
-- the name given in the conversation fits exactly one of them. Name tokens that appear in
-- no profile at all (`Private`, `Wireless caller`) are not names and are ignored.
with

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

identifiers as (
    select * from {{ ref('int_identity_identifiers_unpivoted') }}
),

usable_identifier_values as (
    select
        identifier_type,
        identifier_value
    from {{ ref('int_identity_identifiers_profiled') }}
    where is_usable
),

profile_clusters as (
    select * from {{ ref('int_identity_profile_clusters') }}
),

profile_name_keys as (
    select first_name_key as name_key from records
    where is_profile and first_name_key is not null
    union
    select last_name_key as name_key from records
    where is_profile and last_name_key is not null
),

interactions as (
    select
        records.record_key,
        records.first_name_variants,
        known_first.name_key as first_name_key,
        known_last.name_key as last_name_key
    from records
    left join profile_name_keys as known_first on records.first_name_key = known_first.name_key
    left join profile_name_keys as known_last on records.last_name_key = known_last.name_key
    where not records.is_profile
),

usable_identifiers as (
    select identifiers.*
    from identifiers
    inner join usable_identifier_values
        on
            identifiers.identifier_type = usable_identifier_values.identifier_type
            and identifiers.identifier_value = usable_identifier_values.identifier_value
),

profile_identifiers as (
    select
        usable_identifiers.identifier_type,
        usable_identifiers.identifier_value,
        usable_identifiers.record_key,
        profile_clusters.cluster_key
    from usable_identifiers
    inner join profile_clusters on usable_identifiers.record_key = profile_clusters.record_key
    -- is_profile here and below: without it the optimiser joins every record's identifiers
    -- with every other's before it filters (a household phone makes that millions of rows).
    where
        usable_identifiers.is_profile
        and usable_identifiers.identifier_type in ('email', 'phone', 'email_local_part')
),

-- Candidate customers per conversation and evidence tier (10: exact email or phone, 20: the
-- email's local part at another provider), keeping only those whose records' names fit
-- the name the customer gave. Within a tier a fitting first name outranks a fitting
-- surname alone (+1): on a household landline `Lisa Shelton` is Lisa, not every Shelton.
candidates as (
    select distinct
        interactions.record_key,
        case when profile_identifiers.identifier_type = 'email_local_part' then 20 else 10 end
        + case
            when
                interactions.first_name_key is not null
                and profile_records.first_name_key is not null
                and {{ first_names_compatible('interactions', 'profile_records') }}
                then 0
            else 1
        end as evidence_tier,
        profile_identifiers.cluster_key
    from interactions
    inner join usable_identifiers as interaction_identifiers
        on
            interactions.record_key = interaction_identifiers.record_key
            and not interaction_identifiers.is_profile
    inner join profile_identifiers
        on
            interaction_identifiers.identifier_type = profile_identifiers.identifier_type
            and interaction_identifiers.identifier_value = profile_identifiers.identifier_value
    inner join records as profile_records
        on profile_identifiers.record_key = profile_records.record_key
    where {{ interaction_name_fits('interactions', 'profile_records') }}
),

-- The strongest tier that has candidates decides; it must name exactly one customer.
{{ decisive_cluster('attached_by_contact_point', 'candidates') }},

-- Conversations with no decisive contact point follow attached conversations that used the
-- same web cookie (tier 30) or, failing that, the same client address (tier 40), when those
-- point to one customer whose records fit the name given.
propagation_candidates as (
    select distinct
        interactions.record_key,
        case when own.identifier_type = 'cookie_id' then 30 else 40 end as evidence_tier,
        attached_by_contact_point.cluster_key
    from interactions
    inner join usable_identifiers as own
        on
            interactions.record_key = own.record_key
            and own.identifier_type in ('cookie_id', 'ip_address')
    inner join usable_identifiers as other
        on
            own.identifier_type = other.identifier_type
            and own.identifier_value = other.identifier_value
            and own.record_key <> other.record_key
    inner join attached_by_contact_point on other.record_key = attached_by_contact_point.record_key
    inner join profile_clusters on attached_by_contact_point.cluster_key = profile_clusters.cluster_key
    inner join records as profile_records on profile_clusters.record_key = profile_records.record_key
    left join attached_by_contact_point as already_attached
        on interactions.record_key = already_attached.record_key
    where
        already_attached.record_key is null
        and {{ interaction_name_fits('interactions', 'profile_records') }}
),

{{ decisive_cluster('attached_by_propagation', 'propagation_candidates') }},

final as (
    select
        interactions.record_key,
        coalesce(attached_by_contact_point.cluster_key, attached_by_propagation.cluster_key)
            as cluster_key,
        -- tens: the kind of evidence; units: how well the name fits
        case floor(coalesce(attached_by_contact_point.evidence_tier, attached_by_propagation.evidence_tier) / 10)
            when 1 then 'email or phone'
            when 2 then 'email local part'
            when 3 then 'web cookie'
            when 4 then 'client address'
        end as attached_by,
        (
            interactions.record_key in (select candidates.record_key from candidates)
            and attached_by_contact_point.cluster_key is null
        ) as is_ambiguous
    from interactions
    left join attached_by_contact_point
        on interactions.record_key = attached_by_contact_point.record_key
    left join attached_by_propagation
        on interactions.record_key = attached_by_propagation.record_key
)

select * from final
