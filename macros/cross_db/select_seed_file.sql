{#- A query reading a seed's CSV file directly. Used at compile time when the seed has not
    been loaded into the database yet (`dbt compile` or sqlfluff on a fresh database). -#}
{% macro select_seed_file(seed_node) -%}
    {{ return(adapter.dispatch('select_seed_file', 'customer_identity')(seed_node)) }}
{%- endmacro %}

{% macro default__select_seed_file(seed_node) -%}
    {{ exceptions.raise_compiler_error(
        "Seed '" ~ seed_node.name ~ "' is not loaded in the database: run `dbt seed --select "
        ~ seed_node.name ~ "` (or `dbt build`) first."
    ) }}
{%- endmacro %}

{% macro duckdb__select_seed_file(seed_node) -%}
    {%- set path = seed_node.root_path ~ '/' ~ seed_node.original_file_path -%}
    select * from read_csv('{{ path | replace("'", "''") }}', header = true, all_varchar = true)
{%- endmacro %}
