-- Every usable conversation with its channel, time and the customer it belongs to (empty
-- when it carries no usable identifier): a call by ANI, a chat by email and a WhatsApp
-- message by phone of one person show up under one customer_id.
with

assignments as (
    select * from {{ ref('int_customers_assigned') }}
    where not is_profile
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

attached as (
    select * from {{ ref('int_identity_interactions_placed') }}
),

decided as (
    select * from {{ ref('int_identity_interactions_decided') }}
),

final as (
    select
        assignments.record_key,
        assignments.source_record_id as conversation_id,
        assignments.customer_id,
        records.channel,
        records.first_seen_at as started_at,
        case
            when decided.record_key is null then attached.attached_by
            when decided.is_profile_customer then 'steward decision'
        end as attached_by,
        (records.email is not null) as has_email,
        (records.phone_e164 is not null) as has_phone
    from assignments
    inner join records on assignments.record_key = records.record_key
    left join attached on assignments.record_key = attached.record_key
    left join decided on assignments.record_key = decided.record_key
)

select * from final
