{#- The year of the State Council holiday notice that could list a date: a notice lists its own year up to
    国庆节 and may begin its 元旦 break (or a make-up Saturday) in the last days of the previous December
    (2018-12-29, 2022-12-31), so a date from 20 December on belongs to the next year's notice. -#}
{% macro holiday_notice_year(date_expr) -%}
    cast(extract(year from {{ date_expr }}) as integer)
        + case when extract(month from {{ date_expr }}) = 12 and extract(day from {{ date_expr }}) >= 20 then 1 else 0 end
{%- endmacro %}
