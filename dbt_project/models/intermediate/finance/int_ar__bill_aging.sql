{#- Every open receivable bill with its age on the as-of date and its aging bucket.
    A subsidiary's own aging buckets (std_receivable_aging rows with its code) replace the group default. -#}
with bills as (
    -- net of red-ink (红字) bills: a reversal reduces the bill it reverses and is no open receivable itself
    select * from {{ ref('int_ar__open_bills') }}
    where open_balance > 0
),

buckets as (
    select * from {{ ref('std_receivable_aging') }}
    where {{ in_force(as_of_date()) }}
),

overridden as (
    select distinct subsidiary_code from buckets where subsidiary_code is not null
),

aged as (
    select
        bills.*,
        {{ as_of_date() }} as as_of_date,
        ({{ as_of_date() }} - bills.bill_date) as age_days
    from bills
),

bucketed as (
    select
        aged.*,
        buckets.bucket_code,
        buckets.bucket_name,
        buckets.min_days as bucket_min_days,
        buckets.is_red_flag as is_red_flag_bucket,
        buckets.source as bucket_source,
        buckets.effective_from as bucket_effective_from
    from aged
    left join overridden on overridden.subsidiary_code = aged.subsidiary_code
    inner join buckets
        on aged.age_days >= buckets.min_days
        and (buckets.max_days is null or aged.age_days <= buckets.max_days)
        and (
            buckets.subsidiary_code = aged.subsidiary_code
            or (buckets.subsidiary_code is null and overridden.subsidiary_code is null)
        )
    where aged.bill_date <= {{ as_of_date() }}
),

final as (
    select * from bucketed
)

select * from final
