-- Every input row that could not be used, with a reason a person can act on.
with

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
    where quarantine_reason is not null
),

erp_customers as (
    select * from {{ ref('stg_erp__customers') }}
    where quarantine_reason is not null
),

legacy_customers as (
    select * from {{ ref('stg_legacy__customers') }}
    where quarantine_reason is not null
),

conversations as (
    select * from {{ ref('stg_interactions__conversations') }}
    where quarantine_reason is not null
),

unioned as (
    {%- for relation in ['crm_contacts', 'erp_customers', 'legacy_customers', 'conversations'] %}
    {% if not loop.first %}union all{% endif %}
    select
        source_system,
        extract_name,
        staged_row_id,
        source_record_id,
        quarantine_reason as reason,
        -- an erased person's row keeps no content
        coalesce(raw_record, '(erased on request)') as raw_record
    from {{ relation }}
    {%- endfor %}
),

final as (
    select
        extract_name || ':' || staged_row_id as quarantine_id,
        source_system,
        source_record_id,
        reason,
        raw_record,
        extract_name,
        staged_row_id
    from unioned
)

select * from final
