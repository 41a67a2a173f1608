{#- RF_JE_002 敏感科目整数金额: manual voucher lines in a sensitive account (std_je_sensitive_accounts: 库存现金,
    其他应收款, 业务招待费 and the others it lists) whose amount is a whole multiple of the seeded round unit and
    at least the seeded size. An account is sensitive by its code (prefix) or by its name as NC writes it (the
    normalised account path against the seed's regex: 管理费用\业务招待费, 现金 of the older chart), so a
    subsidiary whose chart numbers the accounts differently is judged too. The row in force on the prepared
    date wins in this order: the subsidiary's own, a code match, the longest prefix. One finding per voucher;
    amount: the round lines. -#}
with lines as (
    select * from {{ ref('int_gl__lines') }}
    where source_type = '手工'
),

standards as (
    select * from {{ ref('std_je_sensitive_accounts') }}
),

{#- The chart of accounts is small: each account is matched to the standard rows once, by code and by name. -#}
accounts as (
    select * from {{ ref('int_gl__accounts') }}
),

account_standards as (
    select
        accounts.account_code,
        standards.*,
        accounts.account_code like standards.account_code_prefix || '%' as matched_by_code
    from accounts
    inner join standards
        on accounts.account_code like standards.account_code_prefix || '%'
        or accounts.account_path_key ~ standards.account_name_regex
),

candidates as (
    select
        lines.*,
        account_standards.account_code_prefix,
        account_standards.account_name as sensitive_account,
        account_standards.round_unit,
        account_standards.min_amount,
        account_standards.effective_from,
        account_standards.source as standard_source,
        account_standards.matched_by_code,
        account_standards.subsidiary_code as standard_subsidiary,
        length(account_standards.account_code_prefix) as prefix_length
    from lines
    inner join account_standards
        on account_standards.account_code = lines.account_code
        and {{ in_force('lines.prepared_date', 'account_standards') }}
        and (account_standards.subsidiary_code = lines.subsidiary_code or account_standards.subsidiary_code is null)
),

applicable as (
    select distinct on (detail_id) *
    from candidates
    order by detail_id, standard_subsidiary is null, matched_by_code desc, prefix_length desc
),

judged as (
    select *
    from applicable
    where amount >= min_amount and mod(amount, round_unit) = 0
),

per_voucher as (
    select
        voucher_id,
        subsidiary_code,
        voucher_label,
        voucher_summary,
        preparer_code,
        preparer_name,
        checker_name,
        prepared_date,
        sum(amount) as amount,
        jsonb_agg(
            jsonb_build_object(
                '分录号', line_no,
                '科目', account_path,
                '敏感科目', sensitive_account,
                '借方金额', debit,
                '贷方金额', credit,
                '整数单位', round_unit,
                '金额下限', min_amount,
                '识别方式', case when matched_by_code then '科目编码' else '科目名称' end,
                '标准出处', standard_source,
                '标准生效日期', effective_from
            ) order by line_no
        ) as round_lines
    from judged
    group by voucher_id, subsidiary_code, voucher_label, voucher_summary, preparer_code, preparer_name,
        checker_name, prepared_date
),

final as (
    select
        'RF_JE_002' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        coalesce(nullif(btrim(preparer_code), ''), preparer_name) as subject_id,
        preparer_name as subject_name,
        to_char(prepared_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '凭证号', voucher_label,
            '摘要', voucher_summary,
            '制单人', preparer_name,
            '审核人', checker_name,
            '制单日期', prepared_date,
            '整数金额合计', amount,
            '整数金额分录', round_lines
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from per_voucher
)

select * from final
