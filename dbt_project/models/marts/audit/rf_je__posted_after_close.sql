{#- RF_JE_005 结账后补记凭证: vouchers posted into an accounting period after that period was closed
    (posted_at later than gl_period_close.closed_at of the subsidiary, year and period). Posting at the close
    time itself or before it (the same day) is in time; a period without a close record is not closed.
    Amount: the voucher's total debit. -#}
with vouchers as (
    select * from {{ ref('int_gl__vouchers') }}
    where posted_at is not null
),

closes as (
    select * from {{ ref('stg_nc_erp__gl_period_close') }}
),

late as (
    select vouchers.*, closes.closed_at
    from vouchers
    inner join closes
        on closes.subsidiary_code = vouchers.subsidiary_code
        and closes.fiscal_year = vouchers.fiscal_year
        and closes.period = vouchers.period
    where vouchers.posted_at > closes.closed_at
),

final as (
    select
        'RF_JE_005' as rule_id,
        vouchers.subsidiary_code,
        'person' as subject_type,
        coalesce(nullif(btrim(vouchers.poster_code), ''), vouchers.poster_name, vouchers.preparer_name) as subject_id,
        coalesce(vouchers.poster_name, vouchers.preparer_name) as subject_name,
        vouchers.fiscal_year || '-' || lpad(vouchers.period::text, 2, '0') as period,
        vouchers.total_debit as amount,
        jsonb_build_object(
            '凭证号', vouchers.voucher_label,
            '摘要', vouchers.voucher_summary,
            '凭证金额', vouchers.total_debit,
            '会计期间', vouchers.fiscal_year || '年' || vouchers.period || '期',
            '结账时间', vouchers.closed_at,
            '记账时间', vouchers.posted_at,
            '结账后天数', (vouchers.posted_at::date - vouchers.closed_at::date),
            '制单人', vouchers.preparer_name,
            '记账人', vouchers.poster_name,
            '制单日期', vouchers.prepared_date
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || vouchers.voucher_label") }},
            jsonb_build_object('table', 'nc_erp.gl_period_close',
                               'key', jsonb_build_object('org_code', vouchers.subsidiary_code,
                                                         'fiscal_year', vouchers.fiscal_year,
                                                         'period', vouchers.period),
                               'label', '结账记录 ' || vouchers.subsidiary_code || ' ' || vouchers.fiscal_year || '年'
                                        || vouchers.period || '期')
        ) as source_refs,
        vouchers.voucher_id as flag_key
    from late as vouchers
)

select * from final
