-- One row per resolved customer; each attribute survives from the most trusted source that
-- holds it (see seed source_trust), then the most recent record.
with

assignments as (
    select * from {{ ref('int_customers_assigned') }}
    where customer_id is not null
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

source_trust as (
    select * from {{ ref('source_trust') }}
),

customer_records as (
    select
        assignments.customer_id,
        records.*,
        source_trust.trust_rank
    from assignments
    inner join records on assignments.record_key = records.record_key
    inner join source_trust on records.source_system = source_trust.source_system
),

survived as (
    {%- set priority = 'trust_rank, source_updated_at desc nulls last, record_key' %}
    select
        customer_id,
        {{ survive_by_priority('first_name', priority) }} as first_name,
        {{ survive_by_priority('last_name', priority) }} as last_name,
        {{ survive_by_priority('email', priority) }} as primary_email,
        {{ survive_by_priority('coalesce(mobile_phone_e164, phone_e164)', priority) }} as primary_phone,
        {{ survive_by_priority('street', priority) }} as street,
        {{ survive_by_priority('city', priority) }} as city,
        {{ survive_by_priority('postcode', priority) }} as postcode,
        {{ survive_by_priority('country_code', priority) }} as country_code,
        {{ survive_by_priority('date_of_birth', priority) }} as date_of_birth,
        {{ survive_by_priority('loyalty_tier', priority) }} as loyalty_tier,
        {{ survive_by_priority('preferred_language', priority) }} as preferred_language,
        max(last_purchase_date) as last_purchase_date,
        max(lifetime_value) as lifetime_value,
        min(first_seen_at) as first_seen_at,
        max(source_updated_at) as last_seen_at,
        count(*) as source_record_count,
        count(*) filter (where is_profile) as profile_record_count,
        count(*) filter (where not is_profile) as interaction_count
    from customer_records
    group by customer_id
)

select * from survived
