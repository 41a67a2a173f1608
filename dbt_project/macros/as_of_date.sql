{#- The business date this run judges: var('as_of_date') from jiandu, else today. -#}
{% macro as_of_date() -%}
    {%- if var('as_of_date', none) -%}cast('{{ var("as_of_date") }}' as date){%- else -%}current_date{%- endif -%}
{%- endmacro %}
