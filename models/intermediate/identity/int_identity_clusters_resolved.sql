-- Every usable record with the cluster (future customer) it belongs to. Conversations
-- that attach to no profile form customers of their own when they carry a usable email or
-- phone (grouped by it, and by a cookie seen with it); the rest belong to no customer.
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

usable_identifier_values as (
    select identifier_type, identifier_value
    from {{ ref('int_identity_identifiers_profiled') }}
    where is_usable
),

unattached as (
    select
        records.record_key,
        records.cookie_id,
        coalesce(
            case when usable_email.identifier_value is not null then 'email:' || records.email_canonical end,
            case when usable_phone.identifier_value is not null then 'phone:' || records.phone_e164 end
        ) as contact_point_key
    from records
    inner join attached_interactions
        on records.record_key = attached_interactions.record_key
    left join usable_identifier_values as usable_email
        on
            usable_email.identifier_type = 'email'
            and records.email_canonical = usable_email.identifier_value
    left join usable_identifier_values as usable_phone
        on
            usable_phone.identifier_type = 'phone'
            and records.phone_e164 = usable_phone.identifier_value
    where attached_interactions.cluster_key is null
),

cookie_contact_points as (
    select
        cookie_id,
        min(contact_point_key) as contact_point_key
    from unattached
    where cookie_id is not null and contact_point_key is not null
    group by cookie_id
    having count(distinct contact_point_key) = 1
),

unattached_clusters as (
    select
        unattached.record_key,
        'interactions|' || coalesce(unattached.contact_point_key, cookie_contact_points.contact_point_key)
            as cluster_key
    from unattached
    left join cookie_contact_points on unattached.cookie_id = cookie_contact_points.cookie_id
),

final as (
    select
        records.record_key,
        records.source_system,
        records.source_record_id,
        records.is_profile,
        coalesce(
            profile_clusters.cluster_key,
            attached_interactions.cluster_key,
            unattached_clusters.cluster_key
        ) as cluster_key
    from records
    left join profile_clusters on records.record_key = profile_clusters.record_key
    left join attached_interactions on records.record_key = attached_interactions.record_key
    left join unattached_clusters
        on
            records.record_key = unattached_clusters.record_key
            and unattached_clusters.cluster_key is not null
)

select * from final
