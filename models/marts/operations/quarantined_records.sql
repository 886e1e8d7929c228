-- Every input row that could not be used, with a reason a person can act on.
with

{%- set staged = [
    'stg_crm__contacts',
    'stg_erp__customers',
    'stg_legacy__customers',
    'stg_interactions__conversations',
] %}

{% for model_name in staged %}
{{ model_name }} as (
    select
        source_system,
        extract_name,
        staged_row_id,
        source_record_id,
        quarantine_reason as reason,
        raw_record
    from {{ ref(model_name) }}
    where quarantine_reason is not null
),

{% endfor -%}

unioned as (
    {%- for model_name in staged %}
    select * from {{ model_name }}
    {{ 'union all' if not loop.last }}
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
