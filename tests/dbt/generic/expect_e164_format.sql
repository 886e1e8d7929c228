{#- Fails for every non-null value that is not an E.164 number (`+` and 8 to 15 digits). -#}
{% test expect_e164_format(model, column_name) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and not {{ customer_identity.regexp_full_match(column_name, '\\+[1-9][0-9]{7,14}') }}

{% endtest %}
