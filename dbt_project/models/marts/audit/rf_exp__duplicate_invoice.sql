{#- RF_EXP_010 发票重复报销: the same invoice reimbursed on more than one claim, across claims, subsidiaries of the
    group and expense types. Invoices are compared on their normalised key (norm_invoice: full-width forms,
    spaces and case ignored; a 全电/数电 invoice, or one without a code, on its number alone, an older one on code and
    number; an empty code is no code). Several lines of ONE claim on one invoice are one reimbursement (an invoice
    split over lines); a rejected claim (驳回) reimbursed nothing. One flag per invoice, raised where it was
    reimbursed again; the first reimbursement is the original. A claim whose lines on the invoice net below zero
    is a red-ink reversal (红字冲销) of an earlier use: reversed and claimed again is one reimbursement. Amount:
    everything reimbursed on it after the first claim, reversals netted. -#}
with lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    where invoice_key is not null and not {{ claim_turned_down('approval_status') }}
),

-- what each claim reimbursed on each invoice (its lines netted)
claim_amounts as (
    select
        invoice_key,
        claim_no,
        min(claim_date) as claim_date,
        sum(amount) as claim_amount
    from lines
    group by invoice_key, claim_no
),

-- each claim that reimbursed an invoice is one use of it, in the order of the claims; a claim netting to less
-- than zero is a red-ink reversal (红字冲销) and takes one use back, so a claim reversed and claimed again is
-- reimbursed once
claim_uses as (
    select
        invoice_key,
        claim_no,
        case when claim_amount > 0 then
            dense_rank() over (partition by invoice_key, claim_amount > 0 order by claim_date, claim_no)
        end as use_no,
        count(*) filter (where claim_amount > 0) over (partition by invoice_key)
            - count(*) filter (where claim_amount < 0) over (partition by invoice_key) as uses
    from claim_amounts
),

uses as (
    select
        lines.*,
        claim_uses.use_no,
        claim_uses.uses
    from lines
    inner join claim_uses on claim_uses.invoice_key = lines.invoice_key and claim_uses.claim_no = lines.claim_no
),

duplicated as (
    select * from uses where uses > 1
),

per_invoice as (
    select
        invoice_key,
        max(uses) as uses,
        (array_agg(subsidiary_code order by use_no desc nulls last, line_no))[1] as subsidiary_code,
        (array_agg(claimant_emp_code order by use_no desc nulls last, line_no))[1] as claimant_emp_code,
        (array_agg(person_name order by use_no desc nulls last, line_no))[1] as claimant_name,
        string_agg(distinct concat_ws('-', invoice_code, invoice_no), '、') as invoice_as_written,
        max(claim_date) as last_claim_date,
        -- all reimbursed on it but the first use (reversals netted in)
        sum(amount) filter (where use_no is distinct from 1) as amount,
        jsonb_agg(
            jsonb_build_object(
                '第几次报销', use_no,
                '报销单号', claim_no,
                '行号', line_no,
                '单位', subsidiary_code,
                '报销人', person_name,
                '报销日期', claim_date,
                '费用项目', expense_type,
                '发票代码', invoice_code,
                '发票号码', invoice_no,
                '发票品名', item_name,
                '金额', amount
            ) order by use_no, line_no
        ) as uses_detail,
        jsonb_agg(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行'") }}
            order by use_no, line_no
        ) as refs
    from duplicated
    group by invoice_key
),

final as (
    select
        'RF_EXP_010' as rule_id,
        subsidiary_code,
        'invoice' as subject_type,
        invoice_key as subject_id,
        '发票 ' || invoice_key as subject_name,
        to_char(last_claim_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '发票（规范后）', invoice_key,
            '发票原文', invoice_as_written,
            '报销次数', uses,
            '重复报销金额', amount,
            '最近报销人', claimant_name,
            '报销明细', uses_detail,
            '标准出处', '《中华人民共和国发票管理办法》；《会计基础工作规范》'
        ) as evidence,
        refs as source_refs,
        replace(invoice_key, '-', '|') as flag_key  -- code|number as before normalisation: flag ids stay
    from per_invoice
)

select * from final
