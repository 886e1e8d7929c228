{#- One output row per element of an array column, used in a select list (the other
    columns repeat on each row; an empty or null array gives no row). -#}
{% macro unnest_array(column) -%}
    {{ return(adapter.dispatch('unnest_array', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__unnest_array(column) -%}
    unnest({{ column }})
{%- endmacro %}

{% macro spark__unnest_array(column) -%}
    explode({{ column }})
{%- endmacro %}
