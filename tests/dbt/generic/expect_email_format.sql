{#- Fails for every non-null value that is not a plain, lower-case email address. -#}
{% test expect_email_format(model, column_name) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and not regexp_full_match({{ column_name }}, '[a-z0-9._%+''-]+@[a-z0-9.-]+\.[a-z]{2,}')

{% endtest %}
