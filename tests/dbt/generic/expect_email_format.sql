{#- Fails for every non-null value that is not a trimmed, lower-case email address with a
    dotted domain (letters beyond ASCII are allowed: internationalised addresses). -#}
{% test expect_email_format(model, column_name) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and (
        {{ column_name }} <> lower(trim({{ column_name }}))
        or not {{ customer_identity.regexp_full_match(column_name, '[^@\\s]+@[^@\\s]+\\.[^@\\s.0-9]{2,}') }}
    )

{% endtest %}
