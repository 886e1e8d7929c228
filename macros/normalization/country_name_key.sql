{#- The form in which country names, codes and aliases are compared: lower case, accents
    stripped, '&' read as 'and', a leading 'the' dropped, letters only
    ('The Netherlands' -> 'netherlands', 'U.S.A.' -> 'usa', 'Côte d’Ivoire' -> 'cotedivoire'). -#}
{% macro country_name_key(column) -%}
    {{ return(adapter.dispatch('country_name_key', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__country_name_key(column) -%}
    {%- set lowered -%}
        replace(lower(trim({{ column }})), '&', ' and ')
    {%- endset -%}
    nullif({{ customer_identity.remove_non_letters(
        customer_identity.strip_accents(
            customer_identity.regexp_replace_all(lowered, '^the\\s+', '')
        )
    ) }}, '')
{%- endmacro %}
