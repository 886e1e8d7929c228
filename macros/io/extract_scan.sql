{#- The table function that scans a located extract. CSV lines that cannot be parsed
    (quoting, field counts, encoding) are kept by DuckDB in a per-extract rejects table,
    which persist_extract_rejects copies out after the model is built. -#}
{% macro extract_scan(located, table_name) -%}
    {%- set path = located.path | replace("'", "''") -%}
    {%- if located.format == 'parquet' -%}
        read_parquet('{{ path }}')
    {%- else -%}
        read_csv(
            '{{ path }}',
            header = true,
            delim = ',',
            quote = '"',
            escape = '"',
            all_varchar = true,
            store_rejects = true,
            rejects_table = 'rejected_lines_{{ table_name }}',
            rejects_scan = 'rejected_scans_{{ table_name }}'
        )
    {%- endif -%}
{%- endmacro %}
