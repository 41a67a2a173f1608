{#- The voucher head every journal-entry rule judges: one row per voucher with who prepared, checked and posted
    it (codes and names as recorded, and their normalised keys), when, manual or system, and its totals over its
    lines (0 for a header without lines, which is kept). Rules that judge a voucher (RF_JE_001/003/004/005) read this instead of grouping the lines again.
    Totals are grouped on the voucher key alone and joined to the header (450,000 vouchers at tier M). -#}
{{ config(
    materialized='table',
    indexes=[{'columns': ['voucher_id'], 'unique': true}, {'columns': ['subsidiary_code', 'fiscal_year', 'period']}],
) }}

with vouchers as (
    select * from {{ ref('stg_nc_erp__gl_voucher') }}
),

lines as (
    select * from {{ ref('int_gl__lines') }}
),

totals as (
    select voucher_id, sum(debit) as total_debit, sum(credit) as total_credit, count(*) as line_count
    from lines
    group by voucher_id
),

final as (
    select
        -- ids
        vouchers.voucher_id,
        vouchers.subsidiary_code,
        vouchers.voucher_no,
        vouchers.preparer_code,
        vouchers.checker_code,
        vouchers.poster_code,
        -- normalised keys (macros/normalise.sql): an empty code is no code; an employee code's case,
        -- separators and leading zeros do not make another person (S01E0034 = s01-e034: norm_emp_code)
        {{ norm_emp_code('vouchers.preparer_code') }} as preparer_code_key,
        {{ norm_emp_code('vouchers.checker_code') }} as checker_code_key,
        {{ norm_name('vouchers.preparer_name') }} as preparer_name_key,
        {{ norm_name('vouchers.checker_name') }} as checker_name_key,
        -- strings
        vouchers.voucher_type,
        {{ gl_voucher_label('vouchers.fiscal_year', 'vouchers.period', 'vouchers.voucher_type', 'vouchers.voucher_no') }}
            as voucher_label,
        -- 手工 / 系统 however the export words it (手工录入, 手工凭证, 系统生成 ...: norm_voucher_source)
        {{ norm_voucher_source('vouchers.source_type') }} as source_type,
        vouchers.source_module,
        vouchers.summary as voucher_summary,
        vouchers.preparer_name,
        vouchers.checker_name,
        vouchers.poster_name,
        -- amounts and numbers
        coalesce(totals.total_debit, 0) as total_debit,
        coalesce(totals.total_credit, 0) as total_credit,
        coalesce(totals.line_count, 0) as line_count,
        vouchers.fiscal_year,
        vouchers.period,
        -- dates
        vouchers.prepared_date,
        vouchers.prepared_at,
        vouchers.checked_at,
        vouchers.posted_at
    from vouchers
    left join totals on totals.voucher_id = vouchers.voucher_id
)

select * from final
