{#- RF_AUTH_001 超越授权审批: an approved payment or other matter whose final approver held no delegated authority
    for its category on the approval day, or whose amount is above the largest limit the approver held for that
    category then (oa.approval_authority: authorities of the approval's subsidiary, terms covering the approval
    date; employee codes compared with norm_emp_code, categories with norm_matter_category: an authority for
    资金支付类 covers an approval of 资金支付). Exactly at the limit is within it. Another person's
    authority, or the approver's authority for another category, does not count. Amount: the approval (the
    whole approval was given without authority). -#}
with approvals as (
    select
        *,
        cast(approved_at as date) as approved_on,
        {{ norm_emp_code('approver_emp_code') }} as approver_key,
        {{ norm_matter_category('matter_category') }} as category_key,
        {{ norm_approval_status('status') }} as status_key
    from {{ ref('stg_oa__payment_approval') }}
),

authorities as (
    select
        *,
        {{ norm_emp_code('emp_code') }} as emp_key,
        {{ norm_matter_category('matter_category') }} as category_key
    from {{ ref('stg_oa__approval_authority') }}
),

employees as (
    select * from {{ ref('int_hr__employees') }}
),

judged as (
    select
        approvals.*,
        authority.authority_id,
        authority.limit_amount,
        authority.start_date as authority_from,
        authority.end_date as authority_to,
        (select jsonb_agg(jsonb_build_object('授权书编号', other.authority_id, '事项类别', other.matter_category,
                                             '权限金额', other.limit_amount, '起始日期', other.start_date,
                                             '终止日期', other.end_date)
                          order by other.start_date, other.authority_id)
         from authorities as other
         where other.subsidiary_code = approvals.subsidiary_code and other.emp_key = approvals.approver_key
        ) as approver_authorities
    from approvals
    left join lateral (
        select authorities.*
        from authorities
        where authorities.subsidiary_code = approvals.subsidiary_code
            and authorities.emp_key = approvals.approver_key
            and authorities.category_key = approvals.category_key
            and authorities.start_date <= approvals.approved_on
            and (authorities.end_date is null or authorities.end_date >= approvals.approved_on)
        order by authorities.limit_amount desc
        limit 1
    ) as authority on true
    where approvals.status_key = '已批准' and approvals.approved_on is not null
),

final as (
    select
        'RF_AUTH_001' as rule_id,
        judged.subsidiary_code,
        'person' as subject_type,
        judged.approver_emp_code as subject_id,
        coalesce(employees.emp_name, judged.approver_emp_code) as subject_name,
        to_char(judged.approved_on, 'YYYY-MM') as period,
        judged.amount,
        jsonb_build_object(
            '问题', case when judged.authority_id is null
                then '终审人审批当日无' || judged.matter_category || '事项授权'
                else '审批金额超出授权权限' || (judged.amount - judged.limit_amount) || '元' end,
            '付款审批单号', judged.approval_id,
            '事项类别', judged.matter_category,
            '收款方', judged.payee_name,
            '审批金额', judged.amount,
            '审批时间', judged.approved_at,
            '终审人', coalesce(employees.emp_name, judged.approver_emp_code),
            '终审人编码', judged.approver_emp_code,
            '终审人职务', employees.position_title,
            '适用授权书编号', judged.authority_id,
            '授权权限金额', judged.limit_amount,
            '授权期间', case when judged.authority_id is not null
                then judged.authority_from || ' 至 ' || coalesce(cast(judged.authority_to as text), '今') end,
            '终审人全部授权', judged.approver_authorities,
            '标准', '审批人只能在授权书载明的事项类别和单笔权限金额内审批（分层授权，达到权限金额为授权内）',
            '标准出处', 'OA分层授权表（授权书登记）'
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.payment_approval', ['approval_id'], "'付款审批单 ' || approval_id") }})
            || case when judged.authority_id is null then '[]'::jsonb else jsonb_build_array(
                {{ source_ref('oa.approval_authority', ['authority_id'], "'授权书 ' || authority_id") }}) end
            as source_refs,
        judged.approval_id as flag_key
    from judged
    left join employees
        on employees.subsidiary_code = judged.subsidiary_code
        and employees.emp_key = judged.approver_key
    where judged.authority_id is null or judged.amount > judged.limit_amount
)

select * from final
