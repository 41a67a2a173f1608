{#- The common body of the entertainment rules (RF_EXP_004..008): one flag per entertainment claim line of
    int_exp__entertainment that meets `condition`, with the facts of the dinner and its pre-approval as
    evidence, plus the rule's own `finding` text and `amount` involved. -#}
{% macro rf_entertainment(rule_id, condition, amount, finding) -%}
with entertainment as (
    select * from {{ ref('int_exp__entertainment') }}
),

final as (
    select
        '{{ rule_id }}' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        person_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        {{ amount }} as amount,
        jsonb_build_object(
            '问题', {{ finding }},
            '经办人', person_name,
            '接待日期', start_date,
            '来访单位', guest_unit,
            '来宾人数', guest_count,
            '陪餐人数', accompany_count,
            '报销金额', amount,
            '人均', case when diners > 0 then round(amount / diners, 2) end,
            '人均标准', meal_cap_per_person,
            '陪餐上限', max_accompany,
            '接待单位层级', host_level,
            '审批单号', approval_id,
            '审批时间', approved_at,
            '核定金额', approved_amount,
            '附来访公函', letter_attached,
            '来宾名单', guest_list,
            '报销单号', claim_no,
            '标准出处', standard_source
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行（业务招待费）'") }}
        ) || case when approval_id is null then '[]'::jsonb else jsonb_build_array(
            {{ source_ref('oa.entertainment_approval', ['approval_id'], "'接待审批单 ' || approval_id") }}) end
            as source_refs,
        claim_no || '|' || line_no as flag_key
    from entertainment
    where {{ condition }}
)

select * from final
{%- endmacro %}
