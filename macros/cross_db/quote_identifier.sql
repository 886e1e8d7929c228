{#- A column name quoted for SQL, whatever it holds: adapter.quote does not double a quote
    character inside the name, and an extract's header may name a column `Notes "internal"`. -#}
{% macro quote_identifier(name) -%}
    {{ return(adapter.dispatch('quote_identifier', 'customer_identity')(name)) }}
{%- endmacro %}

{% macro default__quote_identifier(name) -%}
    {{ return('"' ~ name | replace('"', '""') ~ '"') }}
{%- endmacro %}

{% macro spark__quote_identifier(name) -%}
    {{ return('`' ~ name | replace('`', '``') ~ '`') }}
{%- endmacro %}
