{#- A name as a matching key: lower case, accents stripped, letters only (any script), null
    when nothing is left. `Zoë-Anne O'Neil` -> `zoeanneoneil`, `Дмитрий` -> `дмитрии`. -#}
{% macro name_match_key(column) -%}
    {{ return(adapter.dispatch('name_match_key', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__name_match_key(column) -%}
    nullif({{ customer_identity.remove_non_letters(
        customer_identity.strip_accents('lower(' ~ customer_identity.clean_text(column) ~ ')')
    ) }}, '')
{%- endmacro %}

{#- Letters that do not decompose are spelt out (ß -> ss, ø -> o) so both spellings meet.
    Accents are stripped only from Latin, Greek and Cyrillic text: in Indic and Southeast
    Asian scripts the combining marks are vowels, and stripping them would merge names. -#}
{% macro duckdb__name_match_key(column) -%}
    {%- set spelled_out -%}
        replace(replace(replace(replace(
            translate(lower({{ customer_identity.clean_text(column) }}), 'øłđıð', 'oldid'),
            'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th')
    {%- endset -%}
    {%- set accents_stripped -%}
        case
            when regexp_matches(
                name__lowered, '[^\p{Latin}\p{Greek}\p{Cyrillic}\p{Common}\p{Inherited}]'
            )
                then name__lowered
            else strip_accents(name__lowered)
        end
    {%- endset -%}
    {{ customer_identity.bind_value(
        'name__lowered',
        spelled_out,
        'nullif(' ~ customer_identity.remove_non_letters(accents_stripped) ~ ", '')"
    ) }}
{%- endmacro %}
