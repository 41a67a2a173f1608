{#- The one row of a versioned standard that applies: in force on `on_date` (effective_from/effective_to), matching
    `where` (e.g. the city and tier), the subsidiary's own row winning over the group default (subsidiary_code
    null). `standard` is a relation or CTE name; use inside a lateral join:
        left join lateral ({{ standard_in_force('caps', 'lines.start_date', 'lines.subsidiary_code',
                                                "caps.tier = lines.travel_tier") }}) as cap on true
    A row that finds no standard gets nulls from a left join: count it as 未匹配标准, never drop it silently. -#}
{% macro standard_in_force(standard, on_date, subsidiary, where=none) -%}
    select {{ standard }}.*
    from {{ standard }}
    where ({{ standard }}.subsidiary_code = {{ subsidiary }} or {{ standard }}.subsidiary_code is null)
        and {{ in_force(on_date, standard) }}
        {%- if where %}
        and {{ where }}
        {%- endif %}
    order by {{ standard }}.subsidiary_code is null
    limit 1
{%- endmacro %}
