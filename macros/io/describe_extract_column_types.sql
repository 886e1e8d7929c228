{#- The column types of a located extract as {name: type in upper case}. A CSV extract is all
    text: {}. A Parquet extract may carry typed columns (a DATE birth date), which read_extract
    turns back into the text layout the contract gives for that column. -#}
{% macro describe_extract_column_types(located) -%}
    {%- set types = {} -%}
    {%- if located.format == 'parquet' -%}
        {%- set result = run_query(customer_identity.describe_parquet_query(located.path)) -%}
        {%- for row in result.rows -%}
            {%- do types.update({row[0]: row[1] | string | upper}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro %}
