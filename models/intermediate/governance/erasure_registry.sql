{{ config(materialized='incremental', full_refresh=false, schema='governance') }}
-- The persistent register of erased persons, as salted hashes: the identifiers each request
-- named, and the record key of every record of every customer a request resolves to, with
-- that customer's id (the tombstone). Staging masks every record it names, so a record
-- that comes back in a later extract stays erased. Only ever appended to; a full refresh
-- keeps it.
with

requests as (
    select * from {{ ref('stg_governance__erasure_requests') }}
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

assignments as (
    select * from {{ ref('int_customers_assigned') }}
),

previous_entries as (
    {{ erasure_registry_entries() }}
),

request_identifiers as (
    select
        'email' as identifier_type,
        email_hash as identifier_hash
    from requests
    where email_hash is not null
    union all
    select
        'phone' as identifier_type,
        phone_hash as identifier_hash
    from requests
    where phone_hash is not null
    union all
    select
        'record_key' as identifier_type,
        record_key_hash as identifier_hash
    from requests
    where record_key_hash is not null
),

known_identifiers as (
    select
        identifier_type,
        identifier_hash
    from request_identifiers
    union
    select
        identifier_type,
        identifier_hash
    from previous_entries
),

-- Records a request (or an earlier erasure) names directly; staging already flagged those
-- an earlier erasure named.
matched_records as (
    select records.record_key
    from records
    where
        records.is_erased
        or {{ erasure_match(
            'known_identifiers', 'records.record_key',
            emails=['records.email_canonical'],
            phones=['records.phone_e164', 'records.mobile_phone_e164']
        ) }}
),

erased_customers as (
    select distinct assignments.customer_id
    from matched_records
    inner join assignments on matched_records.record_key = assignments.record_key
    where assignments.customer_id is not null
),

-- Every record that resolves to an erased customer, and matched records without one.
erased_records as (
    select
        assignments.record_key,
        assignments.customer_id
    from assignments
    inner join erased_customers on assignments.customer_id = erased_customers.customer_id
    union
    select
        matched_records.record_key,
        assignments.customer_id
    from matched_records
    left join assignments on matched_records.record_key = assignments.record_key
),

new_entries as (
    select
        identifier_type,
        identifier_hash,
        cast(null as {{ dbt.type_string() }}) as customer_id
    from request_identifiers
    union
    select
        'record_key' as identifier_type,
        {{ salted_hash('record_key') }} as identifier_hash,
        customer_id
    from erased_records
),

already_registered as (
    {% if is_incremental() -%}
    select registry_entry_id from {{ this }}
    {%- else -%}
    select cast(null as {{ dbt.type_string() }}) as registry_entry_id
    where 1 = 0
    {%- endif %}
),

final as (
    select
        identifier_type || ':' || identifier_hash || ':' || coalesce(customer_id, '')
            as registry_entry_id,
        identifier_type,
        identifier_hash,
        customer_id,
        {{ dbt.current_timestamp() }} as registered_at
    from new_entries
)

select final.*
from final
left join already_registered on final.registry_entry_id = already_registered.registry_entry_id
where already_registered.registry_entry_id is null
