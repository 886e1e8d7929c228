{#- Whether this run recomputes survivorship only for the customers it changed
    (int_customers_changed) and merges them into the published golden_customer and
    golden_customer_lineage, rather than recomputing every customer: true once both tables
    exist, unless this is a full refresh. -#}
{% macro survivorship_is_incremental() -%}
    {%- if not execute or flags.FULL_REFRESH -%}
        {{ return(false) }}
    {%- endif -%}
    {%- for identifier in ['golden_customer', 'golden_customer_lineage'] -%}
        {%- if adapter.get_relation(
            database=target.database, schema=target.schema, identifier=identifier
        ) is none -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}
