{#- Evaluates `value` once and makes it available as `name` inside `expression`, so that
    normalisation steps can reuse an intermediate result without repeating its SQL. `name`
    must not collide with a column of the calling model (the macros use a `<topic>__` prefix). -#}
{% macro bind_value(name, value, expression) -%}
    {{ return(adapter.dispatch('bind_value', 'customer_identity')(name, value, expression)) }}
{%- endmacro %}

{#- A correlated scalar subquery over a one-row derived table (Postgres, BigQuery, DuckDB). -#}
{% macro default__bind_value(name, value, expression) -%}
    (select {{ expression }} from (select {{ value }} as {{ name }}) as {{ name }}_binding)
{%- endmacro %}

{#- A lambda over a one-element list: evaluated as a vector, no subquery to decorrelate. -#}
{% macro duckdb__bind_value(name, value, expression) -%}
    list_transform([{{ value }}], lambda {{ name }}: {{ expression }})[1]
{%- endmacro %}

{% macro spark__bind_value(name, value, expression) -%}
    transform(array({{ value }}), {{ name }} -> {{ expression }})[0]
{%- endmacro %}
