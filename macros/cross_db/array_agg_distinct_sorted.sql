{#- Aggregate: the distinct non-null values of `expression` as a sorted array. -#}
{% macro array_agg_distinct_sorted(expression) -%}
    {{ return(adapter.dispatch('array_agg_distinct_sorted', 'customer_identity')(expression)) }}
{%- endmacro %}

{% macro default__array_agg_distinct_sorted(expression) -%}
    array_sort(collect_set({{ expression }}))
{%- endmacro %}

{% macro duckdb__array_agg_distinct_sorted(expression) -%}
    list_sort(list_distinct(list({{ expression }})))
{%- endmacro %}
