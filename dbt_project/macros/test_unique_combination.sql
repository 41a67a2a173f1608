{#- Generic test: the combination of columns is unique (compound primary keys). -#}
{% test unique_combination(model, columns) %}
select {{ columns }}, count(*) as n from {{ model }} group by {{ columns }} having count(*) > 1
{% endtest %}
