{{ config(materialized='view') }}
-- golden_customer for BI readers: contact points masked, birth year only, name initials, no
-- street or postcode.
with

golden as (
    select * from {{ ref('golden_customer') }}
),

calling_codes as (
    select distinct calling_code from {{ ref('country_reference') }}
    where calling_code is not null
),

-- Calling codes are prefix-free: at most one matches a number.
golden_calling_codes as (
    select
        golden.customer_id,
        calling_codes.calling_code
    from golden
    inner join calling_codes
        on substr(golden.primary_phone, 2, length(calling_codes.calling_code)) = calling_codes.calling_code
),

final as (
    select
        golden.customer_id,
        {{ dbt.concat(["substr(golden.first_name, 1, 1)", "'.'"]) }} as first_name_initial,
        {{ dbt.concat(["substr(golden.last_name, 1, 1)", "'.'"]) }} as last_name_initial,
        {{ mask_email('golden.primary_email') }} as primary_email_masked,
        {{ mask_phone('golden.primary_phone', 'golden_calling_codes.calling_code') }} as primary_phone_masked,
        golden.city,
        golden.country_code,
        cast(extract(year from golden.date_of_birth) as integer) as birth_year,
        golden.loyalty_tier,
        golden.preferred_language,
        golden.last_purchase_date,
        golden.lifetime_value,
        golden.first_seen_at,
        golden.last_seen_at,
        golden.source_record_count,
        golden.profile_record_count,
        golden.interaction_count,
        golden.channels_used,
        golden.is_erased
    from golden
    left join golden_calling_codes on golden.customer_id = golden_calling_codes.customer_id
)

select * from final
