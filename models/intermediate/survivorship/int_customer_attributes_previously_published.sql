-- The golden values the last run published (its golden_customer_lineage), read before this
-- run replaces them: what the `keep_existing` strategy keeps. Empty on a first run.
{%- set published = adapter.get_relation(
    database=target.database, schema=target.schema, identifier='golden_customer_lineage'
) if execute else none %}
with

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
        customer_id || '|' || attribute as cell_id,
        *
    from published
)

select * from final
