{#- Every column of `relation`, with the `columns` listed (personal data) set to null on the
    rows where `flag` is true. -#}
{% macro mask_erased_columns(relation, flag, columns) -%}
    {{ return(adapter.dispatch('mask_erased_columns', 'customer_identity')(relation, flag, columns)) }}
{%- endmacro %}

{% macro default__mask_erased_columns(relation, flag, columns) -%}
    {{ exceptions.raise_compiler_error(
        "mask_erased_columns has no implementation for adapter '" ~ adapter.type() ~ "'"
    ) }}
{%- endmacro %}

{% macro duckdb__mask_erased_columns(relation, flag, columns) -%}
    select
        {{ relation }}.* replace (
            {%- for column in columns %}
            case when not {{ flag }} then {{ relation }}.{{ column }} end as {{ column }}
            {{- "," if not loop.last }}
            {%- endfor %}
        )
    from {{ relation }}
{%- endmacro %}

{#- Spark has no `* replace`: the masked columns move to the end. -#}
{% macro spark__mask_erased_columns(relation, flag, columns) -%}
    select
        {{ relation }}.* except ({{ columns | join(', ') }}),
        {%- for column in columns %}
        case when not {{ flag }} then {{ relation }}.{{ column }} end as {{ column }}
        {{- "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
{%- endmacro %}
