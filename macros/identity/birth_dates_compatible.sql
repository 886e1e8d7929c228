{#- True unless two records' birth dates clearly differ: both present and neither equal,
    nor one keystroke apart, nor day and month swapped. -#}
{% macro birth_dates_compatible(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('birth_dates_compatible', 'customer_identity')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__birth_dates_compatible(left_alias, right_alias) -%}
    {%- set left_date = left_alias ~ '.date_of_birth' -%}
    {%- set right_date = right_alias ~ '.date_of_birth' -%}
    (
        {{ left_date }} is null
        or {{ right_date }} is null
        or {{ left_date }} = {{ right_date }}
        or levenshtein({{ customer_identity.format_date(left_date, '%Y%m%d') }}, {{ customer_identity.format_date(right_date, '%Y%m%d') }}) <= 1
        or (
            year({{ left_date }}) = year({{ right_date }})
            and month({{ left_date }}) = day({{ right_date }})
            and day({{ left_date }}) = month({{ right_date }})
        )
    )
{%- endmacro %}
