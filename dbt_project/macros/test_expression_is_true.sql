{#- Generic test (the one piece of dbt_utils we need): every row satisfies the expression.
    Usable on a model or on a column (the column name is then ignored: write it in the expression). -#}
{% test expression_is_true(model, expression, column_name=none) %}
select * from {{ model }} where not ({{ expression }})
{% endtest %}
