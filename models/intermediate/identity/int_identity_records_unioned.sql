-- One row per usable source record (quarantined rows stay out), in one vocabulary.
with

nicknames as (
    select * from {{ ref('nicknames') }}
),

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
    where quarantine_reason is null
),

erp_customers as (
    select * from {{ ref('stg_erp__customers') }}
    where quarantine_reason is null
),

legacy_customers as (
    select * from {{ ref('stg_legacy__customers') }}
    where quarantine_reason is null
),

conversations as (
    select * from {{ ref('stg_interactions__conversations') }}
    where quarantine_reason is null
),

unioned as (
    select
        source_system,
        source_record_id,
        true as is_profile,
        first_name,
        last_name,
        first_name_key,
        last_name_key,
        email,
        email_canonical,
        phone_e164,
        mobile_phone_e164,
        street,
        city,
        postcode,
        country_code,
        date_of_birth,
        account_id,
        cast(null as {{ dbt.type_string() }}) as national_id,
        cast(null as {{ dbt.type_string() }}) as cookie_id,
        cast(null as {{ dbt.type_string() }}) as ip_address,
        cast(null as {{ dbt.type_string() }}) as channel,
        loyalty_tier,
        preferred_language,
        cast(null as date) as last_purchase_date,
        cast(null as decimal(18, 2)) as lifetime_value,
        coalesce(source_created_at, source_updated_at) as first_seen_at,
        coalesce(source_updated_at, source_created_at) as source_updated_at,
        content_hash,
        is_erased
    from crm_contacts

    union all

    select
        source_system,
        source_record_id,
        true as is_profile,
        first_name,
        last_name,
        first_name_key,
        last_name_key,
        email,
        email_canonical,
        phone_e164,
        cast(null as {{ dbt.type_string() }}) as mobile_phone_e164,
        street,
        city,
        postcode,
        country_code,
        date_of_birth,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as national_id,
        cast(null as {{ dbt.type_string() }}) as cookie_id,
        cast(null as {{ dbt.type_string() }}) as ip_address,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as loyalty_tier,
        cast(null as {{ dbt.type_string() }}) as preferred_language,
        last_purchase_date,
        lifetime_value,
        source_updated_at as first_seen_at,
        source_updated_at,
        content_hash,
        is_erased
    from erp_customers

    union all

    select
        source_system,
        source_record_id,
        true as is_profile,
        first_name,
        last_name,
        first_name_key,
        last_name_key,
        email,
        email_canonical,
        phone_e164,
        cast(null as {{ dbt.type_string() }}) as mobile_phone_e164,
        street,
        city,
        postcode,
        country_code,
        date_of_birth,
        cast(null as {{ dbt.type_string() }}) as account_id,
        national_id,
        cast(null as {{ dbt.type_string() }}) as cookie_id,
        cast(null as {{ dbt.type_string() }}) as ip_address,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as loyalty_tier,
        cast(null as {{ dbt.type_string() }}) as preferred_language,
        cast(null as date) as last_purchase_date,
        cast(null as decimal(18, 2)) as lifetime_value,
        source_updated_at as first_seen_at,
        source_updated_at,
        content_hash,
        is_erased
    from legacy_customers

    union all

    select
        source_system,
        source_record_id,
        false as is_profile,
        first_name,
        last_name,
        first_name_key,
        last_name_key,
        email,
        email_canonical,
        phone_e164,
        cast(null as {{ dbt.type_string() }}) as mobile_phone_e164,
        cast(null as {{ dbt.type_string() }}) as street,
        cast(null as {{ dbt.type_string() }}) as city,
        cast(null as {{ dbt.type_string() }}) as postcode,
        cast(null as {{ dbt.type_string() }}) as country_code,
        cast(null as date) as date_of_birth,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as national_id,
        cookie_id,
        ip_address,
        channel,
        cast(null as {{ dbt.type_string() }}) as loyalty_tier,
        cast(null as {{ dbt.type_string() }}) as preferred_language,
        cast(null as date) as last_purchase_date,
        cast(null as decimal(18, 2)) as lifetime_value,
        started_at as first_seen_at,
        started_at as source_updated_at,
        content_hash,
        is_erased
    from conversations
),

-- A first name's variants: itself and the formal names it is a nickname of, so `bob` and
-- `robert` share `robert`, and `chris` shares a variant with `christine`.
nickname_variants as (
    select
        nickname,
        formal_name as variant
    from nicknames
    union
    select
        nickname,
        nickname as variant
    from nicknames
),

first_name_variants as (
    select
        nickname as first_name_key,
        {{ array_agg_distinct_sorted('variant') }} as first_name_variants
    from nickname_variants
    group by nickname
),

final as (
    select
        unioned.source_system || ':' || unioned.source_record_id as record_key,
        unioned.*,
        case
            when unioned.first_name_key is null then {{ array_of([]) }}
            else coalesce(first_name_variants.first_name_variants, {{ array_of(['unioned.first_name_key']) }})
        end as first_name_variants,
        {{ street_match_key('unioned.street') }} as street_key,
        {{ name_match_key('unioned.city') }} as city_key
    from unioned
    left join first_name_variants
        on unioned.first_name_key = first_name_variants.first_name_key
)

select * from final
