{#- What to select from for the erasure registry (identifier_type, identifier_hash,
    customer_id) as it stands before this model runs: the persisted `governance.erasure_registry`
    table, or an empty relation on a database that has none yet. Read by name, not ref(),
    because the registry is extended after resolution, downstream of the models that apply
    it (staging, customer assignment). -#}
{% macro erasure_registry_entries() -%}
    {{ return(adapter.dispatch('erasure_registry_entries', 'customer_identity')()) }}
{%- endmacro %}

{% macro default__erasure_registry_entries() -%}
    {%- set registry = adapter.get_relation(
        database=target.database, schema='governance', identifier='erasure_registry'
    ) if execute else none -%}
    {%- if registry is not none -%}
    select identifier_type, identifier_hash, customer_id from {{ registry }}
    {%- else -%}
    select
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_hash,
        cast(null as {{ dbt.type_string() }}) as customer_id
    where 1 = 0
    {%- endif -%}
{%- endmacro %}
