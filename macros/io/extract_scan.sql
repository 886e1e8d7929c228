{#- The table function that scans a located extract, with the columns its header names
    (all varchar: typing is staging's job). CSV lines that cannot be parsed
    (quoting, field counts, encoding) are kept by DuckDB in a per-extract rejects table,
    which append_rejected_lines adds to the staging model as quarantined rows. -#}
{% macro extract_scan(located, table_name, file_columns) -%}
    {%- set path = located.path | replace("'", "''") -%}
    {%- if located.format == 'parquet' -%}
        read_parquet('{{ path }}')
    {%- else -%}
        read_csv(
            '{{ path }}',
            header = true,
            auto_detect = false,
            columns = {
                {%- for column in file_columns %}
                '{{ column | replace("'", "''") }}': 'VARCHAR'{{ "," if not loop.last }}
                {%- endfor %}
            },
            delim = ',',
            quote = '"',
            escape = '"',
            store_rejects = true,
            rejects_table = 'rejected_lines_{{ table_name }}',
            rejects_scan = 'rejected_scans_{{ table_name }}'
        )
    {%- endif -%}
{%- endmacro %}
