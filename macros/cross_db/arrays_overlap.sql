{#- True when two arrays (lists) share at least one element. -#}
{% macro arrays_overlap(left_array, right_array) -%}
    {{ return(adapter.dispatch('arrays_overlap', 'customer_identity')(left_array, right_array)) }}
{%- endmacro %}

{% macro default__arrays_overlap(left_array, right_array) -%}
    arrays_overlap({{ left_array }}, {{ right_array }})
{%- endmacro %}

{% macro duckdb__arrays_overlap(left_array, right_array) -%}
    list_has_any({{ left_array }}, {{ right_array }})
{%- endmacro %}
