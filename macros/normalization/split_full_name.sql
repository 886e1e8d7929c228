{#- One piece of a single full-name field, as written (trimmed, whitespace collapsed); apply
    normalize_person_name to it for display. `part` is 'first' or 'last'.
    - `Last, First Middle` (a comma): last = before the first comma, first = after it.
    - `First Middle Last`: last = the last word together with any particles before it
      (`van`, `von`, `de`, `da`, `del`, `della`, `der`, `du`, `la`, `le`, `bin`, `al`, ...),
      first = every word before; `Ludwig van Beethoven` -> `Ludwig` + `van Beethoven`.
    - A title before (`Mr`, `Mrs`, `Ms`, `Dr`, `Prof`, ...) and a suffix after (`Jr`, `Sr`,
      `II`, `III`, `IV`, `PhD`, `MD`, `Esq`) are dropped.
    - One word (`Madonna`, `山田太郎`): it is the first name; last is null.
    Null when empty. -#}
{% macro split_full_name(column, part) -%}
    {{ return(adapter.dispatch('split_full_name', 'customer_identity')(column, part)) }}
{%- endmacro %}

{% macro default__split_full_name(column, part) -%}
    {%- if part not in ('first', 'last') -%}
        {{ exceptions.raise_compiler_error("split_full_name: part must be 'first' or 'last', got '" ~ part ~ "'") }}
    {%- endif -%}
    {%- set titles = '(?i)^((mr|mrs|ms|miss|mx|dr|prof|sir|dame|herr|frau|mme|mlle)\\.?\\s+)+' -%}
    {%- set suffixes = '(?i)(,?\\s+(jr|sr|ii|iii|iv|phd|md|esq)\\.?)+$' -%}
    {%- set particles = '(van|von|de|del|della|der|den|di|da|du|dos|das|le|la|ter|ten|bin|ibn|al|el|st\\.?|saint)' -%}
    {%- set before_comma = 'nullif(trim(' ~ dbt.split_part('name__full', "','", 1) ~ "), '')" -%}
    {%- set after_comma = customer_identity.regexp_replace_all(
        customer_identity.regexp_capture('name__full', '^[^,]*,\\s*(.*)$'), titles, ''
    ) -%}
    {%- if part == 'first' -%}
        {%- set with_comma = 'nullif(trim(' ~ after_comma ~ "), '')" -%}
        {%- set without_comma = 'coalesce('
            ~ customer_identity.regexp_capture(
                'name__full', '(?i)^(\\S+(\\s+\\S+)*?)\\s+(' ~ particles ~ '\\s+)*\\S+$'
            ) ~ ', name__full)' -%}
    {%- else -%}
        {%- set with_comma = before_comma -%}
        {%- set without_comma = customer_identity.regexp_capture(
            'name__full', '(?i)^\\S+(\\s+\\S+)*?\\s+((' ~ particles ~ '\\s+)*\\S+)$', 2
        ) -%}
    {%- endif -%}
    {#- Titles and suffixes go first, so that `King, Jr.` is not read as `Last, First`. -#}
    {%- set stripped = customer_identity.regexp_replace_all(
        customer_identity.regexp_replace_all(customer_identity.clean_text(column), titles, ''), suffixes, ''
    ) -%}
    {{ customer_identity.bind_value(
        'name__full',
        'nullif(trim(' ~ stripped ~ "), '')",
        'case when name__full like \'%,%\' then ' ~ with_comma ~ ' else ' ~ without_comma ~ ' end'
    ) }}
{%- endmacro %}
