{#- The whole row of an extract scan (alias `relation`, columns `file_columns` in file
    order) as JSON text, nulls kept. -#}
{% macro extract_row_json(relation, file_columns) -%}
    {{ return(adapter.dispatch('extract_row_json', 'customer_identity')(relation, file_columns)) }}
{%- endmacro %}

{% macro default__extract_row_json(relation, file_columns) -%}
    {%- set values = {} -%}
    {%- for file_column in file_columns -%}
        {%- do values.update({file_column: relation ~ '.' ~ customer_identity.quote_identifier(file_column)}) -%}
    {%- endfor -%}
    {{ customer_identity.json_object_text(values) }}
{%- endmacro %}

{% macro duckdb__extract_row_json(relation, file_columns) -%}
    cast(to_json({{ relation }}) as varchar)
{%- endmacro %}
