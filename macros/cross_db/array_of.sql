{#- An array (list) of the SQL expressions in `expressions`, of element type `element_type`
    (needed when the list is empty). With drop_nulls=true null elements are left out and
    each value is kept once. -#}
{% macro array_of(expressions, element_type=none, drop_nulls=false) -%}
    {{ return(adapter.dispatch('array_of', 'customer_identity')(expressions, element_type or dbt.type_string(), drop_nulls)) }}
{%- endmacro %}

{% macro default__array_of(expressions, element_type, drop_nulls) -%}
    {%- if expressions | length == 0 -%}
        cast(array() as array<{{ element_type }}>)
    {%- elif drop_nulls -%}
        array_distinct(filter(array({{ expressions | join(', ') }}), array__element -> array__element is not null))
    {%- else -%}
        array({{ expressions | join(', ') }})
    {%- endif -%}
{%- endmacro %}

{#- list_distinct drops nulls. -#}
{% macro duckdb__array_of(expressions, element_type, drop_nulls) -%}
    {%- if expressions | length == 0 -%}
        cast([] as {{ element_type }}[])
    {%- elif drop_nulls -%}
        list_distinct([{{ expressions | join(', ') }}])
    {%- else -%}
        [{{ expressions | join(', ') }}]
    {%- endif -%}
{%- endmacro %}
