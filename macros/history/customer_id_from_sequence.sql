{#- A customer id from its issue number: `CUS-` and ten digits. Ids are issued in sequence
    and never reused (the registry customer_id_map remembers the last number issued). -#}
{% macro customer_id_from_sequence(sequence_number) -%}
    'CUS-' || lpad(cast({{ sequence_number }} as {{ dbt.type_string() }}), 10, '0')
{%- endmacro %}
