{#- Read one raw extract (CSV or Parquet) from var('raw_data_dir') as all-varchar rows.

    The extract's columns come from its source definition in models/staging/<source>/:
    a column with `meta: {optional: true}` reads as null when the file lacks it; a missing
    required column fails the run naming the file and the column. Columns the contract does
    not list are kept as JSON in `raw_attributes`; the whole row is kept as JSON in
    `raw_record`. A missing file means zero rows. -#}
{% macro read_extract(source_name, table_name) -%}
    {{ return(adapter.dispatch('read_extract', 'customer_identity')(source_name, table_name)) }}
{%- endmacro %}

{% macro default__read_extract(source_name, table_name) -%}
    {{ exceptions.raise_compiler_error(
        "read_extract has no implementation for adapter '" ~ adapter.type() ~ "'"
    ) }}
{%- endmacro %}

{% macro duckdb__read_extract(source_name, table_name) -%}
    {#- source() records the lineage; the file itself is located at run time. -#}
    {%- set source_relation = source(source_name, table_name) -%}
    {%- set columns = extract_contract_columns(source_name, table_name) if execute else [] -%}
    {%- set located = locate_extract(table_name) if execute else none -%}

    {%- if located is none %}
    {#- No file (or parse time): an empty, correctly typed relation. -#}
    select
        {%- for column in columns %}
        cast(null as varchar) as "{{ column.name }}",
        {%- endfor %}
        cast(null as varchar) as raw_attributes,
        cast(null as varchar) as raw_record,
        cast(null as bigint) as source_row_number
    where false
    {%- else %}
        {%- set file_columns = describe_extract_columns(located) -%}
        {%- set lookup = {} -%}
        {%- for file_column in file_columns -%}
            {%- do lookup.update({file_column | trim | lower: file_column}) -%}
        {%- endfor -%}
        {%- set contract_names = [] -%}
        {%- for column in columns -%}
            {%- do contract_names.append(column.name | lower) -%}
            {%- if column.name | lower not in lookup and not column.optional -%}
                {{ exceptions.raise_compiler_error(
                    located.path ~ ": required column '" ~ column.name ~ "' is missing (found: "
                    ~ file_columns | join(', ') ~ "). See data_contract.md for the "
                    ~ table_name ~ " extract."
                ) }}
            {%- endif -%}
        {%- endfor -%}
        {%- set extra_columns = [] -%}
        {%- for file_column in file_columns -%}
            {%- if file_column | trim | lower not in contract_names -%}
                {%- do extra_columns.append(file_column) -%}
            {%- endif -%}
        {%- endfor %}
    select
        {%- for column in columns %}
        {%- if column.name | lower in lookup %}
        nullif(trim(cast(extract_row."{{ lookup[column.name | lower] }}" as varchar)), '')
            as "{{ column.name }}",
        {%- else %}
        cast(null as varchar) as "{{ column.name }}",
        {%- endif %}
        {%- endfor %}
        {%- if extra_columns %}
        cast(to_json(struct_pack(
            {%- for file_column in extra_columns %}
            "{{ file_column }}" := cast(extract_row."{{ file_column }}" as varchar)
            {{- "," if not loop.last }}
            {%- endfor %}
        )) as varchar) as raw_attributes,
        {%- else %}
        cast(null as varchar) as raw_attributes,
        {%- endif %}
        cast(to_json(extract_row) as varchar) as raw_record,
        row_number() over () as source_row_number
    from {{ extract_scan(located, table_name, file_columns) }} as extract_row
    {%- endif %}
{%- endmacro %}
