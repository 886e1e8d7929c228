{#- Whether a `|`-delimited list written with outer delimiters (`'|7|9|10|'`, a SQL expression)
    contains `value` (a SQL expression, cast to text). -#}
{% macro pipe_list_contains(list_text, value) -%}
    ({{ dbt.position("'|' || cast(" ~ value ~ " as " ~ dbt.type_string() ~ ") || '|'", list_text) }} > 0)
{%- endmacro %}
