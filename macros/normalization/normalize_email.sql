{#- Email for display and exact matching: trimmed, lower case; null when empty or not a
    plausible address (exactly one @, a non-empty local part, a dotted domain whose last
    label has two or more letters, no spaces). -#}
{% macro normalize_email(column) -%}
    {{ return(adapter.dispatch('normalize_email', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__normalize_email(column) -%}
    {#- A `mailto:` scheme is dropped with the surrounding whitespace. -#}
    {%- set trimmed = customer_identity.regexp_replace_all(
        'lower(' ~ column ~ ')', '^\\s*(mailto:)?\\s*|\\s+$', ''
    ) -%}
    case
        when {{ customer_identity.regexp_full_match(trimmed, '[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)*\\.[^@\\s.0-9]{2,}') }}
            then {{ trimmed }}
    end
{%- endmacro %}
