{#- True when the name given in a conversation fits a profile record: no usable name was
    given (both tokens null), or one of its tokens fits the profile's first name
    (nickname- and typo-aware) or last name (caller-id often shows only the surname).
    Expects first_name_key, last_name_key, first_name_variants on both sides. -#}
{% macro interaction_name_fits(interaction_alias, profile_alias) -%}
    {{ return(adapter.dispatch('interaction_name_fits', 'customer_identity')(interaction_alias, profile_alias)) }}
{%- endmacro %}

{% macro default__interaction_name_fits(interaction_alias, profile_alias) -%}
    {%- set i = interaction_alias -%}
    {%- set p = profile_alias -%}
    (
        ({{ i }}.first_name_key is null and {{ i }}.last_name_key is null)
        or (
            {{ i }}.first_name_key is not null
            and {{ p }}.first_name_key is not null
            and {{ customer_identity.first_names_compatible(i, p) }}
        )
        {%- for token in ['first_name_key', 'last_name_key'] %}
        or {{ customer_identity.jaro_winkler_similarity(i ~ '.' ~ token, p ~ '.last_name_key') }} >= 0.92
        {%- endfor %}
        or {{ customer_identity.jaro_winkler_similarity(i ~ '.last_name_key', p ~ '.first_name_key') }} >= 0.92
    )
{%- endmacro %}
