{#- Column names of a located extract, in file order. A file DuckDB cannot read fails
    the run here, naming the file. -#}
{% macro describe_extract_columns(located) -%}
    {%- set path = located.path | replace("'", "''") -%}
    {%- if located.format == 'parquet' -%}
        {%- set scan = "read_parquet('" ~ path ~ "')" -%}
    {%- else -%}
        {%- set scan = "read_csv('" ~ path ~ "', header = true, all_varchar = true, "
            ~ "delim = ',', quote = '\"', escape = '\"', ignore_errors = true)" -%}
    {%- endif -%}
    {%- set result = run_query("describe select * from " ~ scan) -%}
    {{ return(result.columns[0].values() | list) }}
{%- endmacro %}
