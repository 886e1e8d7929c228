{#- An E.164 phone for readers who must not see it: `+`, the country calling code, one `*`
    per hidden digit, the last four digits (`+1******4567`). `calling_code` is the number's
    calling code (digits); when unknown, only the first digit is shown. Null stays null. -#}
{% macro mask_phone(column, calling_code) -%}
    {{ return(adapter.dispatch('mask_phone', 'customer_identity')(column, calling_code)) }}
{%- endmacro %}

{% macro default__mask_phone(column, calling_code) -%}
    case
        when {{ column }} is not null
            then {{ dbt.concat([
                "'+'",
                "coalesce(" ~ calling_code ~ ", substr(" ~ column ~ ", 2, 1))",
                "repeat('*', greatest(length(" ~ column ~ ") - 5 - length(coalesce(" ~ calling_code
                    ~ ", substr(" ~ column ~ ", 2, 1))), 0))",
                dbt.right(column, "4"),
            ]) }}
    end
{%- endmacro %}
