{#- Every expense claim line with its claim, the person it concerns (traveller, else claimant; found in HR on
    norm_emp_code, so s01e0012 or " S01-E0012" is S01E0012), the rank that person held on the line's date and the travel tier that rank maps to on that date (a subsidiary's own
    mapping replaces the group default). Incremental: lines or claims changed since the last run (with a
    one-day overlap), and lines whose person had no rank yet, are rebuilt; `--full-refresh` gives the same
    table. A retroactive correction of an existing rank record needs `--full-refresh` of this model. -#}
{{ config(
    materialized='incremental',
    unique_key=['claim_no', 'line_no'],
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns',
    indexes=[{'columns': ['claim_no', 'line_no'], 'unique': true}, {'columns': ['expense_type']}],
) }}

{#- A table built by an earlier version has no normalised keys yet: rebuild every line once (dbt then adds the
    new columns, on_schema_change), never read a column that is not there. -#}
{% set upgrading = is_incremental()
    and 'invoice_key' not in adapter.get_columns_in_relation(this) | map(attribute='name') | list %}

with claims as (
    select * from {{ ref('stg_nc_erp__expense_claim') }}
),

lines as (
    select * from {{ ref('stg_nc_erp__expense_claim_line') }}
    {% if is_incremental() and not upgrading %}
    where modified_at >= (select coalesce(max(line_modified_at), '-infinity') - interval '1 day' from {{ this }})
        or claim_no in (
            select claim_no from claims
            where modified_at >= (select coalesce(max(claim_modified_at), '-infinity') - interval '1 day'
                                  from {{ this }})
        )
        -- lines built while the person's rank was unknown (HR late or quarantined) are judged again
        or (claim_no, line_no) in (select claim_no, line_no from {{ this }} where rank_code is null)
    {% endif %}
),

employees as (
    select * from {{ ref('stg_hr__employee') }}
),

ranks as (
    select * from {{ ref('stg_hr__rank_history') }}
),

tiers as (
    select * from {{ ref('map_hr_rank_travel_tier') }}
),

joined as (
    select
        lines.*,
        claims.subsidiary_code,
        claims.claimant_emp_code,
        claims.claim_type,
        claims.claim_date,
        claims.approval_status,
        claims.oa_request_id,
        claims.summary as claim_summary,
        claims.total_amount as claim_total_amount,
        claims.modified_at as claim_modified_at,
        coalesce(nullif(btrim(lines.traveller_emp_code), ''), claims.claimant_emp_code) as person_code
    from lines
    inner join claims on claims.claim_no = lines.claim_no
),

-- one rank per line even when HR records overlap: the one that started last (a join, not a per-line lookup)
ranked as (
    select distinct on (joined.claim_no, joined.line_no)
        joined.*,
        employees.emp_name as person_name,
        ranks.rank_code
    from joined
    left join employees on {{ norm_emp_code('employees.emp_code') }} = {{ norm_emp_code('joined.person_code') }}
    left join ranks
        on {{ norm_emp_code('ranks.emp_code') }} = {{ norm_emp_code('joined.person_code') }}
        and joined.start_date >= ranks.effective_from
        and (ranks.effective_to is null or joined.start_date <= ranks.effective_to)
    order by joined.claim_no, joined.line_no, ranks.effective_from desc nulls last, ranks.rank_code
),

final as (
    select
        -- ids
        ranked.claim_no,
        ranked.line_no,
        ranked.subsidiary_code,
        ranked.claimant_emp_code,
        ranked.person_code,
        ranked.oa_request_id,
        ranked.invoice_code,
        ranked.invoice_no,
        -- strings
        ranked.person_name,
        ranked.rank_code,
        tier.rank_name,
        tier.travel_tier,
        tier.source as tier_source,
        ranked.claim_type,
        ranked.approval_status,
        ranked.claim_summary,
        ranked.expense_type,
        ranked.origin_city,
        ranked.dest_city,
        ranked.transport_mode,
        ranked.transport_class,
        ranked.vehicle_plate,
        ranked.item_name,
        -- normalised keys
        {{ norm_city('ranked.origin_city') }} as origin_city_key,
        {{ norm_city('ranked.dest_city') }} as dest_city_key,
        {{ norm_code('ranked.transport_mode') }} as transport_mode_key,
        {{ norm_code('ranked.transport_class') }} as transport_class_key,
        {{ norm_plate('ranked.vehicle_plate') }} as plate_key,
        {{ norm_invoice('ranked.invoice_code', 'ranked.invoice_no') }} as invoice_key,
        -- amounts and numbers
        ranked.hotel_nights,
        ranked.nightly_rate,
        ranked.guest_count,
        ranked.accompany_count,
        ranked.amount,
        ranked.claim_total_amount,
        -- dates
        ranked.start_date,
        ranked.end_date,
        ranked.claim_date,
        ranked.modified_at as line_modified_at,
        ranked.claim_modified_at
    from ranked
    left join lateral (
        select tiers.rank_name, tiers.travel_tier, tiers.source
        from tiers
        where tiers.rank_code = ranked.rank_code
            and {{ in_force('ranked.start_date', 'tiers') }}
            and (tiers.subsidiary_code = ranked.subsidiary_code or tiers.subsidiary_code is null)
        order by tiers.subsidiary_code is null
        limit 1
    ) as tier on true
)

select * from final
