{#- Evaluates `value` once and makes it available as `name` inside `expression`, so that
    normalisation steps can reuse an intermediate result without repeating its SQL. `name`
    must not collide with a column of the calling model (the macros use a `<topic>__` prefix). -#}
{% macro bind_value(name, value, expression) -%}
    {{ return(adapter.dispatch('bind_value', 'customer_identity')(name, value, expression)) }}
{%- endmacro %}

{#- A correlated scalar subquery over a one-row derived table (DuckDB, Postgres, BigQuery).
    On DuckDB this beats a lambda over a one-element list: measured on 1M phone numbers,
    0.7 s against 6.9 s, as DuckDB decorrelates the subqueries into a few hash joins. -#}
{% macro default__bind_value(name, value, expression) -%}
    (select {{ expression }} from (select {{ value }} as {{ name }}) as {{ name }}_binding)
{%- endmacro %}

{#- Spark allows outer references only in a subquery's filters: a lambda over an array. -#}
{% macro spark__bind_value(name, value, expression) -%}
    transform(array({{ value }}), {{ name }} -> {{ expression }})[0]
{%- endmacro %}
