{#- True when `text` begins with `prefix`; null when either is null. -#}
{% macro starts_with(text, prefix) -%}
    {{ return(adapter.dispatch('starts_with', 'customer_identity')(text, prefix)) }}
{%- endmacro %}

{% macro default__starts_with(text, prefix) -%}
    (substr({{ text }}, 1, {{ dbt.length(prefix) }}) = {{ prefix }})
{%- endmacro %}

{% macro duckdb__starts_with(text, prefix) -%}
    starts_with({{ text }}, {{ prefix }})
{%- endmacro %}

{% macro spark__starts_with(text, prefix) -%}
    startswith({{ text }}, {{ prefix }})
{%- endmacro %}
