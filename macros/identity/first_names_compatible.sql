{#- True unless two records' first names clearly belong to different people: both present
    and neither equal, nor close (Jaro-Winkler ≥ 0.88, typos), nor nickname-equivalent
    (a shared variant from the nicknames seed), nor one a prefix of the other (`j`,
    `jon` / `jonathan`), nor first and last name swapped. Expects columns first_name_key,
    last_name_key and first_name_variants. -#}
{% macro first_names_compatible(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('first_names_compatible', 'customer_identity')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__first_names_compatible(left_alias, right_alias) -%}
    {#- coalesce: a check on a missing value (a swap test against no last name) is no match. #}
    coalesce((
        {{ left_alias }}.first_name_key is null
        or {{ right_alias }}.first_name_key is null
        or {{ left_alias }}.first_name_key = {{ right_alias }}.first_name_key
        or {{ customer_identity.jaro_winkler_similarity(left_alias ~ '.first_name_key', right_alias ~ '.first_name_key') }} >= 0.88
        or {{ customer_identity.arrays_overlap(left_alias ~ '.first_name_variants', right_alias ~ '.first_name_variants') }}
        or {{ customer_identity.starts_with(left_alias ~ '.first_name_key', right_alias ~ '.first_name_key') }}
        or {{ customer_identity.starts_with(right_alias ~ '.first_name_key', left_alias ~ '.first_name_key') }}
        -- first and last name typed in each other's field
        or (
            {{ left_alias }}.first_name_key = {{ right_alias }}.last_name_key
            and {{ right_alias }}.first_name_key = {{ left_alias }}.last_name_key
        )
    ), false)
{%- endmacro %}
