{#- Aggregate: the values of `expression` joined by `delimiter` (a SQL literal) in their own
    order; with distinct=true each value once. Null when every value is null. -#}
{% macro string_agg_ordered(expression, delimiter, distinct=false) -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'customer_identity')(expression, delimiter, distinct)) }}
{%- endmacro %}

{#- The SQL standard's listagg (Snowflake, Trino, Spark 4 also spell it string_agg). -#}
{% macro default__string_agg_ordered(expression, delimiter, distinct=false) -%}
    listagg({{ 'distinct ' if distinct }}{{ expression }}, {{ delimiter }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__string_agg_ordered(expression, delimiter, distinct=false) -%}
    string_agg({{ 'distinct ' if distinct }}{{ expression }}, {{ delimiter }} order by {{ expression }})
{%- endmacro %}

{#- Spark 4's listagg fails on some plans (ListAgg with distinct beside count(distinct)): the
    sorted array of collected values, joined. -#}
{% macro spark__string_agg_ordered(expression, delimiter, distinct=false) -%}
    nullif(array_join(array_sort({{ 'collect_set' if distinct else 'collect_list' }}({{ expression }})), {{ delimiter }}), '')
{%- endmacro %}
