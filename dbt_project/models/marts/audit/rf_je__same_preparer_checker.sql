{#- RF_JE_004 制单与审核为同一人: vouchers checked by the person who prepared them (same person code; a
    namesake with another code is another person). Preparing and posting by one person is not this rule.
    Amount: the voucher's total debit. -#}
with lines as (
    select * from {{ ref('int_gl__lines') }}
    where checker_code = preparer_code
),

final as (
    select
        'RF_JE_004' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        preparer_code as subject_id,
        max(preparer_name) as subject_name,
        to_char(max(prepared_date), 'YYYY-MM') as period,
        sum(debit) as amount,
        jsonb_build_object(
            '凭证号', max(voucher_label),
            '摘要', max(voucher_summary),
            '凭证金额', sum(debit),
            '来源', max(source_type),
            '制单人', max(preparer_name) || '（' || preparer_code || '）',
            '审核人', max(checker_name) || '（' || max(checker_code) || '）',
            '记账人', max(poster_name),
            '制单日期', max(prepared_date),
            '审核时间', max(checked_at)
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || max(voucher_label)") }})
            as source_refs,
        voucher_id as flag_key
    from lines
    group by voucher_id, subsidiary_code, preparer_code
)

select * from final
