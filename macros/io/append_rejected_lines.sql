{#- Post-hook of each staging model: lines DuckDB's CSV reader rejected (broken quoting,
    wrong field count, invalid UTF-8) become quarantined rows of the model, with the line
    number and DuckDB's own error, so no input row is silently lost. The rejects live in a
    temporary table of the connection that built the model; where there is none (Parquet,
    missing file) nothing is added. -#}
{% macro append_rejected_lines(table_name, source_system) -%}
    {{ return(adapter.dispatch('append_rejected_lines', 'customer_identity')(table_name, source_system)) }}
{%- endmacro %}

{% macro default__append_rejected_lines(table_name, source_system) -%}
    select 1
{%- endmacro %}

{% macro duckdb__append_rejected_lines(table_name, source_system) -%}
    {%- set rejects_table = 'rejected_lines_' ~ table_name -%}
    {%- set exists = false -%}
    {%- if execute -%}
        {%- set found = run_query(
            "select count(*) from duckdb_tables() where temporary and table_name = '"
            ~ rejects_table ~ "'"
        ) -%}
        {%- set exists = found.columns[0].values()[0] > 0 -%}
    {%- endif -%}
    {%- if exists %}
    insert into {{ this }} by name
    select
        'line ' || rejected.line as staged_row_id,
        '{{ source_system }}' as source_system,
        '{{ table_name }}' as extract_name,
        cast(rejected.line as bigint) as source_row_number,
        'line ' || rejected.line || ' of {{ table_name }} could not be read ('
        || string_agg(
            lower(rejected.error_type)
            || coalesce(' in column ' || rejected.column_name, '')
            || ': ' || rejected.error_message,
            '; ' order by rejected.column_idx
        )
        || '); fix the line in the extract' as quarantine_reason,
        any_value(rejected.csv_line) as raw_record
    from (
        -- A short line raises one error per missing column: the first says enough.
        select
            *,
            row_number() over (partition by line, error_type order by column_idx) as error_rank
        from {{ rejects_table }}
    ) as rejected
    where rejected.error_rank = 1
    group by rejected.line
    {%- else %}
    select 1
    {%- endif %}
{%- endmacro %}

{#- Spark keeps no line numbers: a rejected line is numbered by its place among the file's
    rows (its line number when no quoted field spans lines), and its reason is Spark's
    (the line does not split into the header's fields). -#}
{% macro spark__append_rejected_lines(table_name, source_system) -%}
    {%- set view = customer_identity.extract_scan_view(table_name) -%}
    {%- set exists = false -%}
    {%- if execute -%}
        {%- set found = run_query("show views like '" ~ view ~ "'") -%}
        {%- set exists = found | length > 0 -%}
    {%- endif -%}
    {%- if exists %}
    insert into {{ this }} by name
    select
        'line ' || (rejected.row_position + 1) as staged_row_id,
        '{{ source_system }}' as source_system,
        '{{ table_name }}' as extract_name,
        cast(rejected.row_position + 1 as bigint) as source_row_number,
        'line ' || (rejected.row_position + 1) || ' of {{ table_name }} could not be read (its '
        || 'fields do not match the header''s columns or its quoting is broken); fix the line in the extract'
            as quarantine_reason,
        rejected._corrupt_record as raw_record
    from (
        select
            scanned.*,
            row_number() over (order by monotonically_increasing_id()) as row_position
        from {{ view }} as scanned
    ) as rejected
    where rejected._corrupt_record is not null
    {%- else %}
    select 1
    {%- endif %}
{%- endmacro %}
