{#- Aggregate: the first non-null `value` when a customer's records are ordered by
    `order_by` (source trust, then recency, then record key). Empty never overwrites. -#}
{% macro survive_by_priority(value, order_by) -%}
    {{ return(adapter.dispatch('survive_by_priority', 'customer_identity')(value, order_by)) }}
{%- endmacro %}

{% macro default__survive_by_priority(value, order_by) -%}
    (array_agg({{ value }} order by {{ order_by }}) filter (where {{ value }} is not null))[1]
{%- endmacro %}

{% macro duckdb__survive_by_priority(value, order_by) -%}
    (list({{ value }} order by {{ order_by }}) filter (where {{ value }} is not null))[1]
{%- endmacro %}
