{#- RF_EXP_001 超标准住宿: a hotel line whose nightly rate is above the cap for the destination city and the
    traveller's travel tier on the check-in date (peak-season cap in the city's peak months; a subsidiary's
    own caps replace the group default). Amount: the part above the cap, rate minus cap times nights. -#}
with hotel_lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    where expense_type = '住宿费' and nightly_rate is not null and coalesce(hotel_nights, 0) > 0
),

caps as (
    select * from {{ ref('std_travel_hotel_caps') }}
),

judged as (
    select
        hotel_lines.*,
        cap.peak_cap_per_night is not null
            and extract(month from hotel_lines.start_date)::text = any(string_to_array(cap.peak_months, ','))
            as is_peak,
        cap.cap_per_night,
        cap.peak_cap_per_night,
        cap.peak_months,
        cap.source as standard_source
    from hotel_lines
    inner join lateral (
        {{ standard_in_force('caps', 'hotel_lines.start_date', 'hotel_lines.subsidiary_code',
                             'caps.city = hotel_lines.dest_city and caps.tier = hotel_lines.travel_tier') }}
    ) as cap on true
),

over_cap as (
    select
        judged.*,
        case when judged.is_peak then judged.peak_cap_per_night else judged.cap_per_night end as applied_cap
    from judged
),

final as (
    select
        'RF_EXP_001' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        person_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        (nightly_rate - applied_cap) * hotel_nights as amount,
        jsonb_build_object(
            '出差人', person_name,
            '职级', rank_name,
            '差旅职级', travel_tier,
            '城市', dest_city,
            '入住日期', start_date,
            '离店日期', end_date,
            '住宿晚数', hotel_nights,
            '住宿', nightly_rate || ' 元/晚',
            '标准', applied_cap || ' 元/晚',
            '是否旺季', case when is_peak then '是（旺季月份 ' || peak_months || '）' else '否' end,
            '超标金额', (nightly_rate - applied_cap) * hotel_nights,
            '住宿费合计', amount,
            '报销单号', claim_no,
            '发票', invoice_code || '-' || invoice_no,
            '标准出处', standard_source,
            '职级对照出处', tier_source
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行（住宿费）'") }}
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from over_cap
    where nightly_rate > applied_cap
)

select * from final
