{#- dbt-spark loads a seed from the rows agate parsed, which has already read text such as
    `null` or `none` (real values of junk_identifiers) as missing, and binds values into the
    SQL unescaped: Spark reads the seed's file itself instead, empty fields as null, as the
    DuckDB adapter does. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set view = 'seed_file__' ~ model['alias'] -%}
    {%- set path = model['root_path'] ~ '/' ~ model['original_file_path'] -%}
    {%- call statement('create_seed_file_view') -%}
        create or replace temporary view {{ view }} (
            {%- for col_name in agate_table.column_names %}
            {{ adapter.quote(col_name) }} string{{ "," if not loop.last }}
            {%- endfor %}
        )
        using csv
        options (path '{{ path | replace("'", "\\'") }}', header 'true', multiLine 'true', escape '"')
    {%- endcall -%}
    {%- set sql -%}
        insert into {{ this.render() }}
        select
            {%- for col_name in agate_table.column_names %}
            cast({{ adapter.quote(col_name) }} as {{ column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) }})
            {{- "," if not loop.last }}
            {%- endfor %}
        from {{ view }}
    {%- endset -%}
    {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
    {{ return(sql) }}
{% endmacro %}
