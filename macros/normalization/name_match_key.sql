{#- A name as a matching key: lower case, accents stripped, letters only (any script), null
    when nothing is left. `Zoë-Anne O'Neil` -> `zoeanneoneil`, `Дмитрий` -> `дмитрии`. -#}
{% macro name_match_key(column) -%}
    {{ return(adapter.dispatch('name_match_key', 'customer_identity')(column)) }}
{%- endmacro %}

{#- Letters that do not decompose are spelt out (ß -> ss, ø -> o) so both spellings meet.
    Accents are stripped only from Latin, Greek and Cyrillic text: in Indic and Southeast
    Asian scripts the combining marks are vowels, and stripping them would merge names. -#}
{% macro default__name_match_key(column) -%}
    {%- set spelled_out -%}
        replace(replace(replace(replace(
            translate(lower({{ customer_identity.clean_text(column) }}), 'øłđıð', 'oldid'),
            'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th')
    {%- endset -%}
    {%- set accents_stripped -%}
        case
            when {{ customer_identity.regexp_contains(
                'name__lowered',
                customer_identity.unicode_script_class(['Latin', 'Greek', 'Cyrillic', 'Common', 'Inherited'], negate=true)
            ) }}
                then name__lowered
            else {{ customer_identity.strip_accents('name__lowered') }}
        end
    {%- endset -%}
    {{ customer_identity.bind_value(
        'name__lowered',
        spelled_out,
        'nullif(' ~ customer_identity.remove_non_letters(accents_stripped) ~ ", '')"
    ) }}
{%- endmacro %}
