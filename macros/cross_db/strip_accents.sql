{#- Removes diacritics: é -> e, ñ -> n, ö -> o. -#}
{% macro strip_accents(expression) -%}
    {{ return(adapter.dispatch('strip_accents', 'customer_identity')(expression)) }}
{%- endmacro %}

{#- Portable fallback: the accented Latin letters of Western, Central and Northern Europe. -#}
{% macro default__strip_accents(expression) -%}
    translate(
        {{ expression }},
        'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěĞğÌÍÎÏĪĮİìíîïīįıĶķĹĻĽŁĺļľłÑŃŅŇñńņňÒÓÔÕÖŌŐòóôõöōőŔŘŕřŚŞŠśşšŢŤţťÙÚÛÜŪŮŰŲùúûüūůűųÝŸýÿŹŻŽźżž',
        'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiKkLLLLllllNNNNnnnnOOOOOOOoooooooRRrrSSSsssTTttUUUUUUUUuuuuuuuuYYyyZZZzzz'
    )
{%- endmacro %}

{% macro duckdb__strip_accents(expression) -%}
    strip_accents({{ expression }})
{%- endmacro %}

{#- Apache Commons' stripAccents (on every Spark's class path): decomposes and drops the
    combining diacritical marks, as DuckDB does for Latin, Greek and Cyrillic text. -#}
{#- reflect turns a null result into the text 'null': null stays null here. -#}
{% macro spark__strip_accents(expression) -%}
    {{ customer_identity.bind_value(
        'accents__text',
        expression,
        "case when accents__text is not null then reflect('org.apache.commons.lang3.StringUtils', 'stripAccents', accents__text) end"
    ) }}
{%- endmacro %}
