-- Every distinct normalised email of every customer: when it was first and last seen, which
-- sources hold it, and whether it is the golden record's primary email.
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

customer_emails as (
    select
        assignments.customer_id,
        records.email,
        min(records.first_seen_at) as first_seen_at,
        max(records.source_updated_at) as last_seen_at,
        {{ string_agg_ordered('records.source_system', "','", distinct=true) }} as source_systems,
        count(*) as record_count
    from assignments
    inner join records on assignments.record_key = records.record_key
    where records.email is not null
    group by assignments.customer_id, records.email
),

final as (
    select
        customer_emails.customer_id || '|' || customer_emails.email as customer_email_id,
        customer_emails.*,
        coalesce(customer_emails.email = golden.primary_email, false) as is_primary
    from customer_emails
    left join golden on customer_emails.customer_id = golden.customer_id
)

select * from final
