-- Conversations attached to no profile, grouped by the usable email or phone they carry
-- (and by a web cookie, or failing that a client address, seen with exactly one such
-- contact point). A conversation with none
-- of these but a full name is a group of its own that can only join a profile by that name
-- (has_contact_point false); the rest have no group, and so no customer.
with

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

attached_interactions as (
    select * from {{ ref('int_identity_interactions_attached') }}
),

usable_identifier_values as (
    select
        identifier_type,
        identifier_value
    from {{ ref('int_identity_identifiers_profiled') }}
    where is_usable
),

unattached as (
    select
        records.record_key,
        usable_cookie.identifier_value as cookie_id,
        usable_ip.identifier_value as ip_address,
        records.first_name_key is not null and records.last_name_key is not null as has_full_name,
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
    left join usable_identifier_values as usable_cookie
        on
            usable_cookie.identifier_type = 'cookie_id'
            and records.cookie_id = usable_cookie.identifier_value
    left join usable_identifier_values as usable_ip
        on
            usable_ip.identifier_type = 'ip_address'
            and records.ip_address = usable_ip.identifier_value
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

ip_contact_points as (
    select
        ip_address,
        min(contact_point_key) as contact_point_key
    from unattached
    where ip_address is not null and contact_point_key is not null
    group by ip_address
    having count(distinct contact_point_key) = 1
),

grouped as (
    select
        unattached.record_key,
        unattached.has_full_name,
        coalesce(
            unattached.contact_point_key,
            cookie_contact_points.contact_point_key,
            ip_contact_points.contact_point_key
        ) as contact_point_key
    from unattached
    left join cookie_contact_points on unattached.cookie_id = cookie_contact_points.cookie_id
    left join ip_contact_points on unattached.ip_address = ip_contact_points.ip_address
),

final as (
    select
        record_key,
        'interactions|' || coalesce(contact_point_key, 'record:' || record_key) as group_key,
        contact_point_key is not null as has_contact_point
    from grouped
    where contact_point_key is not null or has_full_name
)

select * from final
