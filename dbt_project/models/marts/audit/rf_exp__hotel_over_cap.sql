{#- RF_EXP_001 超标准住宿: a hotel stay whose nightly rate is above the cap for the destination city (a city
    without a row of its own takes its province's 其他地区 cap) and the traveller's travel tier on the check-in
    date (peak-season cap in the city's peak months; a subsidiary's own caps replace the group default). A stay
    split over several lines, invoices or claims is judged as one (int_exp__hotel_stays). Stays that find no
    standard are reported by fct_standard_unmatched, not here. A stay whose claimed amount stays within the
    cap times the nights (the excess paid by the traveller, 超标部分自理) reimbursed nothing above the standard.
    Amount: the part reimbursed above the cap, (rate minus cap) times nights, at most the claimed amount minus
    cap times nights. -#}
with judged_stays as (
    select * from {{ ref('int_exp__hotel_stays') }}
    where unmatched_reason is null
),

stays as (
    select
        judged_stays.*,
        least((nightly_rate - applied_cap) * nights, amount - applied_cap * nights) as excess
    from judged_stays
),

final as (
    select
        'RF_EXP_001' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        person_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        round(excess, 2) as amount,
        jsonb_build_object(
            '出差人', person_name,
            '职级', rank_name,
            '差旅职级', travel_tier,
            '城市', dest_city,
            '标准城市', matched_city || '（' || province || '）',
            '入住日期', start_date,
            '离店日期', end_date,
            '住宿晚数', nights,
            '住宿', round(nightly_rate, 2) || ' 元/晚',
            '标准', applied_cap || ' 元/晚（' || standard_level || '）',
            '是否旺季', case when is_peak then '是（旺季月份 ' || peak_months || '）' else '否' end,
            '超标金额', round(excess, 2),
            '住宿费合计', amount,
            '明细行数', line_count,
            '报销单号', claim_nos,
            '发票', invoices,
            '标准出处', standard_source,
            '标准生效日期', standard_effective_from,
            '职级对照出处', tier_source
        ) as evidence,
        (
            select jsonb_agg(
                {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                              "'报销单 ' || claim_no || ' 第' || line_no || '行（住宿费）'") }}
                order by claim_no, line_no)
            from jsonb_to_recordset(stays.line_keys) as k (claim_no text, line_no integer)
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from stays
    where nightly_rate > applied_cap and excess > 0
)

select * from final
