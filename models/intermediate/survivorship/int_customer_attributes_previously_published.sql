-- The golden values the last run published (its golden_customer_lineage), read before this
-- run replaces them: what the `keep_existing` strategy keeps. Empty on a first run. Only
-- values the same record still offers are kept (so nothing erased since survives here).
{%- set published = adapter.get_relation(
    database=target.database, schema=target.schema, identifier='golden_customer_lineage'
) if execute else none %}
with

candidates as (
    select * from {{ ref('int_customer_attribute_candidates') }}
),

{% if published is not none -%}
published as (
    select
        customer_id,
        attribute,
        value,
        record_key
    from {{ published }}
    where value is not null
),
{%- else -%}
published as (
    select
        cast(null as {{ dbt.type_string() }}) as customer_id,
        cast(null as {{ dbt.type_string() }}) as attribute,
        cast(null as {{ dbt.type_string() }}) as value,
        cast(null as {{ dbt.type_string() }}) as record_key
    where false
),
{%- endif %}

final as (
    select
        published.customer_id || '|' || published.attribute as cell_id,
        published.*
    from published
    inner join candidates
        on
            published.customer_id = candidates.customer_id
            and published.attribute = candidates.attribute
            and published.record_key = candidates.record_key
            and published.value = candidates.value
)

select * from final
