{#- The text made by evaluating `expression` once per character position of `text` (1 to its
    length; `position_name` names the position inside `expression`) and concatenating the
    results. Null when `text` is null. -#}
{% macro concat_over_positions(text, position_name, expression) -%}
    {{ return(adapter.dispatch('concat_over_positions', 'customer_identity')(text, position_name, expression)) }}
{%- endmacro %}

{#- A one-parameter lambda (sqlfluff cannot parse two). -#}
{% macro duckdb__concat_over_positions(text, position_name, expression) -%}
    array_to_string(
        list_transform(
            range(1, length({{ text }}) + 1),
            lambda {{ position_name }}: {{ expression }}
        ),
        ''
    )
{%- endmacro %}

{#- sequence(1, 0) counts down: an empty text gives an empty result explicitly. -#}
{% macro default__concat_over_positions(text, position_name, expression) -%}
    case
        when length({{ text }}) = 0 then ''
        else array_join(
            transform(sequence(1, length({{ text }})), {{ position_name }} -> {{ expression }}),
            ''
        )
    end
{%- endmacro %}
