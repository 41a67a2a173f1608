{#- RF_JE_003 金额略低于审批权限: manual vouchers whose total debit lies within the seeded band below an
    approval limit (std_je_approval_limits in force on the prepared date: limit × (1 - band) <= amount < limit;
    a subsidiary's own limits replace the group's). Exactly the limit is not below it. Amount: the voucher. -#}
with lines as (
    select * from {{ ref('int_gl__lines') }}
    where source_type = '手工'
),

limits as (
    select * from {{ ref('std_je_approval_limits') }}
),

{#- Each manual voucher's total first (grouped by its key alone), judged against the limits; only the
    vouchers in a band get their header and accounts (string_agg of every voucher's accounts took most of
    the rule's 24 s at tier M). -#}
totals as (
    select voucher_id, subsidiary_code, prepared_date, sum(debit) as total_debit
    from lines
    group by voucher_id, subsidiary_code, prepared_date
),

applicable as (
    select
        totals.voucher_id,
        limits.*
    from totals
    inner join limits
        on {{ in_force('totals.prepared_date', 'limits') }}
        and (limits.subsidiary_code = totals.subsidiary_code
             or (limits.subsidiary_code is null and not exists (
                 select 1 from limits as own
                 where own.subsidiary_code = totals.subsidiary_code
                     and {{ in_force('totals.prepared_date', 'own') }})))
),

in_band as (
    select
        totals.voucher_id,
        totals.total_debit,
        applicable.limit_amount,
        applicable.limit_name,
        applicable.band_ratio,
        applicable.source as standard_source
    from totals
    inner join applicable on applicable.voucher_id = totals.voucher_id
    where totals.total_debit >= applicable.limit_amount * (1 - applicable.band_ratio)
        and totals.total_debit < applicable.limit_amount
),

vouchers as (
    select
        voucher_id,
        subsidiary_code,
        voucher_label,
        voucher_summary,
        preparer_code,
        preparer_name,
        checker_name,
        prepared_date,
        string_agg(distinct account_path, '；') as accounts
    from lines
    where voucher_id in (select voucher_id from in_band)
    group by voucher_id, subsidiary_code, voucher_label, voucher_summary, preparer_code, preparer_name,
        checker_name, prepared_date
),

judged as (
    select vouchers.*, in_band.total_debit, in_band.limit_amount, in_band.limit_name, in_band.band_ratio,
        in_band.standard_source
    from vouchers
    inner join in_band on in_band.voucher_id = vouchers.voucher_id
),

final as (
    select
        'RF_JE_003' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        preparer_code as subject_id,
        preparer_name as subject_name,
        to_char(prepared_date, 'YYYY-MM') as period,
        total_debit as amount,
        jsonb_build_object(
            '凭证号', voucher_label,
            '摘要', voucher_summary,
            '科目', accounts,
            '凭证金额', total_debit,
            '审批权限', limit_name,
            '审批限额', limit_amount,
            '低于限额', limit_amount - total_debit,
            '区间', '限额下方' || round(band_ratio * 100, 2) || '%以内',
            '制单人', preparer_name,
            '审核人', checker_name,
            '制单日期', prepared_date,
            '标准出处', standard_source
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from judged
)

select * from final
