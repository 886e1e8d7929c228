{#- The contract columns of one extract, from its source definition: a list of
    {name, optional, date_format} in the order the yml lists them (`date_format`: the
    strftime layout of a date column, `meta: {date_format: ...}`, else none). -#}
{% macro extract_contract_columns(source_name, table_name) -%}
    {%- set columns = [] -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == source_name and node.name == table_name -%}
            {%- for column in node.columns.values() -%}
                {%- do columns.append({
                    'name': column.name,
                    'optional': column.meta.get('optional', false),
                    'date_format': column.meta.get('date_format'),
                }) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not columns -%}
        {{ exceptions.raise_compiler_error(
            "source " ~ source_name ~ "." ~ table_name ~ " declares no columns"
        ) }}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}
