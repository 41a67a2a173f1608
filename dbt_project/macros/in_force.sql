{#- Filter a versioned standard to the rows in force on a date: effective_from <= d <= effective_to (open end). -#}
{% macro in_force(date_expr, alias=none) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    {{ p }}effective_from <= {{ date_expr }}
    and ({{ p }}effective_to is null or {{ p }}effective_to >= {{ date_expr }})
{%- endmacro %}
