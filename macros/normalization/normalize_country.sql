{#- ISO 3166-1 alpha-2 code (upper case) from an alpha-2 code, an alpha-3 code, an English
    name or an alias (`us`, `USA`, `U.S.A.`, `United States of America`, `UK`, `England`,
    `Deutschland`, `Côte d'Ivoire`), compared ignoring case, accents, spacing and punctuation;
    null when unknown or empty. The names come from the seeds country_reference and
    country_aliases, inlined at compile time (the macro registers the model's dependency on
    the seeds itself). -#}
{% macro normalize_country(column) -%}
    {{ return(adapter.dispatch('normalize_country', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__normalize_country(column) -%}
    {%- set countries = customer_identity.reference_seed_source('country_reference') -%}
    {%- set aliases = customer_identity.reference_seed_source('country_aliases') -%}
    {%- set alpha2_keys = [] -%}
    {%- set names_by_code = {} -%}
    {%- if countries is not none and aliases is not none -%}
        {%- set query -%}
            with names as (
                select country_code, country_code as name, 1 as priority from {{ countries }} as countries
                union all
                select country_code, country_code_alpha3, 2 from {{ countries }} as countries
                union all
                select country_code, country_name, 3 from {{ countries }} as countries
                union all
                select country_code, alias, 4 from {{ aliases }} as aliases
            )

            select
                upper(trim(country_code)) as country_code,
                {{ customer_identity.country_name_key('name') }} as lookup_key,
                priority
            from names
            where name is not null
            order by priority, lookup_key
        {%- endset -%}
        {%- set claimed = {} -%}
        {%- for row in run_query(query).rows if row['lookup_key'] is not none -%}
            {#- A key claimed by a code or name is not taken over by another country's alias. -#}
            {%- if row['lookup_key'] not in claimed -%}
                {%- do claimed.update({row['lookup_key']: row['country_code']}) -%}
                {%- if row['priority'] == 1 and row['lookup_key'] | length == 2 -%}
                    {%- do alpha2_keys.append(row['lookup_key']) -%}
                {%- else -%}
                    {%- do names_by_code.setdefault(row['country_code'], []).append(row['lookup_key']) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if alpha2_keys | length == 0 -%}
        {#- Parse time (nothing may be queried yet): a typed placeholder. -#}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- endif -%}
    {#- Alpha-2 codes, the usual input, are one branch; names and aliases one per country. -#}
    {%- set lookup -%}
        case
            when country__key in (
                {%- for key in alpha2_keys | sort -%}
                    {{ customer_identity.sql_string(key) }}{{ ", " if not loop.last }}
                {%- endfor -%}
            ) then upper(country__key)
            else {{ customer_identity.case_lookup('country__key', names_by_code) }}
        end
    {%- endset -%}
    {{ customer_identity.bind_value('country__key', customer_identity.country_name_key(column), lookup) }}
{%- endmacro %}
