{#- The table function that scans a located extract, with the columns its header names
    (all varchar: typing is staging's job). CSV lines that cannot be parsed
    (quoting, field counts, encoding) are kept by DuckDB in a per-extract rejects table,
    which append_rejected_lines adds to the staging model as quarantined rows. -#}
{% macro extract_scan(located, table_name, file_columns) -%}
    {{ return(adapter.dispatch('extract_scan', 'customer_identity')(located, table_name, file_columns)) }}
{%- endmacro %}

{% macro default__extract_scan(located, table_name, file_columns) -%}
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

{#- Spark SQL has no CSV table function with options: the scan is a temporary view of the
    session (created at compile time), named by extract_scan_view. Lines the parser cannot
    split into the header's fields land in _corrupt_record; they are left out here and
    appended as quarantined rows by append_rejected_lines. -#}
{% macro spark__extract_scan(located, table_name, file_columns) -%}
    {%- if located.format == 'parquet' -%}
        parquet.`{{ located.path }}`
    {%- else -%}
        {%- set view = customer_identity.extract_scan_view(table_name) -%}
        {%- call statement('create_extract_scan_view') -%}
            create or replace temporary view {{ view }} (
                {%- for column in file_columns %}
                {{ customer_identity.quote_identifier(column) }} string,
                {%- endfor %}
                _corrupt_record string
            )
            using csv
            options (
                path '{{ located.path | replace("'", "\\'") }}',
                header 'true',
                enforceSchema 'true',
                sep ',',
                quote '"',
                escape '"',
                multiLine 'true',
                encoding 'UTF-8',
                mode 'PERMISSIVE',
                columnNameOfCorruptRecord '_corrupt_record'
            )
        {%- endcall -%}
        {#- Spark refuses a query of the raw file that needs only _corrupt_record: read once. -#}
        {%- call statement('cache_extract_scan_view') -%}
            cache table {{ view }}
        {%- endcall -%}
        (select * from {{ view }} where _corrupt_record is null)
    {%- endif -%}
{%- endmacro %}

{% macro extract_scan_view(table_name) -%}
    {{ return('raw_extract__' ~ table_name) }}
{%- endmacro %}
