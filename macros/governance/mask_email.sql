{#- An email for readers who must not see it: the first letter, `***`, then the domain
    (`j***@example.com`). Null stays null. -#}
{% macro mask_email(column) -%}
    {{ return(adapter.dispatch('mask_email', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__mask_email(column) -%}
    case
        when {{ column }} is not null
            then {{ dbt.concat([
                "substr(" ~ column ~ ", 1, 1)",
                "'***@'",
                dbt.split_part(column, "'@'", 2),
            ]) }}
    end
{%- endmacro %}
