{#- A number stored under `key` at the top of a JSON object held in a text column, as a
    double (null when absent). -#}
{% macro json_number(column, key) -%}
    {{ return(adapter.dispatch('json_number', 'customer_identity')(column, key)) }}
{%- endmacro %}

{% macro default__json_number(column, key) -%}
    cast(json_extract_string({{ column }}, '$.{{ key }}') as double)
{%- endmacro %}

{% macro spark__json_number(column, key) -%}
    cast(get_json_object({{ column }}, '$.{{ key }}') as double)
{%- endmacro %}
