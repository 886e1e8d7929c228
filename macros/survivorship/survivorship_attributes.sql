{#- The golden attributes named in the seed survivorship_rules, read at compile time, as a
    list of {attribute, source_column, data_type} in seed order. An empty list at parse time
    (calling it there registers the model's dependency on the seed). -#}
{% macro survivorship_attributes() -%}
    {%- set rules_source = customer_identity.reference_seed_source('survivorship_rules') -%}
    {%- if rules_source is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set query -%}
        select attribute, source_column, data_type from {{ rules_source }} as rules
    {%- endset -%}
    {%- set attributes = [] -%}
    {%- for row in run_query(query).rows -%}
        {%- do attributes.append({
            'attribute': row[0] | trim,
            'source_column': row[1] | trim,
            'data_type': row[2] | trim,
        }) -%}
    {%- endfor -%}
    {{ return(attributes) }}
{%- endmacro %}
