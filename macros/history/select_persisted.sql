{#- Select `columns` (a list of [name, type] pairs) from a table this project persists
    between runs, by name rather than ref(): the table is extended downstream of the model
    that reads it (the erasure registry, the customer id registry), so a ref() would be a
    cycle. On a database that has no such table yet, an empty relation of the same shape. -#}
{% macro select_persisted(schema, identifier, columns) -%}
    {{ return(adapter.dispatch('select_persisted', 'customer_identity')(schema, identifier, columns)) }}
{%- endmacro %}

{% macro default__select_persisted(schema, identifier, columns) -%}
    {%- set relation = adapter.get_relation(
        database=target.database, schema=schema, identifier=identifier
    ) if execute else none -%}
    {%- if relation is not none -%}
    select
        {%- for column in columns %}
        {{ column[0] }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- else -%}
    select
        {%- for column in columns %}
        cast(null as {{ column[1] }}) as {{ column[0] }}{{ ',' if not loop.last }}
        {%- endfor %}
    where 1 = 0
    {%- endif -%}
{%- endmacro %}
