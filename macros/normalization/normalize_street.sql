{#- Street line for display: trimmed, inner whitespace collapsed, null when empty. The
    matching form is street_match_key. -#}
{% macro normalize_street(column) -%}
    {{ return(adapter.dispatch('normalize_street', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__normalize_street(column) -%}
    {{ customer_identity.clean_text(column) }}
{%- endmacro %}
