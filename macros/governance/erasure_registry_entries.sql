{#- What to select from for the erasure registry (identifier_type, identifier_hash,
    customer_id) as it stands before this model runs. Read by name, not ref(), because the
    registry is extended after resolution, downstream of the models that apply it (staging,
    customer assignment). -#}
{% macro erasure_registry_entries() -%}
    {%- set string_type = dbt.type_string() -%}
    {{ customer_identity.select_persisted('governance', 'erasure_registry', [
        ['identifier_type', string_type],
        ['identifier_hash', string_type],
        ['customer_id', string_type],
    ]) }}
{%- endmacro %}
