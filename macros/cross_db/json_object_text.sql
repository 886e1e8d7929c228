{#- A JSON object as text from `values`, {key: SQL expression} in order; null values are
    written as null, not left out. -#}
{% macro json_object_text(values) -%}
    {{ return(adapter.dispatch('json_object_text', 'customer_identity')(values)) }}
{%- endmacro %}

{% macro default__json_object_text(values) -%}
    to_json(named_struct(
        {%- for key, value in values.items() %}
        {{ customer_identity.sql_string(key) }}, {{ value }}{{ "," if not loop.last }}
        {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}

{% macro duckdb__json_object_text(values) -%}
    cast(to_json(struct_pack(
        {%- for key, value in values.items() %}
        {{ customer_identity.quote_identifier(key) }} := {{ value }}
        {{- "," if not loop.last }}
        {%- endfor %}
    )) as varchar)
{%- endmacro %}
