{#- A postcode in one canonical spelling, by country (`country_column`: a SQL expression
    holding an alpha-2 code; null means var('default_country')):
    - US: the 5-digit ZIP (`02134-1234` -> `02134`); a ZIP that lost its leading zeros to a
      spreadsheet is padded back (`2134` -> `02134`). A value that is no ZIP at all is kept in
      the general form below: the country is often only the default one.
    - GB, CA: upper case, one space before the last three characters (`sw1a1aa` -> `SW1A 1AA`).
    - elsewhere: upper case letters and digits, single spaces (`1234  ab` -> `1234 AB`,
      punctuation dropped).
    Null when empty. -#}
{% macro normalize_postcode(column, country_column=none) -%}
    {{ return(adapter.dispatch('normalize_postcode', 'customer_identity')(column, country_column)) }}
{%- endmacro %}

{% macro default__normalize_postcode(column, country_column=none) -%}
    {%- set country = customer_identity.country_or_default(country_column) -%}
    {%- set alphanumeric = customer_identity.regexp_replace_all('postcode__text', '[^A-Z0-9]', '') -%}
    {%- set general = customer_identity.clean_text(
        customer_identity.regexp_replace_all('postcode__text', '[^A-Z0-9 ]', '')
    ) -%}
    {%- set by_country -%}
        case
            when {{ country }} = 'US' then
                case
                    when {{ customer_identity.regexp_full_match('postcode__text', '[0-9]{5}(\\s*-?\\s*[0-9]{4})?') }}
                        then substr(postcode__text, 1, 5)
                    when {{ customer_identity.regexp_full_match('postcode__text', '[0-9]{3,4}') }}
                        then lpad(postcode__text, 5, '0')
                    when {{ customer_identity.regexp_full_match('postcode__text', '[0-9]{4}\\s*-\\s*[0-9]{4}|[0-9]{8}') }}
                        then lpad(substr(postcode__text, 1, 4), 5, '0')
                    else {{ general }}
                end
            when {{ country }} in ('GB', 'CA') then
                case
                    when length({{ alphanumeric }}) > 3
                        then substr({{ alphanumeric }}, 1, length({{ alphanumeric }}) - 3)
                            || ' ' || substr({{ alphanumeric }}, length({{ alphanumeric }}) - 2)
                    else {{ alphanumeric }}
                end
            else {{ general }}
        end
    {%- endset -%}
    {{ customer_identity.bind_value(
        'postcode__text',
        'upper(' ~ customer_identity.clean_text(column) ~ ')',
        'nullif(' ~ by_country ~ ", '')"
    ) }}
{%- endmacro %}
