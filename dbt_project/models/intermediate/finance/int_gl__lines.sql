{#- Every general-ledger voucher line with its voucher header (who prepared, checked and posted it, when,
    manual or system), its account (full path, class) and the line amount (debit or credit, whichever is set).
    Incremental on the line key: lines changed since the last run, and every line of a voucher whose header
    changed (checked, posted), with a one-day overlap, are rebuilt; `--full-refresh` gives the same table. -#}
{{ config(
    materialized='incremental',
    unique_key='detail_id',
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['detail_id'], 'unique': true}, {'columns': ['voucher_id']},
             {'columns': ['subsidiary_code', 'fiscal_year', 'period']}],
) }}

with vouchers as (
    select * from {{ ref('stg_nc_erp__gl_voucher') }}
),

{% if is_incremental() %}
{#- The two reasons to rebuild a line as a union of keys, never `a or voucher_id in (...)`: under an OR the
    planner probes the voucher list row by row once it no longer fits in memory (tier M: 3 million lines
    against 450,000 vouchers ran for more than ten minutes). -#}
changed_vouchers as (
    select voucher_id from vouchers
    where modified_at >= (select coalesce(max(voucher_modified_at), '-infinity') - interval '1 day' from {{ this }})
),

changed_lines as (
    select detail_id from {{ ref('stg_nc_erp__gl_voucher_line') }}
    where modified_at >= (select coalesce(max(line_modified_at), '-infinity') - interval '1 day' from {{ this }})
    union
    select detail_id from {{ ref('stg_nc_erp__gl_voucher_line') }}
    where voucher_id in (select voucher_id from changed_vouchers)
),
{% endif %}

lines as (
    select * from {{ ref('stg_nc_erp__gl_voucher_line') }}
    {% if is_incremental() %}
    where detail_id in (select detail_id from changed_lines)
    {% endif %}
),

accounts as (
    select * from {{ ref('stg_nc_erp__accsubj') }}
),

final as (
    select
        -- ids
        lines.detail_id,
        lines.voucher_id,
        lines.line_no,
        vouchers.subsidiary_code,
        vouchers.voucher_no,
        lines.account_code,
        vouchers.preparer_code,
        vouchers.checker_code,
        vouchers.poster_code,
        lines.customer_code,
        lines.supplier_code,
        lines.person_code,
        lines.project_code,
        -- strings
        vouchers.voucher_type,
        {{ gl_voucher_label('vouchers.fiscal_year', 'vouchers.period', 'vouchers.voucher_type', 'vouchers.voucher_no') }}
            as voucher_label,
        {{ norm_voucher_source('vouchers.source_type') }} as source_type,
        vouchers.source_module,
        vouchers.summary as voucher_summary,
        lines.summary,
        accounts.account_name,
        accounts.account_path,
        accounts.account_class,
        vouchers.preparer_name,
        vouchers.checker_name,
        vouchers.poster_name,
        lines.dept_name,
        lines.currency,
        -- amounts and numbers
        lines.debit,
        lines.credit,
        lines.debit + lines.credit as amount,
        vouchers.fiscal_year,
        vouchers.period,
        -- dates
        vouchers.prepared_date,
        vouchers.prepared_at,
        vouchers.checked_at,
        vouchers.posted_at,
        lines.modified_at as line_modified_at,
        vouchers.modified_at as voucher_modified_at
    from lines
    inner join vouchers on vouchers.voucher_id = lines.voucher_id
    left join accounts on accounts.account_code = lines.account_code
)

select * from final
