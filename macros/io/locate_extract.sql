{#- Find <raw_data_dir>/<table_name>.csv or .parquet. Returns {path, format} or none.
    Both present is ambiguous and fails rather than silently picking one. -#}
{% macro locate_extract(table_name) -%}
    {%- set directory = var('raw_data_dir') | string -%}
    {%- set found = [] -%}
    {%- for format in ['csv', 'parquet'] -%}
        {%- set path = directory.rstrip('/') ~ '/' ~ table_name ~ '.' ~ format -%}
        {%- if customer_identity.extract_file_exists(path) -%}
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

{#- Whether a file exists at `path`, asked of the warehouse (Jinja cannot see files). -#}
{% macro extract_file_exists(path) -%}
    {{ return(adapter.dispatch('extract_file_exists', 'customer_identity')(path)) }}
{%- endmacro %}

{% macro default__extract_file_exists(path) -%}
    {%- set result = run_query("select count(*) from glob('" ~ path | replace("'", "''") ~ "')") -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#- Spark lists the folder with the binaryFile source, which reads no file content when only
    the path is selected; a missing folder fails the run naming it. -#}
{% macro spark__extract_file_exists(path) -%}
    {%- set directory, file_name = path.rsplit('/', 1) -%}
    {%- set result = run_query(
        "select count(*) from binaryFile.`" ~ directory ~ "` where substring_index(path, '/', -1) = '"
        ~ file_name | replace("'", "\\'") ~ "'"
    ) -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}
