{#- The position of each row of an extract scan in its file (1, 2, ...): a window
    function for the select list of read_extract. -#}
{% macro extract_row_number() -%}
    {{ return(adapter.dispatch('extract_row_number', 'customer_identity')()) }}
{%- endmacro %}

{#- DuckDB scans a file in order. -#}
{% macro default__extract_row_number() -%}
    row_number() over ()
{%- endmacro %}

{#- Spark numbers rows increasingly within and across the ordered splits of one file. -#}
{% macro spark__extract_row_number() -%}
    row_number() over (order by monotonically_increasing_id())
{%- endmacro %}
