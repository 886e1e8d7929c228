-- Every distinct E.164 phone of every customer (landlines, mobiles and the numbers
-- conversations came from): when it was first and last seen, which sources hold it, and
-- whether it is the golden record's primary phone.
with

assignments as (
    select * from {{ ref('int_customers_assigned') }}
    where customer_id is not null
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

golden as (
    select * from {{ ref('golden_customer') }}
),

record_phones as (
    select
        record_key,
        source_system,
        phone_e164 as phone,
        first_seen_at,
        source_updated_at
    from records
    where phone_e164 is not null
    union all
    select
        record_key,
        source_system,
        mobile_phone_e164 as phone,
        first_seen_at,
        source_updated_at
    from records
    where mobile_phone_e164 is not null
),

customer_phones as (
    select
        assignments.customer_id,
        record_phones.phone,
        min(record_phones.first_seen_at) as first_seen_at,
        max(record_phones.source_updated_at) as last_seen_at,
        {{ string_agg_ordered('record_phones.source_system', "','", distinct=true) }} as source_systems,
        count(distinct record_phones.record_key) as record_count
    from assignments
    inner join record_phones on assignments.record_key = record_phones.record_key
    group by assignments.customer_id, record_phones.phone
),

final as (
    select
        customer_phones.customer_id || '|' || customer_phones.phone as customer_phone_id,
        customer_phones.*,
        coalesce(customer_phones.phone = golden.primary_phone, false) as is_primary
    from customer_phones
    left join golden on customer_phones.customer_id = golden.customer_id
)

select * from final
