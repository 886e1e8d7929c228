{#- Custom schemas are used verbatim (staging, identity, reference) so the published marts
    stay in the target's default schema, where the data contract puts them. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
