{#- RF_JE_003 金额略低于审批权限: manual vouchers whose amount lies within the seeded band below an approval
    limit (std_je_approval_limits in force on the prepared date: limit × (1 - band) <= amount < limit; a
    subsidiary's own limits replace the group's). Two amounts of a voucher are judged: the voucher amount (its
    total debit) and each payment in it (a credit to 库存现金, 银行存款 or 其他货币资金, by code 1001/1002/1012
    or by account name), so a payment split into several lines of one voucher is judged line by line. Exactly
    the limit is not below it. One finding per voucher, the voucher amount first. Amount: the amount in the band. -#}
with vouchers as (
    select * from {{ ref('int_gl__vouchers') }}
    where source_type = '手工'
),

lines as (
    select * from {{ ref('int_gl__lines') }}
    where source_type = '手工' and credit > 0
),

limits as (
    select * from {{ ref('std_je_approval_limits') }}
),

chart as (
    select * from {{ ref('int_gl__accounts') }}
),

{#- Payments: credits to a cash or bank account (int_gl__accounts.is_cash_or_bank, by code or by name). -#}
payments as (
    select lines.voucher_id, lines.line_no, lines.account_path, lines.credit as amount
    from lines
    inner join chart on chart.account_code = lines.account_code
    where chart.is_cash_or_bank
),

amounts as (
    select voucher_id, subsidiary_code, prepared_date, '凭证金额' as amount_kind, total_debit as judged_amount,
        null::integer as line_no, null::text as payment_account, 1 as priority
    from vouchers
    union all
    select vouchers.voucher_id, vouchers.subsidiary_code, vouchers.prepared_date, '付款金额', payments.amount,
        payments.line_no, payments.account_path, 2
    from payments
    inner join vouchers on vouchers.voucher_id = payments.voucher_id
),

in_band as (
    select
        amounts.*,
        limits.limit_amount,
        limits.limit_name,
        limits.band_ratio,
        limits.effective_from,
        limits.source as standard_source
    from amounts
    inner join limits
        on {{ in_force('amounts.prepared_date', 'limits') }}
        and (limits.subsidiary_code = amounts.subsidiary_code
             or (limits.subsidiary_code is null and not exists (
                 select 1 from limits as own
                 where own.subsidiary_code = amounts.subsidiary_code
                     and {{ in_force('amounts.prepared_date', 'own') }})))
    where amounts.judged_amount >= limits.limit_amount * (1 - limits.band_ratio)
        and amounts.judged_amount < limits.limit_amount
),

first_in_band as (
    select distinct on (voucher_id) *
    from in_band
    order by voucher_id, priority, judged_amount desc, line_no
),

accounts as (
    select voucher_id, string_agg(distinct account_path, '；') as accounts
    from {{ ref('int_gl__lines') }}
    where voucher_id in (select voucher_id from first_in_band)
    group by voucher_id
),

judged as (
    select vouchers.*, accounts.accounts, first_in_band.amount_kind, first_in_band.judged_amount,
        first_in_band.line_no, first_in_band.payment_account, first_in_band.limit_amount,
        first_in_band.limit_name, first_in_band.band_ratio, first_in_band.effective_from,
        first_in_band.standard_source
    from first_in_band
    inner join vouchers on vouchers.voucher_id = first_in_band.voucher_id
    left join accounts on accounts.voucher_id = first_in_band.voucher_id
),

final as (
    select
        'RF_JE_003' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        coalesce(nullif(btrim(preparer_code), ''), preparer_name) as subject_id,
        preparer_name as subject_name,
        to_char(prepared_date, 'YYYY-MM') as period,
        judged_amount as amount,
        jsonb_build_object(
            '凭证号', voucher_label,
            '摘要', voucher_summary,
            '科目', accounts,
            '凭证金额', total_debit,
            '判断金额', amount_kind,
            '付款分录', case when line_no is not null then '第' || line_no || '行 ' || payment_account end,
            '金额', judged_amount,
            '审批权限', limit_name,
            '审批限额', limit_amount,
            '低于限额', limit_amount - judged_amount,
            '区间', '限额下方' || round(band_ratio * 100, 2) || '%以内',
            '制单人', preparer_name,
            '审核人', checker_name,
            '制单日期', prepared_date,
            '标准出处', standard_source,
            '标准生效日期', effective_from
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from judged
)

select * from final
