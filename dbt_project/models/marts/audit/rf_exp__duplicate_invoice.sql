{#- RF_EXP_010 发票重复报销: the same invoice (code and number) on more than one claim line, across claims and
    subsidiaries. One flag per invoice, raised where it was reimbursed again; the first reimbursement is the
    original. Amount: everything reimbursed on it after the first time. -#}
with lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    where invoice_code is not null and invoice_no is not null
),

ordered as (
    select
        lines.*,
        row_number() over (
            partition by invoice_code, invoice_no order by claim_date, claim_no, line_no
        ) as use_no,
        count(*) over (partition by invoice_code, invoice_no) as uses
    from lines
),

duplicated as (
    select * from ordered where uses > 1
),

per_invoice as (
    select
        invoice_code,
        invoice_no,
        max(uses) as uses,
        (array_agg(subsidiary_code order by use_no desc))[1] as subsidiary_code,
        (array_agg(claimant_emp_code order by use_no desc))[1] as claimant_emp_code,
        (array_agg(person_name order by use_no desc))[1] as claimant_name,
        max(claim_date) as last_claim_date,
        sum(amount) filter (where use_no > 1) as amount,
        jsonb_agg(
            jsonb_build_object(
                '第几次报销', use_no,
                '报销单号', claim_no,
                '行号', line_no,
                '单位', subsidiary_code,
                '报销人', person_name,
                '报销日期', claim_date,
                '费用项目', expense_type,
                '发票品名', item_name,
                '金额', amount
            ) order by use_no
        ) as uses_detail,
        jsonb_agg(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行'") }}
            order by use_no
        ) as refs
    from duplicated
    group by invoice_code, invoice_no
),

final as (
    select
        'RF_EXP_010' as rule_id,
        subsidiary_code,
        'invoice' as subject_type,
        invoice_code || '-' || invoice_no as subject_id,
        '发票 ' || invoice_code || '-' || invoice_no as subject_name,
        to_char(last_claim_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '发票代码', invoice_code,
            '发票号码', invoice_no,
            '报销次数', uses,
            '重复报销金额', amount,
            '最近报销人', claimant_name,
            '报销明细', uses_detail,
            '标准出处', '《中华人民共和国发票管理办法》；《会计基础工作规范》'
        ) as evidence,
        refs as source_refs,
        invoice_code || '|' || invoice_no as flag_key
    from per_invoice
)

select * from final
