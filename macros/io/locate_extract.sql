{#- Find <raw_data_dir>/<table_name>.csv or .parquet. Returns {path, format} or none.
    Both present is ambiguous and fails rather than silently picking one. -#}
{% macro locate_extract(table_name) -%}
    {%- set directory = var('raw_data_dir') | string -%}
    {%- set found = [] -%}
    {%- for format in ['csv', 'parquet'] -%}
        {%- set path = directory.rstrip('/') ~ '/' ~ table_name ~ '.' ~ format -%}
        {%- set result = run_query(
            "select count(*) from glob('" ~ path | replace("'", "''") ~ "')"
        ) -%}
        {%- if result.columns[0].values()[0] > 0 -%}
            {%- do found.append({'path': path, 'format': format}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found | length > 1 -%}
        {{ exceptions.raise_compiler_error(
            directory ~ ": both " ~ table_name ~ ".csv and " ~ table_name
            ~ ".parquet exist; keep one of them"
        ) }}
    {%- endif -%}
    {{ return(found[0] if found else none) }}
{%- endmacro %}
