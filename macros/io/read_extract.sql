{#- Read one raw extract (CSV or Parquet) from var('raw_data_dir') as all-varchar rows.

    The extract's columns come from its source definition in models/staging/<source>/:
    a column with `meta: {optional: true}` reads as null when the file lacks it; a missing
    required column fails the run naming the file and the column; a Parquet DATE or TIMESTAMP
    column with `meta: {date_format: ...}` reads as text in that layout. Columns the contract does
    not list are kept as JSON in `raw_attributes`; the whole row is kept as JSON in
    `raw_record`. A missing file means zero rows. -#}
{% macro read_extract(source_name, table_name) -%}
    {{ return(adapter.dispatch('read_extract', 'customer_identity')(source_name, table_name)) }}
{%- endmacro %}

{#- The contract logic is the same everywhere; how a file is found, its header read, its rows
    scanned and turned into JSON is dispatched (locate_extract, describe_extract_columns,
    extract_scan, json_object_text, extract_row_json, extract_row_number). -#}
{% macro default__read_extract(source_name, table_name) -%}
    {#- source() records the lineage; the file itself is located at run time. -#}
    {%- set source_relation = source(source_name, table_name) -%}
    {%- set columns = customer_identity.extract_contract_columns(source_name, table_name) if execute else [] -%}
    {%- set located = customer_identity.locate_extract(table_name) if execute else none -%}

    {%- if located is none %}
    {#- No file (or parse time): an empty, correctly typed relation. -#}
    select
        {%- for column in columns %}
        cast(null as {{ dbt.type_string() }}) as {{ adapter.quote(column.name) }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as raw_attributes,
        cast(null as {{ dbt.type_string() }}) as raw_record,
        cast(null as bigint) as source_row_number
    where 1 = 0
    {%- else %}
        {%- set described = customer_identity.describe_extract_columns(located) -%}
        {%- set file_columns = described | map(attribute='name') | list -%}
        {%- set file_types = {} -%}
        {%- set lookup = {} -%}
        {%- for file_column in described -%}
            {%- do file_types.update({file_column.name: file_column.type}) -%}
            {%- do lookup.update({file_column.name | trim | lower: file_column.name}) -%}
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
        {%- set file_column = lookup[column.name | lower] -%}
        {%- set file_type = file_types.get(file_column, '') -%}
        {%- if column.date_format and (file_type.startswith('DATE') or file_type.startswith('TIMESTAMP')) %}
        {#- A typed date reads as text in the contract's layout, as the CSV would hold it. #}
        {{ customer_identity.format_date('extract_row.' ~ customer_identity.quote_identifier(file_column), column.date_format) }}
            as {{ adapter.quote(column.name) }},
        {%- else %}
        nullif(trim(cast(extract_row.{{ customer_identity.quote_identifier(file_column) }} as {{ dbt.type_string() }})), '')
            as {{ adapter.quote(column.name) }},
        {%- endif %}
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as {{ adapter.quote(column.name) }},
        {%- endif %}
        {%- endfor %}
        {%- if extra_columns %}
        {%- set extra_values = {} -%}
        {%- for file_column in extra_columns -%}
            {%- do extra_values.update({file_column: 'cast(extract_row.' ~ customer_identity.quote_identifier(file_column) ~ ' as ' ~ dbt.type_string() ~ ')'}) -%}
        {%- endfor %}
        {{ customer_identity.json_object_text(extra_values) }} as raw_attributes,
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as raw_attributes,
        {%- endif %}
        {{ customer_identity.extract_row_json('extract_row', file_columns) }} as raw_record,
        {{ customer_identity.extract_row_number() }} as source_row_number
    from {{ customer_identity.extract_scan(located, table_name, file_columns) }} as extract_row
    {%- endif %}
{%- endmacro %}
