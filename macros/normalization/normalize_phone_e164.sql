{#- A phone number in E.164 (`+15551234567`), or null when it cannot be made a plausible one.
    `country_column` is a SQL expression holding the alpha-2 code the number is national to
    (null or 'null': var('default_country')). Reads `tel:` URIs, `+` and `00` international
    forms, the country's own international prefix (`011` in North America), national forms
    with or without the trunk prefix (`(555) 123-4567`, `1 555 123 4567`, `07700 900123`,
    `030 123456`, Italy's kept leading 0), a number already carrying its country code without
    `+` (`447700900123`) and `+44 (0)20 ...`; drops extensions (`x123`, `ext. 12`, `;ext=1`).
    Null for letters, an unknown country code, a national number of a length the country does
    not use (libphonenumber's metadata), more than 15 digits, or one digit repeated.
    Calling codes, trunk prefixes and lengths come from the seed country_reference, inlined at
    compile time (the macro registers the model's dependency on the seed itself). -#}
{% macro normalize_phone_e164(phone_column, country_column=none) -%}
    {{ return(adapter.dispatch('normalize_phone_e164', 'customer_identity')(phone_column, country_column)) }}
{%- endmacro %}

{% macro default__normalize_phone_e164(phone_column, country_column=none) -%}
    {%- set countries = customer_identity.reference_seed_source('country_reference') -%}
    {%- set countries_by_calling_code = {} -%}
    {%- set countries_by_international_prefix = {} -%}
    {%- set lengths_by_calling_code = {} -%}
    {%- set trunk_prefix_by_calling_code = {} -%}
    {%- if countries is not none -%}
        {%- set query -%}
            select country_code, calling_code, national_prefix, international_prefix, national_number_lengths
            from {{ countries }} as countries
            where calling_code is not null
            order by country_code
        {%- endset -%}
        {%- for row in run_query(query).rows -%}
            {%- set calling_code = row['calling_code'] | trim -%}
            {%- do countries_by_calling_code.setdefault(calling_code, []).append(row['country_code'] | upper) -%}
            {%- if row['international_prefix'] and row['international_prefix'] != '00' -%}
                {%- do countries_by_international_prefix.setdefault(row['international_prefix'], []).append(row['country_code'] | upper) -%}
            {%- endif -%}
            {%- for length in (row['national_number_lengths'] or '').split('|') if length -%}
                {%- do lengths_by_calling_code.setdefault(calling_code, []).append(length | int) -%}
            {%- endfor -%}
            {%- if row['national_prefix'] -%}
                {%- do trunk_prefix_by_calling_code.update({calling_code: row['national_prefix']}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}

    {#- Lookups as constant CASE expressions over the seed's rows. Lengths are written '|7|9|10|'
        so that a length can be looked up with position(). -#}
    {%- set lengths_text_by_calling_code = {} -%}
    {%- for calling_code, lengths in lengths_by_calling_code.items() -%}
        {%- do lengths_text_by_calling_code.update({calling_code: '|' ~ (lengths | unique | sort | join('|')) ~ '|'}) -%}
    {%- endfor -%}
    {%- set countries_by_lengths = {} -%}
    {%- for calling_code, country_codes in countries_by_calling_code.items() -%}
        {%- do countries_by_lengths.setdefault(lengths_text_by_calling_code.get(calling_code, '||'), []).extend(country_codes) -%}
    {%- endfor -%}

    {#- 1. The digits as dialled, with a leading + kept: URI scheme and parameters, extension,
        a trunk prefix written `(0)` after the country code, and separators removed. -#}
    {%- set dialled = 'lower(' ~ customer_identity.clean_text(phone_column) ~ ')' -%}
    {%- set dialled = customer_identity.regexp_replace_all(dialled, '^tel:|;.*$', '') -%}
    {%- set dialled = customer_identity.regexp_replace_all(
        dialled, '\\s*,?\\s*(extension|ext\\.?|x|#)\\s*[:.]?\\s*[0-9]+\\s*$', ''
    ) -%}
    {%- set dialled = customer_identity.regexp_replace_all(dialled, '^(\\+[0-9]{1,3})[\\s.-]*\\(0\\)', '\\1') -%}
    {%- set dialled = customer_identity.regexp_replace_all(dialled, '[\\s().\\[\\]/-]', '') -%}

    {#- 2. The number with its country code (no +): international forms as written, national
        forms prefixed with the country's calling code unless they already start with it. -#}
    {%- set with_country_code -%}
        case
            when not {{ customer_identity.regexp_full_match('phone__dialled', '\\+?[0-9]+') }} then null
            when phone__dialled like '+%' then substr(phone__dialled, 2)
            when phone__international_prefix is not null
                and substr(phone__dialled, 1, length(phone__international_prefix)) = phone__international_prefix
                then substr(phone__dialled, length(phone__international_prefix) + 1)
            when phone__dialled like '00%' then substr(phone__dialled, 3)
            when substr(phone__dialled, 1, length(phone__country_calling_code)) = phone__country_calling_code
                and not {{ customer_identity.pipe_list_contains('phone__country_lengths', 'length(phone__dialled)') }}
                and {{ customer_identity.pipe_list_contains('phone__country_lengths', 'length(phone__dialled) - length(phone__country_calling_code)') }}
                then phone__dialled
            else phone__country_calling_code || phone__dialled
        end
    {%- endset -%}

    {#- 3. The country code the number starts with, the national number lengths and the trunk
        prefix of that country code. -#}
    {%- set calling_codes_by_digits = {1: [], 2: [], 3: []} -%}
    {%- for calling_code in countries_by_calling_code if calling_code | length in (1, 2, 3) -%}
        {%- do calling_codes_by_digits[calling_code | length].append(calling_code) -%}
    {%- endfor -%}
    {%- set calling_code -%}
        {%- if countries_by_calling_code | length == 0 -%}
            cast(null as {{ dbt.type_string() }})
        {%- else -%}
        case
        {%- for digits in (1, 2, 3) if calling_codes_by_digits[digits] %}
            when substr(phone__number, 1, {{ digits }}) in (
                {%- for code in calling_codes_by_digits[digits] | sort -%}
                    {{ customer_identity.sql_string(code) }}{{ ", " if not loop.last }}
                {%- endfor -%}
            ) then substr(phone__number, 1, {{ digits }})
        {%- endfor %}
        end
        {%- endif -%}
    {%- endset -%}

    {#- 4. The national number: the trunk prefix (`0`, `1`, `8`) dropped when what is left still
        has a length the country uses. -#}
    {%- set subscriber = 'substr(phone__number, length(phone__calling_code) + 1)' -%}
    {%- set national_number -%}
        case
            when phone__trunk_prefix is not null
                and substr({{ subscriber }}, 1, length(phone__trunk_prefix)) = phone__trunk_prefix
                and {{ customer_identity.pipe_list_contains('phone__lengths', 'length(' ~ subscriber ~ ') - length(phone__trunk_prefix)') }}
                then substr({{ subscriber }}, length(phone__trunk_prefix) + 1)
            else {{ subscriber }}
        end
    {%- endset -%}

    {#- 5. Plausible: a length the country uses, at most 15 digits, not one digit repeated. -#}
    {%- set e164 -%}
        case
            when {{ customer_identity.pipe_list_contains('phone__lengths', 'length(phone__national_number)') }}
                and length(phone__calling_code) + length(phone__national_number) <= 15
                and replace(phone__national_number, substr(phone__national_number, 1, 1), '') <> ''
                then '+' || phone__calling_code || phone__national_number
        end
    {%- endset -%}

    {#- Each level binds values computed from the level above (see bind_values). -#}
    {{ customer_identity.bind_values({
        'phone__dialled': dialled,
        'phone__country': customer_identity.country_or_default(country_column),
    }, customer_identity.bind_values({
        'phone__country_calling_code': customer_identity.case_lookup('phone__country', countries_by_calling_code),
        'phone__international_prefix': customer_identity.case_lookup('phone__country', countries_by_international_prefix),
        'phone__country_lengths': customer_identity.case_lookup('phone__country', countries_by_lengths),
    }, customer_identity.bind_value(
        'phone__number', with_country_code,
        customer_identity.bind_values({
            'phone__calling_code': calling_code,
            'phone__lengths': customer_identity.calling_code_lookup('phone__number', lengths_text_by_calling_code),
            'phone__trunk_prefix': customer_identity.calling_code_lookup('phone__number', trunk_prefix_by_calling_code),
        }, customer_identity.bind_value('phone__national_number', national_number, e164))
    ))) }}
{%- endmacro %}
