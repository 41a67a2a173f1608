{#- Hotel stays and the hotel cap that applies to each (RF_EXP_001). A stay is one person in one city from one
    check-in to one check-out, however many lines, invoices or claims it was split over (and however the
    person's code is written: norm_emp_code). The city is matched on
    its normalised key (norm_city) to map_city_province; the cap is the city's own row of std_travel_hotel_caps,
    else its province's default row (city = '其他'; also for a place written under its province that the map
    does not list, 江苏省昆山市), each with a subsidiary's own row winning over the group's;
    the traveller's travel tier is the one held on the check-in date. Lines of a claim turned down (驳回, 退回,
    审批不通过 ...: claim_turned_down) reimbursed nothing and are no part of a stay. A stay that finds no cap is kept, with the
    reason (城市未匹配 / 职级未匹配 / 标准未匹配 / 住宿晚数缺失) in `unmatched_reason`: fct_standard_unmatched
    reports it, nothing is dropped. -#}
{{ config(materialized='table') }}

with lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    where {{ norm_text('expense_type') }} in ('住宿费', '住宿', '酒店住宿费')
        -- a claim turned down (驳回, 退回, 审批不通过 ...) reimbursed no night of the stay
        and not {{ claim_turned_down('approval_status') }}
),

cities as (
    select * from {{ ref('map_city_province') }}
),

caps as (
    select * from {{ ref('std_travel_hotel_caps') }}
),

-- nights as recorded, else from the dates; a red-ink (红字冲销) line records its nights negated and belongs
-- to the stay it reverses, so its nights count as a number of nights, its negative amount nets into the stay
measured as (
    select
        lines.*,
        coalesce(nullif(abs(lines.hotel_nights), 0), nullif(lines.end_date - lines.start_date, 0)) as nights
    from lines
),

stays as (
    select
        -- ids: the stay is named after its first line
        (array_agg(claim_no order by claim_no, line_no))[1] as claim_no,
        (array_agg(line_no order by claim_no, line_no))[1] as line_no,
        (array_agg(subsidiary_code order by claim_no, line_no))[1] as subsidiary_code,
        min(person_code) as person_code,
        -- strings
        min(person_name) as person_name,
        min(rank_name) as rank_name,
        min(travel_tier) as travel_tier,
        min(tier_source) as tier_source,
        min(dest_city) as dest_city,
        dest_city_key,
        string_agg(distinct claim_no, '、') as claim_nos,
        string_agg(coalesce(invoice_key, '（无发票号）'), '、' order by claim_no, line_no) as invoices,
        -- amounts and numbers
        nights,
        count(*) as line_count,
        sum(amount) as amount,
        -- the recorded rate of a single line, else what the stay cost per night
        round(case when count(*) = 1 then coalesce(max(nightly_rate), sum(amount) / nullif(nights, 0))
                   else sum(amount) / nullif(nights, 0) end, 2) as nightly_rate,
        -- dates
        start_date,
        min(end_date) as end_date,
        -- every line of the stay, for the evidence and source references
        jsonb_agg(jsonb_build_object('claim_no', claim_no, 'line_no', line_no) order by claim_no, line_no)
            as line_keys
    from measured
    group by {{ norm_emp_code('person_code') }}, dest_city_key, start_date, nights
),

provinces as (
    select distinct province, province_name from cities
),

-- the city by its short or full name, else a province named on its own (河北省: the province's default) or
-- written before a place the map does not list (江苏省昆山市, a county-level city: the province's default)
located as (
    select
        stays.*,
        coalesce(by_short.city, by_full.city, by_province.province, by_prefix.province) as matched_city,
        coalesce(by_short.province, by_full.province, by_province.province, by_prefix.province) as province
    from stays
    left join cities as by_short on by_short.city = stays.dest_city_key
    left join cities as by_full on by_full.city_name = stays.dest_city_key
    left join provinces as by_province
        on stays.dest_city_key in (by_province.province, by_province.province_name)
    left join provinces as by_prefix
        on by_short.city is null and by_full.city is null and by_province.province is null
        and starts_with(regexp_replace(normalize(stays.dest_city, NFKC), '\s+', '', 'g'), by_prefix.province_name)
),

capped as (
    select
        located.*,
        coalesce(city_cap.cap_per_night, province_cap.cap_per_night) as cap_per_night,
        case when city_cap.city is not null then city_cap.peak_cap_per_night end as peak_cap_per_night,
        case when city_cap.city is not null then city_cap.peak_months end as peak_months,
        coalesce(city_cap.source, province_cap.source) as standard_source,
        coalesce(city_cap.effective_from, province_cap.effective_from) as standard_effective_from,
        case when city_cap.city is not null then '本市标准' when province_cap.city is not null
            then '本省其他地区标准' end as standard_level
    from located
    left join lateral (
        {{ standard_in_force('caps', 'located.start_date', 'located.subsidiary_code',
                             "caps.city = located.matched_city and caps.tier = located.travel_tier") }}
    ) as city_cap on true
    left join lateral (
        {{ standard_in_force('caps', 'located.start_date', 'located.subsidiary_code',
                             "caps.city = '其他' and caps.province = located.province
                              and caps.tier = located.travel_tier") }}
    ) as province_cap on true
),

final as (
    select
        capped.*,
        peak_cap_per_night is not null
            and extract(month from start_date)::text = any(string_to_array(replace(peak_months, ' ', ''), ','))
            as is_peak,
        case
            when nights is null or nights <= 0 then '住宿晚数缺失'
            when province is null then '城市未匹配'
            when travel_tier is null then '职级未匹配'
            when cap_per_night is null then '标准未匹配'
        end as unmatched_reason
    from capped
)

select
    final.*,
    case when is_peak then peak_cap_per_night else cap_per_night end as applied_cap
from final
