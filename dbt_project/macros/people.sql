{#- A unit leader (领导班子成员) in int_hr__employees `alias`: the group-leader rank, or a leadership title. -#}
{% macro unit_leader(alias) -%}
    ({{ alias }}.rank_name = '集团领导'
     or {{ alias }}.title_key ~ '(董事长|总经理|副总经理|党委书记|总会计师|总经济师|总工程师|总法律顾问)'
     or {{ alias }}.dept_key in ('公司领导', '领导班子'))
{%- endmacro %}
